import type { ReactNode } from 'react';
import { CheckboxField } from '../../../forms/CheckboxField';
import { SelectField } from '../../../forms/SelectField';
import { TextAreaField } from '../../../forms/TextAreaField';
import { TextField } from '../../../forms/TextField';
import type { FormController } from '../../../forms/useForm';
import type { ChildValues } from './childValues';

export type ChildGroup = 'identite' | 'ecole' | 'complementaires';

export const CHILD_GROUP_TITLES: Record<ChildGroup, string> = {
  identite: 'Identité',
  ecole: 'École et classe',
  complementaires: 'Informations complémentaires',
};

const SEXES = [
  { value: '', label: 'Non précisé' },
  { value: 'F', label: 'Fille' },
  { value: 'M', label: 'Garçon' },
] as const;

export const CLASS_LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6e', '5e', '4e', '3e'];

// The child's details are not the parent's own: no autofill (autocomplete="off").
export function ChildFields({ form, groups }: { form: FormController<ChildValues>; groups: readonly ChildGroup[] }) {
  const blocks: Record<ChildGroup, ReactNode> = {
    identite: (
      <>
        <TextField form={form} name="lastName" label="Nom" required autoComplete="off" />
        <TextField form={form} name="firstName" label="Prénom" required autoComplete="off" />
        <TextField
          form={form}
          name="birthDate"
          label="Date de naissance"
          type="date"
          required
          autoComplete="off"
        />
        <SelectField form={form} name="sex" label="Sexe" options={SEXES} autoComplete="off" />
      </>
    ),
    ecole: (
      <>
        <TextField form={form} name="school" label="École" autoComplete="off" hint="Exemple : École publique Les Tilleuls" />
        <TextField
          form={form}
          name="classLevel"
          label="Classe"
          autoComplete="off"
          list="classes-suggerees"
          hint="Exemple : PS, MS, GS, CP, CE1, CE2, CM1, CM2"
        />
        <datalist id="classes-suggerees">
          {CLASS_LEVELS.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </>
    ),
    complementaires: (
      <>
        <CheckboxField
          form={form}
          name="imageRights"
          label="J’autorise la commune à photographier ou filmer mon enfant lors des activités (droit à l’image)"
        />
        <CheckboxField form={form} name="mayLeaveAlone" label="Mon enfant est autorisé à rentrer seul" />
        <TextAreaField form={form} name="notes" label="Autres informations utiles à l’équipe" />
      </>
    ),
  };
  if (groups.length === 1 && groups[0]) return blocks[groups[0]];
  return (
    <>
      {groups.map((group) => (
        <fieldset key={group} className="fieldset">
          <legend>{CHILD_GROUP_TITLES[group]}</legend>
          {blocks[group]}
        </fieldset>
      ))}
    </>
  );
}
