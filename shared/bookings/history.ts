/**
 * « Suivre vos demandes »: a family's latest requests and the current state of each of their lines
 * (read side; requests.ts evaluates and writes them).
 */
import type { IsoDate } from '../calendar/dates';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Db } from '../db/types';
import { offerRunning } from './processingCore';

export interface RequestHistoryLineDto {
  bookingId: number;
  action: 'book' | 'cancel';
  childId: number;
  childName: string;
  serviceName: string;
  unitName: string;
  date: IsoDate;
  status: BookingStatus;
  statusReason: string | null;
  /** A waiting line offered a freed place until then (« PLACE PROPOSÉE », decision 0007); null otherwise or once lapsed. */
  offerExpiresAt: string | null;
}

export interface RequestHistoryDto {
  id: number;
  createdAt: string;
  lines: RequestHistoryLineDto[];
}

export const HISTORY_LIMIT = 100;

/**
 * « Suivre vos demandes »: the family's latest requests, newest first, each line in its current state.
 * `now` tells a running offer from a lapsed one (the auto-refusal job may not have passed yet).
 */
export async function listRequests(db: Db, familyId: number, now: Date): Promise<RequestHistoryDto[]> {
  const requests = await db
    .selectFrom('requests')
    .select(['id', 'created_at'])
    .where('family_id', '=', familyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const base = () =>
    db
      .selectFrom('bookings as b')
      .innerJoin('children as c', 'c.id', 'b.child_id')
      .innerJoin('units as u', 'u.id', 'b.unit_id')
      .innerJoin('services as s', 's.id', 'b.service_id')
      .select([
        'b.id',
        'b.request_id',
        'b.cancel_request_id',
        'b.child_id',
        'c.first_name',
        'c.last_name',
        's.name as service_name',
        'u.name as unit_name',
        'b.date',
        'b.status',
        'b.status_reason',
        'b.offer_expires_at',
      ])
      .where('b.family_id', '=', familyId);
  const [booked, cancelled] = await Promise.all([
    base().where('b.request_id', 'in', ids).execute(),
    base().where('b.cancel_request_id', 'in', ids).execute(),
  ]);
  const byRequest = new Map<number, RequestHistoryLineDto[]>(ids.map((id) => [id, []]));
  const push = (requestId: number | null, action: 'book' | 'cancel', r: (typeof booked)[number]) => {
    if (requestId === null) return;
    byRequest.get(requestId)?.push({
      bookingId: r.id,
      action,
      childId: r.child_id,
      childName: `${r.first_name} ${r.last_name}`,
      serviceName: r.service_name,
      unitName: r.unit_name,
      date: r.date,
      status: r.status,
      statusReason: r.status_reason,
      offerExpiresAt: offerRunning({ status: r.status, offerExpiresAt: r.offer_expires_at }, now) ? r.offer_expires_at : null,
    });
  };
  for (const r of booked) push(r.request_id, 'book', r);
  for (const r of cancelled) push(r.cancel_request_id, 'cancel', r);
  return requests.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lines: (byRequest.get(r.id) ?? []).sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.action !== b.action ? (a.action === 'book' ? -1 : 1) : a.bookingId - b.bookingId,
    ),
  }));
}
