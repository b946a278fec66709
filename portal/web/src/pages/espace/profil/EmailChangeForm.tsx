import { changeEmailSchema } from '../../../../../../shared/schemas/account';
import { changeEmail } from '../../../accountApi';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { checkWith } from '../../../forms/issues';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';

/** New address + current password; the change takes effect once the link sent to the new address is clicked. */
export function EmailChangeForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: (notice: string) => void }) {
  const form = useForm({ newEmail: '', currentPassword: '' });
  const submit = form.handleSubmit(async (values) => {
    const res = await changeEmail(checkWith(changeEmailSchema, { newEmail: values.newEmail.trim(), currentPassword: values.currentPassword }));
    onSaved(res.message);
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      <TextField
        form={form}
        name="newEmail"
        label="Nouvelle adresse e-mail"
        type="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoComplete="email"
        hint="Un lien de confirmation y sera envoyé : votre identifiant change quand vous cliquez dessus."
      />
      <TextField
        form={form}
        name="currentPassword"
        label="Mot de passe actuel"
        type="password"
        required
        autoComplete="current-password"
      />
      <FormAlert form={form} />
      <FormActions submitLabel="Enregistrer" pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
