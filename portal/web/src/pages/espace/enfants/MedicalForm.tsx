import { medicalInputSchema } from '../../../../../../shared/schemas/family';
import { saveMedical } from '../../../family/api';
import { DIET_LABELS } from '../../../family/labels';
import type { Child, Diet } from '../../../family/types';
import { CheckboxField } from '../../../forms/CheckboxField';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { checkWith } from '../../../forms/issues';
import { RadioGroupField } from '../../../forms/RadioGroupField';
import { SelectField } from '../../../forms/SelectField';
import { TextAreaField } from '../../../forms/TextAreaField';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';
import { orNull } from '../../../format';

const DIETS = (Object.keys(DIET_LABELS) as Diet[]).map((value) => ({ value, label: DIET_LABELS[value] }));
const isDiet = (v: string): v is Diet => v in DIET_LABELS;

const VACCINATIONS = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
  { value: '', label: 'Je ne sais pas' },
] as const;

export function MedicalForm({ child, onCancel, onSaved }: { child: Child; onCancel: () => void; onSaved: (c: Child) => void }) {
  const m = child.medical;
  const form = useForm({
    allergies: m.allergies ?? '',
    hasPai: m.hasPai,
    paiDetails: m.paiDetails ?? '',
    diet: m.diet as string,
    dietDetails: m.dietDetails ?? '',
    doctorName: m.doctorName ?? '',
    doctorPhone: m.doctorPhone ?? '',
    vaccinationsUpToDate: m.vaccinationsUpToDate === null ? '' : m.vaccinationsUpToDate ? 'oui' : 'non',
    vaccinationNotes: m.vaccinationNotes ?? '',
    otherNotes: m.otherNotes ?? '',
  });
  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(medicalInputSchema, {
      allergies: orNull(v.allergies),
      hasPai: v.hasPai,
      paiDetails: v.hasPai ? orNull(v.paiDetails) : null,
      diet: isDiet(v.diet) ? v.diet : 'standard',
      dietDetails: orNull(v.dietDetails),
      doctorName: orNull(v.doctorName),
      doctorPhone: orNull(v.doctorPhone),
      vaccinationsUpToDate: v.vaccinationsUpToDate === '' ? null : v.vaccinationsUpToDate === 'oui',
      vaccinationNotes: orNull(v.vaccinationNotes),
      otherNotes: orNull(v.otherNotes),
    });
    onSaved(await saveMedical(child.id, body));
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      <TextAreaField form={form} name="allergies" label="Allergies" hint="Aliments, médicaments, piqûres… Laissez vide s’il n’y en a pas." />
      <CheckboxField form={form} name="hasPai" label="Mon enfant a un PAI (projet d’accueil individualisé)" />
      {form.values.hasPai && (
        <TextAreaField
          form={form}
          name="paiDetails"
          label="Détails du PAI"
          hint="Le document du PAI signé se transmet dans la rubrique Documents."
        />
      )}
      <SelectField form={form} name="diet" label="Régime alimentaire" options={DIETS} autoComplete="off" />
      <TextField form={form} name="dietDetails" label="Précisions sur le régime" autoComplete="off" />
      <TextField form={form} name="doctorName" label="Médecin traitant" autoComplete="off" />
      <TextField form={form} name="doctorPhone" label="Téléphone du médecin" type="tel" autoComplete="off" />
      <RadioGroupField form={form} name="vaccinationsUpToDate" legend="Vaccinations obligatoires à jour ?" options={VACCINATIONS} />
      <TextAreaField form={form} name="vaccinationNotes" label="Précisions sur les vaccinations" />
      <TextAreaField form={form} name="otherNotes" label="Autres informations médicales" />
      <FormAlert form={form} />
      <FormActions submitLabel="Enregistrer" pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
