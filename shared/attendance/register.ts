/**
 * The day's lists (service × day, by unit and group) and the ticks. Every tick is one row per
 * child × day × unit with a version: two animators on different children never touch the same
 * row, and two on the same child are told (409) instead of overwriting each other.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import { billingSettingsOf, type BillingOutcome } from '../billing/matrix';
import { ageOn, groupFor } from '../bookings/rules';
import type { IsoDate } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { AttendanceState, BookingStatus } from '../db/tables/bookings.table';
import type { Diet } from '../db/tables/children.table';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import { JUSTIFICATION_LABELS, STATE_LABELS, type JustificationInput, type TickInput } from '../schemas/attendance';
import { assertServiceAccess, type AttendanceViewer } from './access';
import { dayBillableOutcomes, futureDayMessage, isListed, LISTED_STATUSES } from './rules';
import { RESPONSABLE } from '../db/literals';

export interface AuthorizedPersonCard {
  name: string;
  relationship: string;
  mobile: string;
}

/**
 * A parent to call about the child: every guardian of every family linked to the child (both
 * homes in garde alternée). Only a name and one number — never an e-mail, an address or a QF.
 */
export interface GuardianContactCard {
  name: string;
  /** The mobile, else the landline; null when the file has neither. */
  phone: string | null;
  /** True when `phone` is the landline (no mobile in the file). */
  landline: boolean;
}

/** What an animator needs to know about a child on a list, and nothing more (no QF, no money). */
export interface ChildCard {
  childId: number;
  firstName: string;
  lastName: string;
  birthDate: IsoDate;
  age: number;
  school: string | null;
  classLevel: string | null;
  mayLeaveAlone: boolean;
  imageRights: boolean;
  allergies: string | null;
  hasPai: boolean;
  paiDetails: string | null;
  diet: Diet;
  dietDetails: string | null;
  authorizedPersons: AuthorizedPersonCard[];
  guardians: GuardianContactCard[];
}

export interface AttendanceMark {
  state: AttendanceState;
  justification: JustificationInput | null;
  label: string;
  version: number;
  recordedAt: string;
  recordedBy: string | null;
}

export interface ListEntry {
  childId: number;
  familyId: number;
  unitId: number;
  groupId: number | null;
  booking: { id: number; status: BookingStatus; late: boolean; exceptionalAbsence: boolean } | null;
  attendance: AttendanceMark | null;
  /** Office staff only: what the invoice will say about this child-day. */
  billing?: Pick<BillingOutcome, 'billed' | 'surchargeCents' | 'code' | 'explanation'>;
}

export interface DayList {
  service: { id: number; name: string; kind: string; ratioRegime: string };
  date: IsoDate;
  /** False for a day still to come: the list is shown, never ticked. */
  tickable: boolean;
  units: { id: number; name: string; startTime: string | null; endTime: string | null }[];
  groups: { id: number; name: string }[];
  children: ChildCard[];
  entries: ListEntry[];
}

interface DayFilter {
  serviceId: number;
  date: IsoDate;
  unitId?: number | undefined;
  groupId?: number | undefined;
}

const filled = (phone: string | null): string | null => (phone && phone.trim() !== '' ? phone.trim() : null);

function guardianContact(g: { first_name: string; last_name: string; phone_mobile: string | null; phone_home: string | null }): GuardianContactCard {
  const mobile = filled(g.phone_mobile);
  const home = filled(g.phone_home);
  return { name: `${g.first_name} ${g.last_name}`, phone: mobile ?? home, landline: mobile === null && home !== null };
}

