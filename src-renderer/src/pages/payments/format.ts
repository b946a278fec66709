import { formatEuros } from '../../../../shared/tariffs/money';
import { METHOD_LABELS } from '../../../../shared/schemas/payments';

export { formatEuros, METHOD_LABELS };

export const frDate = (d: string | null): string => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

/** An ISO instant as "26/11/2026 09:00" in Paris time. */
export function frDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export const PAYMENT_STATUS: Record<'confirmed' | 'pending' | 'rejected', { label: string; color: string }> = {
  confirmed: { label: 'Encaissé', color: 'teal' },
  pending: { label: 'En attente', color: 'blue' },
  rejected: { label: 'Rejeté', color: 'red' },
};

export const PAYFIP_STATUS: Record<'created' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'error', { label: string; color: string }> = {
  created: { label: 'En cours', color: 'blue' },
  paid: { label: 'Payée', color: 'teal' },
  refused: { label: 'Refusée', color: 'red' },
  abandoned: { label: 'Abandonnée', color: 'gray' },
  expired: { label: 'Expirée', color: 'gray' },
  error: { label: 'Erreur', color: 'red' },
};

export const RUN_STATUS: Record<'draft' | 'generated' | 'submitted' | 'settled', string> = {
  draft: 'Brouillon',
  generated: 'Fichier généré',
  submitted: 'Transmis à la banque',
  settled: 'Soldé',
};

/** Today in Paris, YYYY-MM-DD (the form's default date; rules use the server's clock). */
export const parisToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
