/** The e-mail a family receives about a request: each line and its state, in the guide's words. */
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Commune } from '../settings/definitions';
import { compose, portalLink, type EmailText } from '../validation/emails';
import { parisWallTime } from '../services/parisTime';
import { formatEuros } from '../tariffs/money';
import { frenchDate, STATUS_LABELS } from './rules';

export interface EmailLine {
  action: 'book' | 'cancel';
  date: string;
  childName: string;
  serviceName: string;
  unitName: string;
  outcome: BookingStatus;
  reason: string | null;
  surchargeCents: number;
  stillBilled: boolean;
}

/** "09/12/2026 — Léo Lefèvre — ALSH du mercredi — Journée : EN ATTENTE DE TRAITEMENT". */
export function emailLineText(line: EmailLine): string {
  const head = `${frenchDate(line.date)} — ${line.childName} — ${line.serviceName} — ${line.unitName}`;
  let state = STATUS_LABELS[line.outcome];
  if (line.action === 'cancel') {
    state += line.stillBilled ? ` (reste facturée : ${line.reason ?? 'annulation hors délai.'})` : ' (non facturée)';
  } else if (line.outcome === 'refused' || line.outcome === 'waitlisted') {
    if (line.reason) state += ` : ${line.reason}`;
  } else if (line.surchargeCents > 0) {
    state += ` (${line.reason ?? `majoration de ${formatEuros(line.surchargeCents)}`})`;
  }
  return `- ${head} : ${state}`;
}

/** The confirmation of a request, listing every line with its state and what stays billed. */
export function requestConfirmationText(
  commune: Commune,
  hello: string,
  request: { id: number; createdAt: Date; lines: readonly EmailLine[] },
  publicUrl: string,
): EmailText {
  const at = parisWallTime(request.createdAt.toISOString());
  const books = request.lines.filter((l) => l.action === 'book');
  const cancels = request.lines.filter((l) => l.action === 'cancel');
  const sorted = (lines: readonly EmailLine[]) =>
    [...lines].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.childName.localeCompare(b.childName, 'fr')));
  const paragraphs: string[] = [
    `Nous avons bien reçu votre demande n° ${request.id} du ${frenchDate(at.date)} à ${at.time.replace(':', ' h ')}. Voici l'état de chacune de ses lignes :`,
  ];
  if (books.length > 0) paragraphs.push(['Réservations :', ...sorted(books).map(emailLineText)].join('\n'));
  if (cancels.length > 0) paragraphs.push(['Annulations :', ...sorted(cancels).map(emailLineText)].join('\n'));
  const billed = cancels.filter((l) => l.stillBilled).length;
  if (billed > 0) {
    paragraphs.push(
      billed === 1
        ? 'Une journée annulée reste facturée, pour la raison indiquée.'
        : `${billed} journées annulées restent facturées, pour les raisons indiquées.`,
    );
  }
  if (request.lines.some((l) => l.outcome === 'pending' || l.outcome === 'cancellation_pending')) {
    paragraphs.push(
      "Les lignes EN ATTENTE DE TRAITEMENT et ANNULATION DEMANDÉE sont examinées par le service dans l'ordre d'arrivée : vous recevrez un e-mail à chaque changement d'état.",
    );
  }
  if (request.lines.some((l) => l.outcome === 'waitlisted')) {
    paragraphs.push("Les lignes en LISTE D'ATTENTE seront acceptées si une place se libère ; vous en serez informé par e-mail.");
  }
  paragraphs.push(`Retrouvez vos réservations et suivez vos demandes dans votre espace famille : ${portalLink(publicUrl)}`);
  return compose(commune, `Votre demande de réservation n° ${request.id}`, hello, paragraphs);
}