async function loadChildCards(db: Db, childIds: readonly number[], date: IsoDate): Promise<Map<number, ChildCard>> {
  const cards = new Map<number, ChildCard>();
  if (childIds.length === 0) return cards;
  const ids = [...new Set(childIds)];
  // SQLite limits bound parameters: read big lists in slices.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('children as c')
      .leftJoin('medical_records as m', 'm.child_id', 'c.id')
      .select([
        'c.id',
        'c.first_name',
        'c.last_name',
        'c.birth_date',
        'c.school',
        'c.class_level',
        'c.may_leave_alone',
        'c.image_rights',
        'm.allergies',
        'm.has_pai',
        'm.pai_details',
        'm.diet',
        'm.diet_details',
      ])
      .where('c.id', 'in', slice)
      .execute();
    const persons = await db
      .selectFrom('authorized_persons')
      .select(['child_id', 'first_name', 'last_name', 'relationship', 'mobile'])
      .where('child_id', 'in', slice)
      .orderBy('id')
      .execute();
    const guardians = await db
      .selectFrom('family_children as fc')
      .innerJoin('guardians as g', 'g.family_id', 'fc.family_id')
      .select(['fc.child_id', 'g.first_name', 'g.last_name', 'g.phone_mobile', 'g.phone_home'])
      .where('fc.child_id', 'in', slice)
      // Each home together, its responsable first.
      .orderBy('fc.family_id')
      .orderBy((eb) => eb.case().when('g.role', '=', 'responsable').then(0).else(1).end())
      .orderBy('g.id')
      .execute();
    for (const r of rows) {
      cards.set(r.id, {
        childId: r.id,
        firstName: r.first_name,
        lastName: r.last_name,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, date),
        school: r.school,
        classLevel: r.class_level,
        mayLeaveAlone: r.may_leave_alone === 1,
        imageRights: r.image_rights === 1,
        allergies: r.allergies && r.allergies.trim() !== '' ? r.allergies : null,
        hasPai: r.has_pai === 1,
        paiDetails: r.pai_details,
        diet: r.diet ?? 'standard',
        dietDetails: r.diet_details,
        authorizedPersons: persons
          .filter((p) => p.child_id === r.id)
          .map((p) => ({ name: `${p.first_name} ${p.last_name}`, relationship: p.relationship, mobile: p.mobile })),
        guardians: guardians.filter((g) => g.child_id === r.id).map(guardianContact),
      });
    }
  }
  return cards;
}

const byName = (a: ChildCard, b: ChildCard): number =>
  a.lastName.localeCompare(b.lastName, 'fr', { sensitivity: 'base' }) || a.firstName.localeCompare(b.firstName, 'fr', { sensitivity: 'base' }) || a.childId - b.childId;

