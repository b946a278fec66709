/**
 * The family's answer to a place offered from the waiting list (docs/decisions/0007-waiting-list.md):
 * « Accepter la place » turns the offered line into an accepted booking, « Refuser la place » refuses
 * it and offers the place to the next waiting line. Only the family that made the booking answers,
 * and only while the offer runs; anything else changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import { parisWallTime } from '../services/parisTime';
import { compose, emailFamily, portalLink, type EmailText } from '../validation/emails';
import type { Commune } from '../settings/definitions';
import { emailLineText } from './emails';
import { applyTransition, childNameOf, decidedLine, LinePlaces, lineRowsQuery, offerRunning, toLineRow, type Actor, type LineRow } from './processingCore';
import { frenchDate } from './rules';
import { promoteWaitlisted } from './waitlist';

export const OFFER_ACCEPTED_REASON = 'Place proposée acceptée par la famille.';
export const OFFER_DECLINED_REASON = 'Place proposée refusée par la famille.';
export const BOOKING_NOT_FOUND = 'Cette réservation est introuvable.';

export interface OfferAnswerContext {
  familyId: number;
  bookingId: number;
  /** The parent's portal account: the actor of the booking's history. */
  accountId: number;
  now: Date;
  publicUrl: string;
}

export interface OfferAnswerDto {
  bookingId: number;
  status: 'accepted' | 'refused';
  /** The outcome in one French sentence, for the parent's notice. */
  message: string;
}

const atFr = (instant: string): string => {
  const wall = parisWallTime(instant);
  return `${frenchDate(wall.date)} à ${wall.time.replace(':', ' h ')}`;
};

const describe = (row: LineRow): string => `${childNameOf(row)} le ${frenchDate(row.date)} (${row.serviceName}, ${row.unitName})`;

/** The family's own line with an offer still running; else 404 (not theirs) or 409 (nothing to answer). */
async function loadOffered(trx: Trx, ctx: OfferAnswerContext): Promise<LineRow> {
  const raw = await lineRowsQuery(trx).where('b.id', '=', ctx.bookingId).where('b.family_id', '=', ctx.familyId).executeTakeFirst();
  if (!raw) throw notFound(BOOKING_NOT_FOUND);
  const row = toLineRow(raw);
  if (offerRunning(row, ctx.now)) return row;
  if (row.status === 'accepted') {
    throw new AppError('conflict', `La réservation de ${describe(row)} est déjà acceptée : il n'y a plus de place proposée à confirmer.`);
  }
  if (row.status === 'waitlisted' && row.offerExpiresAt !== null) {
    throw new AppError(
      'conflict',
      `Le délai pour répondre à la place proposée pour ${describe(row)} est dépassé (il courait jusqu'au ${atFr(row.offerExpiresAt)}) : la place est proposée à la famille suivante. Rien n'a été modifié.`,
    );
  }
  if (row.status === 'waitlisted') {
    throw new AppError('conflict', `Aucune place ne vous est proposée pour ${describe(row)} : la demande reste sur liste d'attente. Rien n'a été modifié.`);
  }
  throw new AppError('conflict', `Aucune place n'est proposée pour ${describe(row)} : cette réservation n'est pas sur liste d'attente. Rien n'a été modifié.`);
}

function answerEmail(commune: Commune, hello: string, row: LineRow, accepted: boolean, reason: string | null, publicUrl: string): EmailText {
  const line = emailLineText(decidedLine(row, { action: 'book', outcome: accepted ? 'accepted' : 'refused', reason }));
  const request = row.requestId === null ? '' : ` — votre demande n° ${row.requestId}`;
  return compose(commune, accepted ? `Place acceptée${request}` : `Place refusée${request}`, hello, [
    accepted
      ? 'Vous avez accepté sur le portail famille la place qui vous était proposée depuis la liste d’attente : votre réservation est confirmée.'
      : 'Vous avez refusé sur le portail famille la place qui vous était proposée depuis la liste d’attente : elle est proposée à la famille suivante.',
    line,
    `Retrouvez vos réservations et suivez vos demandes dans votre espace famille : ${portalLink(publicUrl)}`,
  ]);
}

/**
 * « Accepter la place »: the offered line becomes accepted, if its day still has the place the
 * offer held (a parent's automatic booking may have taken it, decision 0007), and the family gets
 * a confirmation e-mail. One transaction.
 */
export async function confirmOffer(db: Kysely<Database>, ctx: OfferAnswerContext): Promise<OfferAnswerDto> {
  return db.transaction().execute(async (trx) => {
    const row = await loadOffered(trx, ctx);
    const places = await LinePlaces.load(trx, [row], ctx.now, new Set([row.id]));
    if (!places.hasPlace(row)) {
      throw new AppError(
        'conflict',
        `Plus de place disponible pour ${describe(row)} : la place proposée ne peut pas être confirmée sur le portail. Contactez le service. Rien n'a été modifié.`,
      );
    }
    const actor: Actor = { type: 'parent', id: ctx.accountId };
    // A late line keeps the reason of its surcharge (repas majoré), as when staff accept it.
    const reason = row.surchargeCents > 0 ? row.statusReason : null;
    await applyTransition(trx, row, { to: 'accepted', reason, eventReason: OFFER_ACCEPTED_REASON, offerExpiresAt: null }, actor, ctx.now);
    const emailed = await emailFamily(trx, row.familyId, (commune, hello) => answerEmail(commune, hello, row, true, reason, ctx.publicUrl), ctx.now);
    return {
      bookingId: row.id,
      status: 'accepted',
      message: `Place acceptée : la réservation de ${describe(row)} est confirmée.${emailed ? ' Un e-mail de confirmation vous a été envoyé.' : ''}`,
    };
  });
}

/**
 * « Refuser la place »: the offered line is refused and the place goes to the next waiting line
 * of that day (offered or accepted per the service), in the same transaction.
 */
export async function declineOffer(db: Kysely<Database>, ctx: OfferAnswerContext): Promise<OfferAnswerDto> {
  return db.transaction().execute(async (trx) => {
    const row = await loadOffered(trx, ctx);
    const actor: Actor = { type: 'parent', id: ctx.accountId };
    await applyTransition(trx, row, { to: 'refused', reason: OFFER_DECLINED_REASON, offerExpiresAt: null }, actor, ctx.now);
    const emailed = await emailFamily(trx, row.familyId, (commune, hello) => answerEmail(commune, hello, row, false, OFFER_DECLINED_REASON, ctx.publicUrl), ctx.now);
    await promoteWaitlisted(trx, { serviceId: row.serviceId, dates: [row.date] }, ctx.now, ctx.publicUrl);
    return {
      bookingId: row.id,
      status: 'refused',
      message: `Place refusée : la demande de ${describe(row)} est close, la place est proposée à la famille suivante.${emailed ? ' Un e-mail vous le confirme.' : ''}`,
    };
  });
}
