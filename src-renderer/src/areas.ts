/** The back-office areas, in navbar order, with the roles that may open them. */
import type { StaffRole } from './types';

export type AreaId =
  | 'dashboard'
  | 'families'
  | 'requests'
  | 'places'
  | 'attendance'
  | 'exports'
  | 'invoicing'
  | 'payments'
  | 'services'
  | 'tariffs'
  | 'calendar'
  | 'content'
  | 'portal'
  | 'outbox'
  | 'settings';

export interface Area {
  id: AreaId;
  label: string;
  path: string;
  roles: readonly StaffRole[];
}

const ALL: readonly StaffRole[] = ['admin', 'agent', 'animateur'];
const OFFICE: readonly StaffRole[] = ['admin', 'agent'];
const ADMIN: readonly StaffRole[] = ['admin'];

export const AREAS: readonly Area[] = [
  { id: 'dashboard', label: 'Tableau de bord', path: '/', roles: ALL },
  { id: 'families', label: 'Familles', path: '/familles', roles: OFFICE },
  { id: 'requests', label: 'Demandes', path: '/demandes', roles: OFFICE },
  { id: 'places', label: 'Places et encadrement', path: '/places', roles: OFFICE },
  { id: 'attendance', label: 'Présences', path: '/presences', roles: ALL },
  { id: 'exports', label: 'Exports', path: '/exports', roles: OFFICE },
  { id: 'invoicing', label: 'Facturation', path: '/facturation', roles: OFFICE },
  { id: 'payments', label: 'Paiements', path: '/paiements', roles: OFFICE },
  { id: 'services', label: 'Services', path: '/services', roles: ADMIN },
  { id: 'tariffs', label: 'Tarifs', path: '/tarifs', roles: ADMIN },
  { id: 'calendar', label: 'Calendrier scolaire', path: '/calendrier', roles: ADMIN },
  { id: 'content', label: 'Actualités et infos', path: '/contenus', roles: OFFICE },
  { id: 'portal', label: 'Portail', path: '/portail', roles: OFFICE },
  { id: 'outbox', label: 'Courriels', path: '/courriels', roles: OFFICE },
  { id: 'settings', label: 'Paramètres', path: '/parametres', roles: ADMIN },
];

export function canOpen(area: Area, role: StaffRole): boolean {
  return area.roles.includes(role);
}

export function areasFor(role: StaffRole): Area[] {
  return AREAS.filter((area) => canOpen(area, role));
}

export function area(id: AreaId): Area {
  const found = AREAS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`Unknown area ${id}`);
  return found;
}
