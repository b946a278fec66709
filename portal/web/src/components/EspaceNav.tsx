import { NavLink } from 'react-router';

export const ESPACE_SECTIONS = [
  { to: '/espace/profil', label: 'Mon profil' },
  { to: '/espace/foyer', label: 'Mon foyer' },
  { to: '/espace/enfants', label: 'Mes enfants' },
  { to: '/espace/documents', label: 'Documents' },
  { to: '/espace/reservations', label: 'Réservations' },
  { to: '/espace/factures', label: 'Factures' },
] as const;

/** The sections of "Mon espace", after its home page (the state of the file, ÉTAPE 4). */
export function EspaceNav() {
  return (
    <nav className="espace-nav" aria-label="Mon espace">
      <ul>
        <li>
          <NavLink to="/espace" end>
            Accueil
          </NavLink>
        </li>
        {ESPACE_SECTIONS.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to}>{section.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
