/**
 * The e-mails of the staff's decisions, the waiting-list promotions and the automatic refusals:
 * one e-mail per family and batch, its lines grouped per request (« Votre demande n° X »), each
 * with its new state in the guide's words. Queued in the caller's transaction.
 */
import type { Trx } from '../db/types';
import { enqueueEmail } from '../mail/outbox';
import { parisWallTime } from '../services/parisTime';
import { COMMUNE, type Commune } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { compose, familyRecipient, greeting, portalLink, type EmailText } from '../validation/emails';
import { emailLineText, type EmailLine } from './emails';
import { frenchDate } from './rules';

export interface DecidedLine extends EmailLine {
  bookingId: number;
  familyId: number;
  /** The request the line answers: the booking's request, or its cancellation request. */
  requestId: number | null;
  /** A refused cancellation: the booking stays accepted. */
  cancellationRefused?: boolean;
  /** A waiting line offered a freed place until this instant. */
  offeredUntil?: string;
  /** How to reach the service (offers are confirmed with it). */
  contact?: string | null;
}

export type DecisionKind = 'staff' | 'promotion' | 'auto_refusal' | 'offer_lapsed';

export interface RequestSection {
  requestId: number | null;
  createdAt: string | null;
  lines: DecidedLine[];
}

const atFr = (instant: string): string => {
  const wall = parisWallTime(instant);
  return `${frenchDate(wall.date)} à ${wall.time.replace(':', ' h ')}`;
};

/** One line: the usual state text, or the refused cancellation, or the offered place. */
export function decidedLineText(line: DecidedLine): string {
  const head = `${frenchDate(line.date)} — ${line.childName} — ${line.serviceName} — ${line.unitName}`;
  if (line.cancellationRefused) {
    return `- ${head} : ANNULATION REFUSÉE${line.reason ? ` : ${line.reason}` : ''} La réservation reste ACCEPTÉE.`;
  }
  if (line.offeredUntil) {
    const contact = line.contact ? ` (contact du service : ${line.contact})` : '';
    return `- ${head} : PLACE PROPOSÉE jusqu'au ${atFr(line.offeredUntil)}${contact}`;
  }
  return emailLineText(line);
}

function requestsLabel(ids: readonly number[]): string {
  if (ids.length === 0) return 'votre demande';
  if (ids.length === 1) return `votre demande n° ${ids[0]}`;
  return `vos demandes n° ${ids.slice(0, -1).join(', ')} et ${ids[ids.length - 1]}`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The letter to one family: an introduction per kind of decision, then each request's lines. */
export function decisionEmailText(commune: Commune, hello: string, kind: DecisionKind, sections: readonly RequestSection[], publicUrl: string): EmailText {
  const ids = sections.flatMap((s) => (s.requestId === null ? [] : [s.requestId]));
  const label = requestsLabel(ids);
  const lines = sections.flatMap((s) => s.lines);
  let subject: string;
  const paragraphs: string[] = [];
  switch (kind) {
    case 'staff':
      subject = `Suite donnée à ${label}`;
      paragraphs.push(`Le pôle enfance-jeunesse a traité ${label}. Voici le nouvel état des lignes concernées :`);
      break;
    case 'promotion':
      subject = `Une place s'est libérée — ${label}`;
      paragraphs.push(
        lines.some((l) => l.offeredUntil)
          ? "Une place s'est libérée pour des lignes inscrites sur liste d'attente. Voici leur nouvel état :"
          : "Une place s'est libérée : les lignes suivantes, inscrites sur liste d'attente, sont désormais acceptées.",
      );
      break;
    case 'offer_lapsed':
      subject = `Place proposée non confirmée — ${label}`;
      paragraphs.push(
        "La place qui vous était proposée n'a pas été confirmée dans le délai indiqué : elle est attribuée à la famille suivante de la liste d'attente, et les lignes suivantes sont refusées.",
      );
      break;
    case 'auto_refusal':
      subject = `${capitalise(label)} : réservation refusée faute de place`;
      paragraphs.push(`Aucune place ne s'est libérée à temps pour les lignes suivantes de ${label} : elles sont refusées.`);
      break;
  }
  const sortLines = (list: readonly DecidedLine[]) =>
    [...list].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.childName.localeCompare(b.childName, 'fr')));
  for (const section of sections) {
    const title =
      section.requestId === null
        ? 'Réservations :'
        : section.createdAt
          ? `Votre demande n° ${section.requestId} du ${frenchDate(parisWallTime(section.createdAt).date)} :`
          : `Votre demande n° ${section.requestId} :`;
    paragraphs.push([title, ...sortLines(section.lines).map(decidedLineText)].join('\n'));
  }
  const offer = lines.find((l) => l.offeredUntil);
  if (offer?.offeredUntil) {
    paragraphs.push(
      `Pour accepter la place proposée, ouvrez « Mon planning » dans votre espace famille et choisissez « Accepter la place » (ou contactez le service) avant le ${atFr(offer.offeredUntil)}. Sans réponse de votre part, la place sera proposée à la famille suivante de la liste d'attente.`,
    );
  }
  if (lines.some((l) => l.action === 'cancel' && l.outcome === 'cancelled' && l.stillBilled)) {
    paragraphs.push('Les journées annulées indiquées « reste facturée » restent dues, pour la raison indiquée.');
  }
  paragraphs.push(`Retrouvez vos réservations et suivez vos demandes dans votre espace famille : ${portalLink(publicUrl)}`);
  return compose(commune, subject, hello, paragraphs);
}

/**
 * Queues one e-mail per family for the lines decided together; a family without any address
 * gets none (staff tell it in person). Returns the number of e-mails queued.
 */
export async function emailDecisions(trx: Trx, kind: DecisionKind, lines: readonly DecidedLine[], now: Date, publicUrl: string): Promise<number> {
  if (lines.length === 0) return 0;
  const requestIds = [...new Set(lines.flatMap((l) => (l.requestId === null ? [] : [l.requestId])))];
  const created = new Map<number, string>();
  if (requestIds.length > 0) {
    for (const r of await trx.selectFrom('requests').select(['id', 'created_at']).where('id', 'in', requestIds).execute()) created.set(r.id, r.created_at);
  }
  const byFamily = new Map<number, DecidedLine[]>();
  for (const l of lines) byFamily.set(l.familyId, [...(byFamily.get(l.familyId) ?? []), l]);
  let commune: Commune | null = null;
  let sent = 0;
  for (const [familyId, familyLines] of [...byFamily].sort((a, b) => a[0] - b[0])) {
    const recipient = await familyRecipient(trx, familyId);
    if (!recipient.email) continue;
    commune ??= await getSetting(trx, COMMUNE);
    const byRequest = new Map<number | null, DecidedLine[]>();
    for (const l of familyLines) byRequest.set(l.requestId, [...(byRequest.get(l.requestId) ?? []), l]);
    const sections = [...byRequest]
      .sort((a, b) => (a[0] ?? Number.MAX_SAFE_INTEGER) - (b[0] ?? Number.MAX_SAFE_INTEGER))
      .map(([requestId, list]) => ({ requestId, createdAt: requestId === null ? null : (created.get(requestId) ?? null), lines: list }));
    const { subject, text } = decisionEmailText(commune, greeting(recipient.person), kind, sections, publicUrl);
    await enqueueEmail(trx, { to: recipient.email, subject, text, familyId }, now);
    sent += 1;
  }
  return sent;
}
