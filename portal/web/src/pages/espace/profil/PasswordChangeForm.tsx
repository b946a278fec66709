import { changePasswordSchema } from '../../../../../../shared/schemas/account';
import { changePassword } from '../../../accountApi';
import { PASSWORD_MISMATCH, PASSWORD_RULES } from '../../../passwordRules';
import { FormActions } from '../../../forms/FormActions';
import { FormAlert } from '../../../forms/FormAlert';
import { checkWith, fail } from '../../../forms/issues';
import { TextField } from '../../../forms/TextField';
import { useForm } from '../../../forms/useForm';

export function PasswordChangeForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: (notice: string) => void }) {
  const form = useForm({ currentPassword: '', newPassword: '', confirmation: '' });
  const submit = form.handleSubmit(async (values) => {
    const body = checkWith(changePasswordSchema, { currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (values.confirmation !== values.newPassword) fail('confirmation', PASSWORD_MISMATCH);
    const res = await changePassword(body);
    onSaved(res?.message ?? 'Votre mot de passe est modifié. Vos autres sessions ont été fermées.');
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      <TextField
        form={form}
        name="currentPassword"
        label="Mot de passe actuel"
        type="password"
        required
        autoComplete="current-password"
      />
      <TextField
        form={form}
        name="newPassword"
        label="Nouveau mot de passe"
        type="password"
        required
        autoComplete="new-password"
        hint={PASSWORD_RULES}
      />
      <TextField
        form={form}
        name="confirmation"
        label="Confirmation du nouveau mot de passe"
        type="password"
        required
        autoComplete="new-password"
      />
      <FormAlert form={form} />
      <FormActions submitLabel="Enregistrer" pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