/** The list of a service on a day (all its units and groups unless filtered), alphabetical. */
export async function loadDayList(db: Db, viewer: AttendanceViewer, filter: DayFilter, now: Date): Promise<DayList> {
  await assertServiceAccess(db, viewer, filter.serviceId);
  const service = await db.selectFrom('services').selectAll().where('id', '=', filter.serviceId).executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'start_time', 'end_time', 'active'])
    .where('service_id', '=', service.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'name', 'min_age', 'max_age'])
    .where('service_id', '=', service.id)
    .orderBy('sort_order')
    .orderBy('min_age')
    .execute();
  if (filter.unitId !== undefined && !units.some((u) => u.id === filter.unitId)) throw notFound("Cet accueil n'appartient pas à ce service.");
  if (filter.groupId !== undefined && !groups.some((g) => g.id === filter.groupId)) throw notFound("Ce groupe n'appartient pas à ce service.");

  let bq = db
    .selectFrom('bookings')
    .select(['id', 'family_id', 'child_id', 'unit_id', 'group_id', 'status', 'late', 'surcharge_cents', 'billed_if_cancelled', 'exceptional_absence'])
    .where('service_id', '=', service.id)
    .where('date', '=', filter.date)
    .where('status', 'in', [...LISTED_STATUSES]);
  if (filter.unitId !== undefined) bq = bq.where('unit_id', '=', filter.unitId);
  const bookings = await bq.execute();

  let aq = db
    .selectFrom('attendance as a')
    .leftJoin('staff_users as s', 's.id', 'a.recorded_by')
    .select(['a.id', 'a.booking_id', 'a.family_id', 'a.child_id', 'a.unit_id', 'a.group_id', 'a.state', 'a.justification', 'a.version', 'a.recorded_at', 's.first_name', 's.last_name'])
    .where('a.service_id', '=', service.id)
    .where('a.date', '=', filter.date);
  if (filter.unitId !== undefined) aq = aq.where('a.unit_id', '=', filter.unitId);
  const marks = await aq.execute();

  const cards = await loadChildCards(db, [...bookings.map((b) => b.child_id), ...marks.map((m) => m.child_id)], filter.date);
  const groupSpecs = groups.map((g) => ({ id: g.id, minAge: g.min_age, maxAge: g.max_age }));
  const key = (childId: number, unitId: number) => `${childId}|${unitId}`;
  const markBy = new Map(marks.map((m) => [key(m.child_id, m.unit_id), m]));
  const settings = billingSettingsOf(service);
  const office = viewer.role !== 'animateur';

  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  const push = (
    childId: number,
    familyId: number,
    unitId: number,
    groupId: number | null,
    booking: (typeof bookings)[number] | null,
    mark: (typeof marks)[number] | null,
  ) => {
    const card = cards.get(childId);
    const group = groupId ?? (card ? (groupFor(groupSpecs, card.age)?.id ?? null) : null);
    if (filter.groupId !== undefined && group !== filter.groupId) return;
    const entry: ListEntry = {
      childId,
      familyId,
      unitId,
      groupId: group,
      booking: booking ? { id: booking.id, status: booking.status, late: booking.late === 1, exceptionalAbsence: booking.exceptional_absence === 1 } : null,
      attendance: mark
        ? {
            state: mark.state,
            justification: mark.justification,
            label: markLabel(mark.state, mark.justification),
            version: mark.version,
            recordedAt: mark.recorded_at,
            recordedBy: mark.first_name ? `${mark.first_name} ${mark.last_name ?? ''}`.trim() : null,
          }
        : null,
    };
    if (office) {
      const [line] = dayBillableOutcomes(settings, [
        {
          childId,
          unitId,
          booking: booking
            ? {
                id: booking.id,
                status: booking.status,
                billedIfCancelled: booking.billed_if_cancelled === 1,
                surchargeCents: booking.surcharge_cents,
                exceptionalAbsence: booking.exceptional_absence === 1,
              }
            : null,
          attendance: mark ? { state: mark.state, justification: mark.justification } : null,
        },
      ]);
      if (line) entry.billing = { billed: line.outcome.billed, surchargeCents: line.outcome.surchargeCents, code: line.outcome.code, explanation: line.outcome.explanation };
    }
    entries.push(entry);
  };
  for (const b of bookings) {
    seen.add(key(b.child_id, b.unit_id));
    push(b.child_id, b.family_id, b.unit_id, b.group_id, b, markBy.get(key(b.child_id, b.unit_id)) ?? null);
  }
  for (const m of marks) {
    if (seen.has(key(m.child_id, m.unit_id))) continue;
    push(m.child_id, m.family_id, m.unit_id, m.group_id, null, m);
  }

  const unitOrder = new Map(units.map((u, i) => [u.id, i]));
  entries.sort((a, b) => {
    const ca = cards.get(a.childId);
    const cb = cards.get(b.childId);
    const byChild = ca && cb ? byName(ca, cb) : a.childId - b.childId;
    return byChild || (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0);
  });
  const childIds = new Set(entries.map((e) => e.childId));
  return {
    service: { id: service.id, name: service.name, kind: service.kind, ratioRegime: service.ratio_regime },
    date: filter.date,
    tickable: futureDayMessage(filter.date, now) === null,
    units: units
      .filter((u) => u.active === 1 || entries.some((e) => e.unitId === u.id))
      .map((u) => ({ id: u.id, name: u.name, startTime: u.start_time, endTime: u.end_time })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    children: [...cards.values()].filter((c) => childIds.has(c.childId)).sort(byName),
    entries,
  };
}

export function markLabel(state: AttendanceState, justification: JustificationInput | null): string {
  if (state === 'absent_justified' && justification) return `Absent : ${JUSTIFICATION_LABELS[justification].toLowerCase()}`;
  return STATE_LABELS[state];
}

// ---- ticking -------------------------------------------------------------------------------------------

export interface TickTarget {
  date: IsoDate;
  unitId: number;
  childId: number;
}

async function loadTarget(db: Db, viewer: AttendanceViewer, target: TickTarget, now: Date) {
  const unit = await db.selectFrom('units').select(['id', 'name', 'service_id']).where('id', '=', target.unitId).executeTakeFirst();
  if (!unit) throw notFound('Accueil introuvable.');
  const service = await assertServiceAccess(db, viewer, unit.service_id);
  const future = futureDayMessage(target.date, now);
  if (future) throw new AppError('validation', future);
  const child = await db.selectFrom('children').select(['id', 'first_name', 'last_name', 'birth_date']).where('id', '=', target.childId).executeTakeFirst();
  if (!child) throw notFound('Enfant introuvable.');
  return { unit, service, child, childName: `${child.first_name} ${child.last_name}` };
}

async function entryFor(db: Db, viewer: AttendanceViewer, target: TickTarget, serviceId: number, now: Date): Promise<ListEntry | null> {
  const list = await loadDayList(db, viewer, { serviceId, date: target.date, unitId: target.unitId }, now);
  return list.entries.find((e) => e.childId === target.childId) ?? null;
}

