import { NavLink } from 'react-router';

export const ESPACE_SECTIONS = [
  { to: '/espace/profil', label: 'Mon profil' },
  { to: '/espace/foyer', label: 'Mon foyer' },
  { to: '/espace/enfants', label: 'Mes enfants' },
  { to: '/espace/documents', label: 'Documents' },
  { to: '/espace/reservations', label: 'Réservations' },
  { to: '/espace/factures', label: 'Factures' },
] as const;

/** The sections of "Mon espace". */
export function EspaceNav() {
  return (
    <nav className="espace-nav" aria-label="Mon espace">
      <ul>
        {ESPACE_SECTIONS.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to}>{section.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
