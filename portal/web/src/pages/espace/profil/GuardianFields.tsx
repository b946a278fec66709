import type { ReactNode } from 'react';
import { SelectField } from '../../../forms/SelectField';
import { TextField } from '../../../forms/TextField';
import type { FormController } from '../../../forms/useForm';
import type { GuardianValues } from './guardianValues';

export type GuardianGroup = 'coordonnees' | 'personnelles' | 'professionnelles';

export const GUARDIAN_GROUP_TITLES: Record<GuardianGroup, string> = {
  coordonnees: 'Coordonnées',
  personnelles: 'Informations personnelles',
  professionnelles: 'Informations professionnelles',
};

const CIVILITIES = [
  { value: '', label: 'Non précisée' },
  { value: 'Mme', label: 'Madame' },
  { value: 'M.', label: 'Monsieur' },
] as const;

interface Props {
  form: FormController<GuardianValues>;
  groups: readonly GuardianGroup[];
  /** The conjoint: an e-mail field, and no autofill with the parent's own details. */
  conjoint?: boolean;
}

/** The guide's profile blocks: coordonnées, informations personnelles, informations professionnelles. */
export function GuardianFields({ form, groups, conjoint = false }: Props) {
  // autocomplete describes the person filling the form; the conjoint's details are someone else's.
  const ac = (token: string) => (conjoint ? 'off' : token);
  const blocks: Record<GuardianGroup, ReactNode> = {
    personnelles: (
      <>
        <SelectField form={form} name="civility" label="Civilité" options={CIVILITIES} autoComplete={ac('honorific-prefix')} />
        <TextField form={form} name="lastName" label="Nom" required autoComplete={ac('family-name')} />
        <TextField form={form} name="firstName" label="Prénom" required autoComplete={ac('given-name')} />
        <TextField
          form={form}
          name="birthDate"
          label="Date de naissance"
          type="date"
          autoComplete={ac('bday')}
        />
        {conjoint && (
          <TextField
            form={form}
            name="email"
            label="Adresse e-mail"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </>
    ),
    coordonnees: (
      <>
        {!conjoint && (
          <p className="field__hint">
            Une adresse complète et au moins un numéro de téléphone sont nécessaires pour transmettre votre dossier.
          </p>
        )}
        <TextField form={form} name="addressLine1" label="Adresse" autoComplete={ac('address-line1')} />
        <TextField form={form} name="addressLine2" label="Complément d’adresse" autoComplete={ac('address-line2')} />
        <TextField
          form={form}
          name="postalCode"
          label="Code postal"
          inputMode="numeric"
          maxLength={5}
          autoComplete={ac('postal-code')}
        />
        <TextField form={form} name="city" label="Commune" autoComplete={ac('address-level2')} />
        <TextField
          form={form}
          name="phoneMobile"
          label="Téléphone portable"
          type="tel"
          hint="Exemple : 06 12 34 56 78"
          autoComplete={ac('mobile tel-national')}
        />
        <TextField form={form} name="phoneHome" label="Téléphone fixe" type="tel" autoComplete={ac('home tel-national')} />
      </>
    ),
    professionnelles: (
      <>
        <TextField form={form} name="employer" label="Employeur" autoComplete={ac('organization')} />
        <TextField form={form} name="profession" label="Profession" autoComplete={ac('organization-title')} />
        <TextField
          form={form}
          name="phoneWork"
          label="Téléphone professionnel"
          type="tel"
          autoComplete={ac('work tel-national')}
        />
      </>
    ),
  };

  if (groups.length === 1 && groups[0]) return blocks[groups[0]];
  return (
    <>
      {groups.map((group) => (
        <fieldset key={group} className="fieldset">
          <legend>{GUARDIAN_GROUP_TITLES[group]}</legend>
          {blocks[group]}
        </fieldset>
      ))}
    </>
  );
}
