import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <title>Page introuvable — Portail famille</title>
      <h1>Page introuvable</h1>
      <p>L’adresse demandée ne correspond à aucune page du portail.</p>
      <p>
        <Link to="/">Retour à l’accueil</Link>
      </p>
    </>
  );
}
