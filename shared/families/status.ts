import type { FamilyStatus } from '../db/tables/families.table';

/** ÉTAPE 4 of the guide: reservations open only once staff have validated the account. */
export const reservationsOpen = (status: FamilyStatus): boolean => status === 'validated';

/** What the parent reads about their account, in the guide's words. */
export function statusMessage(status: FamilyStatus, reason: string | null): string {
  switch (status) {
    case 'email_unverified':
      return 'Confirmez votre adresse e-mail en cliquant sur le lien de validation que vous avez reçu par courriel.';
    case 'profile_incomplete':
      return 'Complétez votre dossier (profil, foyer, enfants, documents) puis transmettez-le pour validation.';
    case 'awaiting_validation':
      return 'Votre dossier est en cours de validation par le pôle enfance-jeunesse. La partie « Réservations » sera accessible dès sa validation.';
    case 'validated':
      return 'Votre compte est validé : vous pouvez effectuer vos réservations.';
    case 'rejected':
      return `Votre dossier n'a pas été validé${reason ? ` : ${reason}` : '.'} Corrigez-le puis transmettez-le de nouveau.`;
    case 'suspended':
      return `Votre compte est suspendu${reason ? ` : ${reason}` : '.'} Contactez le pôle enfance-jeunesse.`;
    case 'archived':
      return 'Ce compte est archivé. Contactez le pôle enfance-jeunesse.';
  }
}
