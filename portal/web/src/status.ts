import type { FamilyStatus } from './types';

export const FAMILY_STATUS_LABELS: Record<FamilyStatus, string> = {
  email_unverified: 'Adresse e-mail à confirmer',
  profile_incomplete: 'Profil à compléter',
  awaiting_validation: 'En attente de validation par nos services',
  validated: 'Compte validé',
  rejected: 'Compte refusé',
  suspended: 'Compte suspendu',
  archived: 'Compte archivé',
};
