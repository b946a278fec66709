import { mandateInputSchema } from '../../../../../../shared/schemas/family';
import { addMandate } from '../../../family/api';
import type { Mandate } from '../../../family/types';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { RequiredNote } from '../../../forms/RequiredNote';
import { checkWith } from '../../../forms/issues';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';
import { todayInFrance } from '../../../format';

/** IBAN, BIC, titulaire, date de signature — as written on the signed paper mandate. */
export function MandateForm({ onCancel, onAdded }: { onCancel: () => void; onAdded: (m: Mandate) => Promise<void> }) {
  const form = useForm({ iban: '', bic: '', holderName: '', signatureDate: '' }, { focusFirst: true });
  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(mandateInputSchema(todayInFrance()), {
      iban: v.iban,
      bic: v.bic,
      holderName: v.holderName.trim(),
      signatureDate: v.signatureDate,
    });
    await onAdded(await addMandate(body));
  });
  return (
    <form className="form subform" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending} aria-labelledby="nouveau-mandat">
      <h3 id="nouveau-mandat">Nouveau mandat SEPA</h3>
      <RequiredNote />
      <TextField
        form={form}
        name="iban"
        label="IBAN"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint="27 caractères pour un compte français, par exemple FR76 3000 6000 0112 3456 7890 189."
      />
      <TextField
        form={form}
        name="bic"
        label="BIC"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint="8 ou 11 caractères, indiqué sur votre RIB."
      />
      <TextField form={form} name="holderName" label="Titulaire du compte" required autoComplete="name" />
      <TextField
        form={form}
        name="signatureDate"
        label="Date de signature du mandat"
        type="date"
        required
        autoComplete="off"
      />
      <FormAlert form={form} />
      <FormActions submitLabel="Enregistrer le mandat" pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
