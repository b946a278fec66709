import { emailOnlySchema } from '../../../../shared/schemas/account';
import { resendVerification } from '../accountApi';
import { FormActions } from '../forms/FormActions';
import { FormAlert } from '../forms/FormAlert';
import { StatusNotice } from '../forms/StatusNotice';
import { checkWith } from '../forms/issues';
import { TextField } from '../forms/TextField';
import { useForm } from '../forms/useForm';

/** A new confirmation link for an address typed again (the link was used, expired or lost). */
export function ResendLinkForm() {
  const form = useForm({ email: '' });
  const submit = form.handleSubmit(async (v) => {
    const res = await resendVerification(checkWith(emailOnlySchema, { email: v.email.trim() }).email);
    return res.message;
  });
  return (
    <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
      <TextField
        form={form}
        name="email"
        label="Adresse e-mail du compte"
        type="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoComplete="email"
      />
      <FormAlert form={form} />
      <StatusNotice message={form.notice} />
      <FormActions submitLabel="Renvoyer le lien" pending={form.pending} pendingLabel="Envoi en cours…" />
    </form>
  );
}
