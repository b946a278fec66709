export const COMING_SOON = 'Cette rubrique sera disponible prochainement.';

/** A section of "Mon espace" not delivered yet. */
export function ComingSoonPage({ title, description }: { title: string; description: string }) {
  return (
    <>
      <title>{`${title} — Portail famille`}</title>
      <h1>{title}</h1>
      <p className="muted">{description}</p>
      <p className="notice">{COMING_SOON}</p>
    </>
  );
}
