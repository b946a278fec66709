/** The guide's four steps, the current one marked for assistive technologies. */
export function RegisterSteps({ current }: { current: 1 | 2 | 3 | 4 }) {
  const steps = [
    'votre adresse e-mail et un mot de passe.',
    'votre profil (coordonnées, informations personnelles et professionnelles).',
    'votre espace, à compléter (foyer, enfants, autorisations…).',
    'après validation de votre compte par nos services, les réservations.',
  ];
  return (
    <ol className="steps" aria-label="Les étapes de la création de votre compte">
      {steps.map((text, i) => (
        <li key={i} aria-current={i + 1 === current ? 'step' : undefined}>
          <strong>Étape {i + 1}</strong>&nbsp;: {text}
        </li>
      ))}
    </ol>
  );
}
