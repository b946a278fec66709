import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ResendLinkButton } from './ResendLinkButton';

/** After ÉTAPE 1: the guide's NB, "pensez à bien confirmer votre adresse mail…", and "Renvoyer le lien". */
export function CheckEmailNotice({ email, message, onChangeEmail }: { email: string; message: string; onChangeEmail: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form that had the focus is gone: the next step's title takes it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="confirmez">
      <h2 id="confirmez" ref={heading} tabIndex={-1}>
        Confirmez votre adresse e-mail
      </h2>
      <div role="status" className="alert alert--success">
        <p>{message}</p>
      </div>
      <p>
        <strong>Important :</strong> pensez à bien confirmer votre adresse mail en cliquant sur le lien de validation
        que vous recevrez par mail à l’adresse <strong>{email}</strong>. Le lien est valable 48 heures et ne sert
        qu’une fois.
      </p>
      <p>
        Rien reçu après quelques minutes ? Regardez dans vos courriers indésirables, vérifiez l’adresse saisie, ou
        demandez un nouveau lien.
      </p>
      <ResendLinkButton email={email} />
      <div className="form__actions">
        <button type="button" className="button button--link" onClick={onChangeEmail}>
          Corriger l’adresse e-mail
        </button>
        <Link to="/">Retour à l’accueil</Link>
      </div>
    </section>
  );
}
