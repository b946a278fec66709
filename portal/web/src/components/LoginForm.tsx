import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { login, toApiError, type ApiError } from '../api';
import { ErrorAlert } from './ErrorAlert';

/** "Votre espace de connexion": e-mail + password, then /espace. */
export function LoginForm() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await login({ email: email.trim(), password });
      await navigate('/espace');
    } catch (e) {
      setError(toApiError(e));
      setPending(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-busy={pending}>
      <ErrorAlert error={error} />
      <div className="field">
        <label htmlFor="login-email">Identifiant</label>
        <p id="login-email-hint" className="field__hint">
          Votre adresse e-mail
        </p>
        <input
          id="login-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          aria-describedby="login-email-hint"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">Mot de passe</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          Se connecter
        </button>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </div>
      {pending && <p className="muted">Connexion en cours…</p>}
    </form>
  );
}
