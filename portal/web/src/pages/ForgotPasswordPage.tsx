import { Link } from 'react-router';
import { emailOnlySchema } from '../../../../shared/schemas/account';
import { forgotPassword } from '../accountApi';
import { FormActions } from '../forms/FormActions';
import { FormAlert } from '../forms/FormAlert';
import { StatusNotice } from '../forms/StatusNotice';
import { checkWith } from '../forms/issues';
import { TextField } from '../forms/TextField';
import { useForm } from '../forms/useForm';

/** `/mot-de-passe-oublie`: the same answer whether the address has an account or not. */
export function ForgotPasswordPage() {
  const form = useForm({ email: '' });
  const submit = form.handleSubmit(async (v) => {
    const res = await forgotPassword(checkWith(emailOnlySchema, { email: v.email.trim() }).email);
    return res.message;
  });
  return (
    <>
      <title>Mot de passe oublié — Portail famille</title>
      <h1>Mot de passe oublié</h1>
      <section className="panel" aria-labelledby="oubli">
        <h2 id="oubli">Recevoir un lien pour choisir un nouveau mot de passe</h2>
        <p>
          Indiquez l’adresse e-mail de votre compte : si elle correspond à un compte, vous recevrez un lien valable 2
          heures pour choisir un nouveau mot de passe.
        </p>
        <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
          <TextField
            form={form}
            name="email"
            label="Adresse e-mail"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoComplete="email"
          />
          <FormAlert form={form} />
          <StatusNotice message={form.notice} />
          <FormActions submitLabel="Envoyer le lien" pending={form.pending} pendingLabel="Envoi en cours…">
            <Link to="/">Retour à l’accueil</Link>
          </FormActions>
        </form>
      </section>
    </>
  );
}
