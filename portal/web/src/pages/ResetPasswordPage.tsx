import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { resetPasswordSchema } from '../../../../shared/schemas/account';
import { resetPassword } from '../accountApi';
import { SuccessPanel } from '../components/SuccessPanel';
import { FormActions } from '../forms/FormActions';
import { FormAlert } from '../forms/FormAlert';
import { RequiredNote } from '../forms/RequiredNote';
import { checkWith, fail } from '../forms/issues';
import { TextField } from '../forms/TextField';
import { useForm } from '../forms/useForm';
import { PASSWORD_MISMATCH, PASSWORD_RULES } from '../passwordRules';

/** `/reinitialiser-mot-de-passe?token=…`: a new password, then back to the login form. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useForm({ password: '', confirmation: '' });
  const [done, setDone] = useState<string | null>(null);

  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(resetPasswordSchema, { token, password: v.password });
    if (v.confirmation !== v.password) fail('confirmation', PASSWORD_MISMATCH);
    setDone((await resetPassword(body)).message);
  });

  return (
    <>
      <title>Nouveau mot de passe — Portail famille</title>
      <h1>Choisir un nouveau mot de passe</h1>
      {done ? (
        <SuccessPanel>
          <p>{done}</p>
          <p>
            <Link to="/">Se connecter</Link>
          </p>
        </SuccessPanel>
      ) : (
        <section className="panel" aria-labelledby="nouveau-mdp">
          <h2 id="nouveau-mdp">Votre nouveau mot de passe</h2>
          <p>Pour votre sécurité, toutes les connexions ouvertes à votre compte seront fermées.</p>
          <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
            <RequiredNote />
            <TextField
              form={form}
              name="password"
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
            <FormActions submitLabel="Enregistrer le mot de passe" pending={form.pending} />
          </form>
          {form.failure && (
            <p>
              Le lien ne fonctionne plus ? <Link to="/mot-de-passe-oublie">Demandez un nouveau lien</Link>.
            </p>
          )}
        </section>
      )}
    </>
  );
}
