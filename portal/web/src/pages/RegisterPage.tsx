import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { register, toApiError, type ApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';

export const REGISTER_UNAVAILABLE =
  'La création de compte en ligne ouvre prochainement. Contactez le pôle enfance-jeunesse.';

type Outcome = { kind: 'error'; error: ApiError | null; message: string | null } | { kind: 'done'; message: string };

/** `/creer-mon-compte`, ÉTAPE 1: e-mail and password. */
export function RegisterPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (password !== confirmation) {
      setOutcome({ kind: 'error', error: null, message: 'Les deux mots de passe saisis ne sont pas identiques.' });
      return;
    }
    setPending(true);
    setOutcome(null);
    try {
      const res = await register({ email: email.trim(), password });
      setOutcome({ kind: 'done', message: res.message });
    } catch (e) {
      const error = toApiError(e);
      setOutcome(
        error.status === 404
          ? { kind: 'error', error: null, message: REGISTER_UNAVAILABLE }
          : { kind: 'error', error, message: null },
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <title>Créer mon compte — Portail famille</title>
      <h1>Créer mon compte famille</h1>
      <p className="lead">
        Vous venez d’arriver sur la commune ou c’est votre première inscription à l’un de nos services ? Créez
        votre compte sur le portail famille.
      </p>
      <ol className="steps">
        <li aria-current="step">
          <strong>Étape 1</strong>&nbsp;: votre adresse e-mail et un mot de passe.
        </li>
        <li>
          <strong>Étape 2</strong>&nbsp;: votre profil (coordonnées, informations personnelles et professionnelles).
        </li>
        <li>
          <strong>Étape 3</strong>&nbsp;: votre espace, à compléter (foyer, enfants, autorisations…).
        </li>
        <li>
          <strong>Étape 4</strong>&nbsp;: après validation de votre compte par nos services, les réservations.
        </li>
      </ol>

      {outcome?.kind === 'done' ? (
        <div role="status" className="alert alert--success">
          <p>{outcome.message}</p>
          <p>
            Pensez à confirmer votre adresse e-mail en cliquant sur le lien de validation que vous allez recevoir
            par e-mail.
          </p>
          <p>
            <Link to="/">Retour à l’accueil</Link>
          </p>
        </div>
      ) : (
        <section className="panel" aria-labelledby="etape-1">
          <h2 id="etape-1">Étape 1 : identifiants de connexion</h2>
          <form className="form" onSubmit={onSubmit} aria-busy={pending}>
            {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} message={outcome.message} />}
            <div className="field">
              <label htmlFor="register-email">Adresse e-mail</label>
              <p id="register-email-hint" className="field__hint">
                Elle sera votre identifiant. Entrez une adresse valide : un lien de confirmation y sera envoyé.
              </p>
              <input
                id="register-email"
                name="email"
                type="email"
                inputMode="email"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                aria-describedby="register-email-hint"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="register-password">Mot de passe</label>
              <input
                id="register-password"
                name="password"
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="register-confirmation">Confirmation du mot de passe</label>
              <input
                id="register-confirmation"
                name="confirmation"
                type="password"
                autoComplete="new-password"
                required
                value={confirmation}
                onChange={(e) => setConfirmation(e.target.value)}
              />
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary">
                Suivant
              </button>
              <Link to="/">Annuler</Link>
            </div>
            {pending && <p className="muted">Envoi en cours…</p>}
          </form>
        </section>
      )}
    </>
  );
}
