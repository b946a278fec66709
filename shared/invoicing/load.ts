/**
 * What the month's bills are computed from, read in bulk (a batch of families at a time): services
 * with their billing settings and grids, units, the families' tariff profiles and their child-days
 * (bookings paired with the attendance ticked for them, and presences without any booking).
 */
import type { AbsenceJustification } from '../billing/matrix';
import { billingSettingsOf } from '../billing/matrix';
import type { IsoDate } from '../calendar/dates';
import type { Db } from '../db/types';
import { loadTariffs } from '../tariffs/service';
import type { FamilyTariffProfile } from '../tariffs/rules';
import { monthBounds, type ChildDayInput, type ServiceInfo, type UnitInfo } from './compute';

export interface BillingContext {
  month: string;
  from: IsoDate;
  to: IsoDate;
  serviceIds: number[];
  services: Map<number, ServiceInfo>;
  units: Map<number, UnitInfo>;
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export async function loadBillingContext(db: Db, month: string, serviceIds: readonly number[]): Promise<BillingContext> {
  const { from, to } = monthBounds(month);
  const rows =
    serviceIds.length === 0
      ? []
      : await db
          .selectFrom('services')
          .select(['id', 'name', 'sort_order', 'kind', 'bookings_final', 'justified_absence_billed', 'unbooked_presence_surcharge_cents'])
          .where('id', 'in', [...serviceIds])
          .execute();
  const services = new Map<number, ServiceInfo>();
  for (const s of rows) {
    services.set(s.id, { id: s.id, name: s.name, sortOrder: s.sort_order, settings: billingSettingsOf(s), grids: await loadTariffs(db, s.id) });
  }
  const unitRows = rows.length === 0 ? [] : await db.selectFrom('units').select(['id', 'name', 'sort_order']).where('service_id', 'in', [...services.keys()]).execute();
  const units = new Map(unitRows.map((u) => [u.id, { id: u.id, name: u.name, sortOrder: u.sort_order }]));
  return { month, from, to, serviceIds: [...services.keys()].sort((a, b) => a - b), services, units };
}

/** Families with at least one booking or attendance in the month's services, without an invoice for the month yet. */
export async function familiesToInvoice(db: Db, ctx: BillingContext): Promise<number[]> {
  if (ctx.serviceIds.length === 0) return [];
  const [booked, attended, invoiced] = await Promise.all([
    db
      .selectFrom('bookings')
      .select('family_id')
      .distinct()
      .where('date', '>=', ctx.from)
      .where('date', '<=', ctx.to)
      .where('service_id', 'in', ctx.serviceIds)
      .execute(),
    db
      .selectFrom('attendance')
      .select('family_id')
      .distinct()
      .where('date', '>=', ctx.from)
      .where('date', '<=', ctx.to)
      .where('service_id', 'in', ctx.serviceIds)
      .execute(),
    db.selectFrom('invoices').select('family_id').where('month', '=', ctx.month).where('kind', '=', 'invoice').execute(),
  ]);
  const done = new Set(invoiced.map((r) => r.family_id));
  const ids = new Set<number>();
  for (const r of [...booked, ...attended]) if (!done.has(r.family_id)) ids.add(r.family_id);
  return [...ids].sort((a, b) => a - b);
}

export async function loadProfiles(db: Db, familyIds: readonly number[]): Promise<Map<number, FamilyTariffProfile & { qf: number | null }>> {
  const out = new Map<number, FamilyTariffProfile>();
  for (const ids of chunk(familyIds, 500)) {
    const rows = await db.selectFrom('families').select(['id', 'qf', 'qf_valid_until', 'outside_commune']).where('id', 'in', ids).execute();
    for (const r of rows) out.set(r.id, { qf: r.qf, qfValidUntil: r.qf_valid_until, outsideCommune: r.outside_commune === 1 });
  }
  return out;
}

/**
 * The child-days of the families, by family. A booking is paired with the attendance recorded for
 * it (by `booking_id`, else the same child, day and unit); an attendance left unpaired is a
 * presence without booking, billed to the family it was recorded for. Days already on an invoice
 * line are left out, so nothing is billed twice.
 */
export async function loadChildDays(db: Db, ctx: BillingContext, familyIds: readonly number[]): Promise<Map<number, ChildDayInput[]>> {
  const byFamily = new Map<number, ChildDayInput[]>();
  if (ctx.serviceIds.length === 0 || familyIds.length === 0) return byFamily;
  for (const ids of chunk(familyIds, 500)) {
    const bookings = await db
      .selectFrom('bookings')
      .innerJoin('children', 'children.id', 'bookings.child_id')
      .select([
        'bookings.id',
        'bookings.family_id',
        'bookings.child_id',
        'bookings.service_id',
        'bookings.unit_id',
        'bookings.date',
        'bookings.status',
        'bookings.billed_if_cancelled',
        'bookings.surcharge_cents',
        'bookings.exceptional_absence',
        'children.first_name',
        'children.last_name',
      ])
      .where('bookings.family_id', 'in', ids)
      .where('bookings.date', '>=', ctx.from)
      .where('bookings.date', '<=', ctx.to)
      .where('bookings.service_id', 'in', ctx.serviceIds)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('invoice_line_items').select('invoice_line_items.booking_id').whereRef('invoice_line_items.booking_id', '=', 'bookings.id'))))
      .orderBy('bookings.id')
      .execute();
    const attendance = await db
      .selectFrom('attendance')
      .innerJoin('children', 'children.id', 'attendance.child_id')
      .select([
        'attendance.id',
        'attendance.booking_id',
        'attendance.family_id',
        'attendance.child_id',
        'attendance.service_id',
        'attendance.unit_id',
        'attendance.date',
        'attendance.state',
        'attendance.justification',
        'children.first_name',
        'children.last_name',
      ])
      .where('attendance.family_id', 'in', ids)
      .where('attendance.date', '>=', ctx.from)
      .where('attendance.date', '<=', ctx.to)
      .where('attendance.service_id', 'in', ctx.serviceIds)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('invoice_line_items').select('invoice_line_items.attendance_id').whereRef('invoice_line_items.attendance_id', '=', 'attendance.id'))),
      )
      .execute();

    const attendanceByBooking = new Map<number, (typeof attendance)[number]>();
    const attendanceBySlot = new Map<string, (typeof attendance)[number]>();
    for (const a of attendance) {
      if (a.booking_id !== null) attendanceByBooking.set(a.booking_id, a);
      else attendanceBySlot.set(`${a.child_id}|${a.date}|${a.unit_id}`, a);
    }
    const paired = new Set<number>();
    // A slot's unpaired attendance goes to its live booking first (a cancelled one only if none is live).
    const live = (status: string): boolean => status !== 'cancelled' && status !== 'refused';
    const slotBooking = new Map<string, (typeof bookings)[number]>();
    for (const b of bookings) {
      const key = `${b.child_id}|${b.date}|${b.unit_id}`;
      const current = slotBooking.get(key);
      if (!current || (live(b.status) && !live(current.status)) || (live(b.status) === live(current.status) && b.id > current.id)) slotBooking.set(key, b);
    }
    const push = (familyId: number, day: ChildDayInput): void => {
      const list = byFamily.get(familyId);
      if (list) list.push(day);
      else byFamily.set(familyId, [day]);
    };
    for (const b of bookings) {
      const key = `${b.child_id}|${b.date}|${b.unit_id}`;
      let a = attendanceByBooking.get(b.id);
      if (!a && slotBooking.get(key) === b) a = attendanceBySlot.get(key);
      if (a) paired.add(a.id);
      push(b.family_id, {
        childId: b.child_id,
        childName: `${b.first_name} ${b.last_name}`,
        serviceId: b.service_id,
        unitId: b.unit_id,
        date: b.date,
        bookingId: b.id,
        attendanceId: a?.id ?? null,
        booking: { status: b.status, billedIfCancelled: b.billed_if_cancelled === 1, surchargeCents: b.surcharge_cents, exceptionalAbsence: b.exceptional_absence === 1 },
        attendance: a ? { state: a.state, justification: a.justification as AbsenceJustification | null } : null,
      });
    }
    for (const a of attendance) {
      if (paired.has(a.id)) continue;
      // Its booking is already invoiced (or belongs to a family outside this batch): nothing to add here.
      if (a.booking_id !== null) continue;
      push(a.family_id, {
        childId: a.child_id,
        childName: `${a.first_name} ${a.last_name}`,
        serviceId: a.service_id,
        unitId: a.unit_id,
        date: a.date,
        bookingId: null,
        attendanceId: a.id,
        booking: null,
        attendance: { state: a.state, justification: a.justification as AbsenceJustification | null },
      });
    }
  }
  return byFamily;
}
