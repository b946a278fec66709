import { Link } from 'react-router';

// The server words what is missing; the section to open is recognised from those words.
const SECTIONS: { test: RegExp; to: string; label: string }[] = [
  { test: /profil|adresse|téléphone|nom et prénom/i, to: '/espace/profil', label: 'Mon profil' },
  { test: /enfant/i, to: '/espace/enfants', label: 'Mes enfants' },
  { test: /attestation|document|justificatif|transmettez/i, to: '/espace/documents', label: 'Documents' },
  { test: /conjoint|foyer|quotient|caf|mandat/i, to: '/espace/foyer', label: 'Mon foyer' },
];

/** `completeness.missing` as a to-do list, each item linked to its section of "Mon espace". */
export function MissingChecklist({ missing }: { missing: string[] }) {
  return (
    <ul className="checklist">
      {missing.map((sentence) => {
        const section = SECTIONS.find((s) => s.test.test(sentence));
        return (
          <li key={sentence}>
            <span>{sentence}</span>
            {section && (
              <>
                {' '}
                <Link to={section.to}>
                  Ouvrir « {section.label} »
                </Link>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
