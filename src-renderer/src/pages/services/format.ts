/** French labels and explanations of the services configuration. */
import type { ServiceRules } from '../../../../shared/services/rules';
import { formatEuros } from '../../../../shared/tariffs/money';
import type { CalendarDayDto, PeriodDto, ServiceDto, UnitDto } from '../../servicesApi';

export const KIND_LABELS: Record<ServiceDto['kind'], string> = {
  restauration: 'Restauration scolaire',
  periscolaire: 'Périscolaire',
  alsh_mercredi: 'ALSH du mercredi',
  alsh_vacances: 'ALSH vacances',
  autre: 'Autre',
};

export const APPROVAL_LABELS: Record<ServiceDto['approvalMode'], string> = {
  automatic: 'Automatique tant qu’il reste des places',
  manual: 'Par le personnel, dans l’ordre d’arrivée',
};

export const LATE_BOOKING_LABELS: Record<ServiceDto['lateBookingPolicy'], string> = {
  refuse: 'Refusée',
  surcharge: 'Acceptée avec une majoration',
  accept: 'Acceptée',
};

export const LATE_CANCELLATION_LABELS: Record<ServiceDto['lateCancellationPolicy'], string> = {
  billed: 'Facturée',
  free: 'Non facturée',
};

export const NO_PLACE_LABELS: Record<ServiceDto['noPlacePolicy'], string> = {
  refuse: 'Refusée',
  waitlist: 'Mise en liste d’attente',
};

export const WAITLIST_LABELS: Record<ServiceDto['waitlistPromotion'], string> = {
  automatic: 'Acceptée automatiquement quand une place se libère',
  offer: 'Proposée à la famille quand une place se libère',
};

export const REGIME_LABELS: Record<ServiceDto['ratioRegime'], string> = {
  periscolaire: 'Périscolaire (jours d’école et mercredis)',
  extrascolaire: 'Extrascolaire (vacances)',
  none: 'Aucun (restauration scolaire)',
};

export const PERIOD_KIND_LABELS: Record<PeriodDto['kind'], string> = {
  school_year: 'Année scolaire',
  holidays: 'Vacances',
  other: 'Autre',
};

export const PATTERN_LABELS: Record<PeriodDto['dayPattern'], string> = {
  school_days: 'Jours d’école',
  wednesdays: 'Mercredis hors vacances',
  holiday_weekdays: 'Jours de vacances scolaires',
  weekdays: 'Jours choisis, vacances comprises',
};

export const UNIT_KIND_LABELS: Record<UnitDto['kind'], string> = {
  accueil: 'Accueil',
  activite: 'Activité',
};

export const WEEKDAYS = [
  { value: 1, short: 'Lun', label: 'lundi' },
  { value: 2, short: 'Mar', label: 'mardi' },
  { value: 3, short: 'Mer', label: 'mercredi' },
  { value: 4, short: 'Jeu', label: 'jeudi' },
  { value: 5, short: 'Ven', label: 'vendredi' },
  { value: 6, short: 'Sam', label: 'samedi' },
  { value: 7, short: 'Dim', label: 'dimanche' },
] as const;

/** The weekdays a pattern opens on by default. */
export const DEFAULT_WEEKDAYS: Record<PeriodDto['dayPattern'], number[]> = {
  school_days: [1, 2, 4, 5],
  wednesdays: [3],
  holiday_weekdays: [1, 2, 3, 4, 5],
  weekdays: [1, 2, 3, 4, 5],
};

export const DAY_STATUS_LABELS: Record<CalendarDayDto['status'], string> = {
  open: 'ouvert',
  closed: 'fermé',
  school_holiday: 'vacances scolaires',
  public_holiday: 'jour férié',
  no_service: 'sans accueil',
};

/** Cents → "1,00 €". */
export const formatCents = formatEuros;

const longDate = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthTitle = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** `2026-11-18` → "mercredi 18 novembre 2026". */
export function formatLongDate(date: string): string {
  return longDate.format(utc(date));
}

/** `2026-11` → "novembre 2026". */
export function formatMonth(month: string): string {
  const text = monthTitle.format(utc(`${month}-01`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "08:00" → "8 h", "08:30" → "8 h 30". */
export function formatTime(time: string): string {
  const [h = '0', m = '00'] = time.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

export function weekdaysLabel(weekdays: readonly number[]): string {
  return WEEKDAYS.filter((d) => weekdays.includes(d.value))
    .map((d) => d.label)
    .join(', ');
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

/** The rules in plain French, one sentence each, as the guide would say them. */
export function rulesSentences(rules: ServiceRules): string[] {
  const days = plural(rules.deadlineDays, 'jour', 'jours');
  const sentences = [
    rules.deadlineDays === 0
      ? 'Les familles peuvent réserver et annuler jusqu’à la veille.'
      : `Réservations et annulations au plus tard ${days} avant la date.`,
  ];
  if (rules.lateBookingPolicy === 'refuse') sentences.push('Une réservation hors délai est refusée (le personnel peut toujours réserver pour une famille).');
  if (rules.lateBookingPolicy === 'accept') sentences.push('Une réservation hors délai est acceptée sans majoration.');
  if (rules.lateBookingPolicy === 'surcharge') {
    sentences.push(`Une réservation hors délai est acceptée avec une majoration de ${formatCents(rules.lateBookingSurchargeCents)} par jour.`);
  }
  if (rules.unbookedPresenceSurchargeCents > 0) {
    sentences.push(`Un enfant présent sans réservation est accueilli ; la journée est facturée avec ${formatCents(rules.unbookedPresenceSurchargeCents)} de majoration.`);
  }
  if (rules.bookingsFinal) {
    sentences.push('Les réservations sont définitives : toute annulation ou absence est facturée, sauf absence exceptionnelle.');
  } else {
    sentences.push(rules.lateCancellationPolicy === 'billed' ? 'Une annulation hors délai est facturée.' : 'Une annulation hors délai n’est pas facturée.');
  }
  sentences.push(
    rules.approvalMode === 'automatic'
      ? 'Les demandes sont acceptées automatiquement tant qu’il reste des places.'
      : 'Les demandes sont validées par le personnel, dans l’ordre d’arrivée, selon les places disponibles.',
  );
  return sentences;
}