/** Families whose children may be added as présent non inscrit: those who use the service. */
function serviceFamilies(db: Db, serviceId: number) {
  return db
    .selectFrom('bookings')
    .select('family_id')
    .where('service_id', '=', serviceId)
    .union(db.selectFrom('enrolments').select('family_id').where('service_id', '=', serviceId));
}

/**
 * Records one child's state for one unit of a day. `input.version` is the version the screen
 * showed (null: not ticked yet); any other version on the row is a 409 with the row as it is now.
 */
export async function recordTick(db: Kysely<Database>, viewer: AttendanceViewer, actor: Actor, target: TickTarget, input: TickInput, now: Date): Promise<ListEntry> {
  const { unit, service, child, childName } = await loadTarget(db, viewer, target, now);
  await db.transaction().execute(async (trx) => {
    const booking = await trx
      .selectFrom('bookings')
      .select(['id', 'family_id', 'group_id', 'status'])
      .where('child_id', '=', child.id)
      .where('date', '=', target.date)
      .where('unit_id', '=', unit.id)
      .where('status', 'in', [...LISTED_STATUSES])
      .executeTakeFirst();
    const current = await trx
      .selectFrom('attendance')
      .selectAll()
      .where('child_id', '=', child.id)
      .where('date', '=', target.date)
      .where('unit_id', '=', unit.id)
      .executeTakeFirst();
    if ((current?.version ?? null) !== input.version) {
      throw new AppError(
        'conflict',
        current
          ? `Le pointage de ${childName} vient d'être modifié par ${current.recorded_by === actor.id ? 'vous, sur un autre écran' : 'un autre membre de l’équipe'} : « ${markLabel(current.state, current.justification)} ». L'écran montre maintenant son état actuel ; recommencez si besoin.`
          : `Le pointage de ${childName} vient d'être annulé sur un autre écran. L'écran montre maintenant son état actuel ; recommencez si besoin.`,
      );
    }

    let familyId: number;
    let groupId: number | null;
    let bookingId: number | null;
    if (input.state === 'present_unbooked') {
      if (booking) {
        throw new AppError('validation', `${childName} est inscrit(e) à « ${unit.name} » ce jour-là : pointez-le (la) présent(e) dans la liste.`);
      }
      const wantedFamily = input.familyId ?? current?.family_id;
      if (wantedFamily === undefined) throw new AppError('validation', 'Choisissez la famille à facturer pour cet enfant présent non inscrit.');
      const link = await trx
        .selectFrom('family_children')
        .select('family_id')
        .where('child_id', '=', child.id)
        .where('family_id', '=', wantedFamily)
        .where('family_id', 'in', serviceFamilies(trx, service.id))
        .executeTakeFirst();
      if (!link) throw new AppError('validation', `${childName} n'est pas un enfant d'une famille de ce service : ajoutez-le depuis la recherche de la liste.`);
      familyId = link.family_id;
      const groups = await trx.selectFrom('groups').select(['id', 'min_age as minAge', 'max_age as maxAge']).where('service_id', '=', service.id).execute();
      groupId = groupFor(groups, ageOn(child.birth_date, target.date))?.id ?? null;
      // Kept when it exists (refused, cancelled in time): the matrix bills the day as unbooked.
      const past = await trx
        .selectFrom('bookings')
        .select('id')
        .where('child_id', '=', child.id)
        .where('date', '=', target.date)
        .where('unit_id', '=', unit.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      bookingId = past?.id ?? null;
    } else {
      if (!booking || !isListed(booking.status)) {
        throw new AppError(
          'validation',
          current?.state === 'present_unbooked'
            ? `${childName} n'était pas inscrit(e) : il (elle) reste « présent non inscrit », ou annulez ce pointage.`
            : `${childName} n'est pas inscrit(e) à « ${unit.name} » le ${target.date.split('-').reverse().join('/')} : s'il (si elle) est là, ajoutez-le (la) comme présent non inscrit.`,
        );
      }
      familyId = booking.family_id;
      groupId = booking.group_id;
      bookingId = booking.id;
    }

    const values = {
      booking_id: bookingId,
      family_id: familyId,
      group_id: groupId,
      state: input.state,
      justification: input.state === 'absent_justified' ? (input.justification ?? null) : null,
      recorded_by: actor.id,
      recorded_at: now.toISOString(),
    };
    let id: number;
    if (current) {
      const res = await trx
        .updateTable('attendance')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', current.id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict', `Le pointage de ${childName} vient d'être modifié sur un autre écran : recommencez.`);
      id = current.id;
    } else {
      const row = await trx
        .insertInto('attendance')
        .values({ ...values, child_id: child.id, service_id: service.id, unit_id: unit.id, date: target.date, version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await writeAudit(
      trx,
      actor,
      {
        action: current ? 'attendance.changed' : 'attendance.recorded',
        entityType: 'attendance',
        entityId: id,
        familyId,
        changes: {
          [`${target.date} ${unit.name} — ${childName}`]: [current ? markLabel(current.state, current.justification) : null, markLabel(values.state, values.justification)],
        },
      },
      now,
    );
  }).catch(async (err: unknown) => {
    // The 409 carries the row as it is now, for the screen to show it.
    if (err instanceof AppError && err.code === 'conflict') {
      const fresh = await entryFor(db, viewer, target, service.id, now);
      throw new AppError('conflict', err.message, undefined, undefined, { current: fresh });
    }
    throw err;
  });
  const entry = await entryFor(db, viewer, target, service.id, now);
  if (!entry) throw notFound('Pointage introuvable.');
  return entry;
}

/** Removes a tick (a child added by mistake, a tick on the wrong line). */
export async function removeTick(db: Kysely<Database>, viewer: AttendanceViewer, actor: Actor, target: TickTarget, version: number, now: Date): Promise<ListEntry | null> {
  const { unit, service, childName } = await loadTarget(db, viewer, target, now);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('attendance')
      .selectAll()
      .where('child_id', '=', target.childId)
      .where('date', '=', target.date)
      .where('unit_id', '=', unit.id)
      .executeTakeFirst();
    if (!current) throw notFound(`${childName} n'est pas pointé(e) sur cette liste.`);
    if (current.version !== version) {
      throw new AppError('conflict', `Le pointage de ${childName} vient d'être modifié sur un autre écran : « ${markLabel(current.state, current.justification)} ». Vérifiez avant de l'annuler.`);
    }
    await trx.deleteFrom('attendance').where('id', '=', current.id).execute();
    await writeAudit(
      trx,
      actor,
      {
        action: 'attendance.removed',
        entityType: 'attendance',
        entityId: current.id,
        familyId: current.family_id,
        changes: { [`${target.date} ${unit.name} — ${childName}`]: [markLabel(current.state, current.justification), null] },
      },
      now,
    );
  }).catch(async (err: unknown) => {
    if (err instanceof AppError && err.code === 'conflict') {
      const fresh = await entryFor(db, viewer, target, service.id, now);
      throw new AppError('conflict', err.message, undefined, undefined, { current: fresh });
    }
    throw err;
  });
  return entryFor(db, viewer, target, service.id, now);
}

// ---- adding a child ---------------------------------------------------------------------------------

export interface ChildCandidate {
  childId: number;
  familyId: number;
  firstName: string;
  lastName: string;
  age: number;
  classLevel: string | null;
  familyLabel: string;
}

/** Children of the service's families whose name matches, for the « présent non inscrit » search. */
export async function searchServiceChildren(db: Db, viewer: AttendanceViewer, serviceId: number, q: string, date: IsoDate): Promise<ChildCandidate[]> {
  await assertServiceAccess(db, viewer, serviceId);
  const words = q
    .normalize('NFC')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 4);
  let query = db
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'fc.family_id').on('g.role', '=', RESPONSABLE))
    .select(['c.id', 'fc.family_id', 'c.first_name', 'c.last_name', 'c.birth_date', 'c.class_level', 'g.first_name as g_first', 'g.last_name as g_last'])
    .where('fc.family_id', 'in', serviceFamilies(db, serviceId));
  for (const w of words) {
    const like = `%${w.replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('c.first_name', 'like', like), eb('c.last_name', 'like', like)]));
  }
  const rows = await query.orderBy('c.last_name').orderBy('c.first_name').limit(20).execute();
  return rows.map((r) => ({
    childId: r.id,
    familyId: r.family_id,
    firstName: r.first_name,
    lastName: r.last_name,
    age: ageOn(r.birth_date, date),
    classLevel: r.class_level,
    familyLabel: r.g_last ? `Famille ${r.g_last} (${r.g_first ?? ''} ${r.g_last})`.replace(' )', ')') : `Famille n° ${r.family_id}`,
  }));
}
