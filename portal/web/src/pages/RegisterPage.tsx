import { useState } from 'react';
import { Link } from 'react-router';
import { registerSchema } from '../../../../shared/schemas/account';
import { register } from '../accountApi';
import { CheckEmailNotice } from '../components/CheckEmailNotice';
import { RegisterSteps } from '../components/RegisterSteps';
import { FormActions } from '../forms/FormActions';
import { FormAlert } from '../forms/FormAlert';
import { RequiredNote } from '../forms/RequiredNote';
import { checkWith, fail } from '../forms/issues';
import { TextField } from '../forms/TextField';
import { useForm } from '../forms/useForm';
import { PASSWORD_MISMATCH, PASSWORD_RULES } from '../passwordRules';

/** `/creer-mon-compte`, ÉTAPE 1: e-mail and password, "Suivant"; then the confirmation e-mail. */
export function RegisterPage() {
  const form = useForm({ email: '', password: '', confirmation: '' });
  const [sent, setSent] = useState<{ email: string; message: string } | null>(null);

  const submit = form.handleSubmit(async (v) => {
    const body = checkWith(registerSchema, { email: v.email.trim(), password: v.password });
    if (v.confirmation !== v.password) fail('confirmation', PASSWORD_MISMATCH);
    const res = await register(body);
    setSent({ email: body.email, message: res.message });
  });

  return (
    <>
      <title>Créer mon compte — Portail famille</title>
      <h1>Créer mon compte famille</h1>
      <p className="lead">
        Vous venez d’arriver sur la commune ou c’est votre première inscription à l’un de nos services ? Créez
        votre compte sur le portail famille.
      </p>
      <RegisterSteps current={1} />

      {sent ? (
        <CheckEmailNotice email={sent.email} message={sent.message} onChangeEmail={() => setSent(null)} />
      ) : (
        <section className="panel" aria-labelledby="etape-1">
          <h2 id="etape-1">Étape 1 : identifiants de connexion</h2>
          <form className="form" id={form.formId} onSubmit={submit} noValidate aria-busy={form.pending}>
            <RequiredNote />
            <TextField
              form={form}
              name="email"
              label="Adresse e-mail"
              type="email"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoComplete="username"
              hint="Elle sera votre identifiant. Entrez une adresse valide : un lien de confirmation y sera envoyé."
            />
            <TextField
              form={form}
              name="password"
              label="Mot de passe"
              type="password"
              required
              autoComplete="new-password"
              hint={PASSWORD_RULES}
            />
            <TextField
              form={form}
              name="confirmation"
              label="Confirmation du mot de passe"
              type="password"
              required
              autoComplete="new-password"
            />
            <FormAlert form={form} />
            <FormActions submitLabel="Suivant" pending={form.pending} pendingLabel="Envoi en cours…">
              <Link to="/">Annuler</Link>
            </FormActions>
          </form>
        </section>
      )}
    </>
  );
}
