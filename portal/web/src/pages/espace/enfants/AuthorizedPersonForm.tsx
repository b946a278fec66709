import { useId } from 'react';
import { authorizedPersonInputSchema } from '../../../../../../shared/schemas/family';
import type { AuthorizedPerson, AuthorizedPersonInput, Child } from '../../../family/types';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { RequiredNote } from '../../../forms/RequiredNote';
import { checkWith } from '../../../forms/issues';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';

const RELATIONSHIPS = ['Grand-mère', 'Grand-père', 'Oncle', 'Tante', 'Frère', 'Sœur', 'Voisin(e)', 'Ami(e) de la famille', 'Assistant(e) maternel(le)'];

interface Props {
  person: AuthorizedPerson | null;
  title?: string;
  submitLabel: string;
  save: (input: AuthorizedPersonInput) => Promise<Child>;
  onCancel: () => void;
  onSaved: (c: Child) => void;
}

// Someone else's details: no autofill with the parent's own.
export function AuthorizedPersonForm({ person, title, submitLabel, save, onCancel, onSaved }: Props) {
  const titleId = useId();
  const listId = useId();
  const form = useForm(
    {
      lastName: person?.lastName ?? '',
      firstName: person?.firstName ?? '',
      mobile: person?.mobile ?? '',
      relationship: person?.relationship ?? '',
    },
    { focusFirst: person === null },
  );
  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(authorizedPersonInputSchema, {
      lastName: v.lastName.trim(),
      firstName: v.firstName.trim(),
      mobile: v.mobile.trim(),
      relationship: v.relationship.trim(),
    });
    onSaved(await save(body));
  });
  return (
    <form
      className="form subform"
      id={form.formId}
      onSubmit={submit}
      noValidate
      aria-busy={form.pending}
      aria-labelledby={title ? titleId : undefined}
    >
      {title && <h3 id={titleId}>{title}</h3>}
      <RequiredNote />
      <TextField form={form} name="lastName" label="Nom" required autoComplete="off" />
      <TextField form={form} name="firstName" label="Prénom" required autoComplete="off" />
      <TextField
        form={form}
        name="mobile"
        label="Téléphone portable"
        type="tel"
        required
        autoComplete="off"
        hint="Exemple : 06 12 34 56 78"
      />
      <TextField
        form={form}
        name="relationship"
        label="Lien avec l’enfant"
        required
        autoComplete="off"
        list={listId}
        hint="Exemple : grand-mère, voisin, oncle"
      />
      <datalist id={listId}>
        {RELATIONSHIPS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <FormAlert form={form} />
      <FormActions submitLabel={submitLabel} pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
