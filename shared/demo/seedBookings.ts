/**
 * The bookings of the first term (cantine, December Wednesdays waiting for the staff), the
 * requests they came in, their history and the attendance ticked on past days.
 */
import type { Insertable } from 'kysely';
import { addDays, daysBetween, isoWeekday, type IsoDate, type IsoWeekday } from '../calendar';
import type { Database } from '../db/schema';
import { DEMO_RENTREE, type SeedContext, type SeededChild, type SeededFamily } from './seedContext';
import { DEMO_SERVICES, type DemoServiceCode } from './services';
import { parisInstant } from './time';
import { inChunks, insertedId } from './util';

export async function seedBookings(ctx: SeedContext, families: SeededFamily[]): Promise<void> {
  const rng = ctx.rng;
  const lefevre = families[0];
  const moreau = families[1];
  if (!lefevre || !moreau) throw new Error('Familles de démonstration absentes.');
  const [leo, jade] = lefevre.children;
  if (!leo || !jade) throw new Error('Enfants de démonstration absents.');
  const others = families.slice(2).filter((f) => f.status === 'validated' && f.children.length > 0);

  const cantine = ctx.period('Année scolaire 2026-2027');
  if (cantine.serviceCode !== 'restauration') throw new Error('Période de restauration attendue en premier.');
  const cantineDays = cantine.dates.filter((d) => d >= DEMO_RENTREE && d <= '2026-11-30');
  const restauration = ctx.service('restauration');
  const repas = ctx.unit('restauration', 'repas');
  const cantineGroup = restauration.groups[0]?.id ?? null;

  type Line = {
    family: SeededFamily;
    child: SeededChild;
    service: DemoServiceCode;
    periodId: number;
    unitId: number;
    date: IsoDate;
    status: 'accepted' | 'pending';
    requestAt: string;
    late?: boolean;
  };
  const lines: Line[] = [];
  // Cantine bookings for the term were made the week before the rentrée.
  const cantineRequestAt = () => ctx.at(addDays('2026-08-20', rng.int(0, 6)), `${rng.int(18, 22)}:${rng.int(10, 59)}`);
  const weekParity = (date: IsoDate) => Math.floor(daysBetween('2026-08-31', date) / 7) % 2;

  // Cantine, September to November: Léo alternates weeks between his two homes.
  const lefevreAt = cantineRequestAt();
  const moreauAt = cantineRequestAt();
  // Léo's meal that day, booked by the home he is in that week.
  const leoCantine = (date: IsoDate) => {
    const even = weekParity(date) === 0;
    lines.push({
      family: even ? lefevre : moreau,
      child: leo,
      service: 'restauration',
      periodId: cantine.id,
      unitId: repas,
      date,
      status: 'accepted',
      requestAt: even ? lefevreAt : moreauAt,
    });
  };
  for (const date of cantineDays) {
    leoCantine(date);
    if ([1, 2, 5].includes(isoWeekday(date))) {
      lines.push({ family: lefevre, child: jade, service: 'restauration', periodId: cantine.id, unitId: repas, date, status: 'accepted', requestAt: lefevreAt });
    }
  }
  // Léo's cantine in March was booked at the rentrée too (Monday, Tuesday, Thursday, Friday),
  // still alternating weeks: the month can be invoiced once it is over (a later clock).
  for (const date of cantine.dates.filter((d) => d >= '2027-03-01' && d <= '2027-03-31')) {
    if ([1, 2, 4, 5].includes(isoWeekday(date))) leoCantine(date);
  }
  // One late booking (repas majoré): Jade on Thursday 5 November, asked on Monday 2 November.
  if (cantineDays.includes('2026-11-05')) {
    lines.push({
      family: lefevre,
      child: jade,
      service: 'restauration',
      periodId: cantine.id,
      unitId: repas,
      date: '2026-11-05',
      status: 'accepted',
      requestAt: ctx.at('2026-11-02', '07:40'),
      late: true,
    });
  }

  const cantineFamilies = others.slice(0, 14);
  const patterns: readonly (readonly [readonly IsoWeekday[], number])[] = [
    [[1, 2, 4, 5], 60],
    [[1, 2, 4], 12],
    [[1, 4], 10],
    [[2, 5], 8],
    [[1, 2, 5], 10],
  ];
  for (const family of cantineFamilies) {
    const at = cantineRequestAt();
    for (const child of family.children) {
      if (!rng.chance(0.85)) continue;
      const days = rng.weighted(patterns);
      for (const date of cantineDays) {
        if (days.includes(isoWeekday(date))) {
          lines.push({ family, child, service: 'restauration', periodId: cantine.id, unitId: repas, date, status: 'accepted', requestAt: at });
        }
      }
    }
  }

  // ALSH du mercredi, December: requests waiting for the staff.
  const mercredis = ctx.period('Mercredis 2026-2027');
  const december = mercredis.dates.filter((d) => d.startsWith('2026-12'));
  const bookable = december.filter((d) => d >= addDays(ctx.today, 7));
  const wednesdays = bookable.length > 0 ? bookable : december;
  const journee = ctx.unit('alsh_mercredi', 'journee');
  const matin = ctx.unit('alsh_mercredi', 'matin');
  const repasMercredi = ctx.unit('alsh_mercredi', 'repas');
  const pendingAt = ctx.at('2026-11-20', '21:10');
  const wednesdayLine = (family: SeededFamily, child: SeededChild, date: IsoDate, unitId: number, at: string): Line => ({
    family,
    child,
    service: 'alsh_mercredi',
    periodId: mercredis.id,
    unitId,
    date,
    status: 'pending',
    requestAt: at,
  });
  wednesdays.forEach((date, i) => {
    lines.push(wednesdayLine(i % 2 === 0 ? lefevre : moreau, leo, date, journee, i % 2 === 0 ? pendingAt : ctx.at('2026-11-21', '08:45')));
    lines.push(wednesdayLine(lefevre, jade, date, matin, pendingAt), wednesdayLine(lefevre, jade, date, repasMercredi, pendingAt));
  });
  for (const family of others.slice(14, 22)) {
    const at = ctx.at(addDays('2026-11-14', rng.int(0, 7)), `${rng.int(7, 22)}:${rng.int(10, 59)}`);
    for (const child of family.children) {
      if (!rng.chance(0.7)) continue;
      for (const date of wednesdays) {
        if (rng.chance(0.6)) lines.push(wednesdayLine(family, child, date, journee, at));
      }
    }
  }

  // Requests: one per family and instant.
  const requestIds = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.family.id}|${line.requestAt}`;
    if (requestIds.has(key)) continue;
    const id = insertedId(
      await ctx.trx
        .insertInto('requests')
        .values({
          family_id: line.family.id,
          created_by_account_id: line.family.accountId,
          created_by_staff_id: null,
          staff_reason: null,
          created_at: line.requestAt,
        })
        .executeTakeFirstOrThrow(),
    );
    requestIds.set(key, id);
  }

  const lateSurcharge = DEMO_SERVICES.find((s) => s.code === 'restauration')?.lateSurchargeCents ?? 100;
  const bookingRows: Insertable<Database['bookings']>[] = lines.map((line) => {
    const late = line.late === true;
    return {
      family_id: line.family.id,
      child_id: line.child.id,
      service_id: ctx.service(line.service).id,
      period_id: line.periodId,
      unit_id: line.unitId,
      group_id: line.service === 'restauration' ? cantineGroup : ctx.groupFor(line.service, line.child.data.birth_date, line.date),
      date: line.date,
      status: line.status,
      status_reason: null,
      request_id: requestIds.get(`${line.family.id}|${line.requestAt}`) ?? null,
      cancel_request_id: null,
      late: late ? 1 : 0,
      surcharge_cents: late ? lateSurcharge : 0,
      billed_if_cancelled: 0,
      exceptional_absence: 0,
      booked_by_staff_id: null,
      created_at: line.requestAt,
      updated_at: line.requestAt,
      version: 1,
    };
  });
  await inChunks(bookingRows, 1000, (chunk) => ctx.trx.insertInto('bookings').values(chunk).execute());

  const inserted = await ctx.trx.selectFrom('bookings').select(['id', 'child_id', 'date', 'unit_id', 'status', 'late']).execute();
  const lineByKey = new Map(lines.map((l) => [`${l.child.id}|${l.date}|${l.unitId}`, l]));

  const events: Insertable<Database['booking_events']>[] = [];
  const attendance: Insertable<Database['attendance']>[] = [];
  const animateur = ctx.staffId('animateur');
  const illUntil = new Map<number, IsoDate>();
  for (const b of inserted.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id))) {
    const line = lineByKey.get(`${b.child_id}|${b.date}|${b.unit_id}`);
    if (!line) continue;
    events.push({
      booking_id: b.id,
      at: line.requestAt,
      from_status: null,
      to_status: 'pending',
      actor_type: 'parent',
      actor_id: line.family.accountId,
      reason: null,
    });
    if (b.status === 'accepted') {
      events.push({
        booking_id: b.id,
        at: line.requestAt,
        from_status: 'pending',
        to_status: 'accepted',
        actor_type: 'system',
        actor_id: null,
        reason: b.late ? 'Acceptée hors délai : repas majoré de 1 €.' : 'Acceptée automatiquement (places disponibles).',
      });
      if (line.service === 'restauration' && b.date < ctx.today) {
        // A few days of illness now and then, justified to the school (not billed).
        const sickUntil = illUntil.get(b.child_id);
        let ill = sickUntil !== undefined && b.date <= sickUntil;
        if (!ill && rng.chance(0.035)) {
          ill = true;
          illUntil.set(b.child_id, addDays(b.date, rng.int(0, 3)));
        }
        attendance.push({
          booking_id: b.id,
          family_id: line.family.id,
          child_id: b.child_id,
          service_id: restauration.id,
          unit_id: b.unit_id,
          group_id: cantineGroup,
          date: b.date,
          state: ill ? 'absent_justified' : 'present',
          justification: ill ? 'illness' : null,
          recorded_by: animateur,
          recorded_at: parisInstant(b.date, ill ? '10:05' : '13:40'),
          version: 1,
        });
      }
    }
  }

  // A child who went to the restaurant without a booking (billed with the 1 € surcharge).
  const unbookedFamily = others[others.length - 1];
  const unbookedChild = unbookedFamily?.children[0];
  const unbookedDate = cantineDays.find((d) => d >= '2026-10-06' && d < ctx.today && isoWeekday(d) === 2);
  if (unbookedFamily && unbookedChild && unbookedDate && !cantineFamilies.includes(unbookedFamily)) {
    attendance.push({
      booking_id: null,
      family_id: unbookedFamily.id,
      child_id: unbookedChild.id,
      service_id: restauration.id,
      unit_id: repas,
      group_id: cantineGroup,
      date: unbookedDate,
      state: 'present_unbooked',
      justification: null,
      recorded_by: animateur,
      recorded_at: parisInstant(unbookedDate, '13:40'),
      version: 1,
    });
  }

  await inChunks(events, 2000, (chunk) => ctx.trx.insertInto('booking_events').values(chunk).execute());
  await inChunks(attendance, 1500, (chunk) => ctx.trx.insertInto('attendance').values(chunk).execute());
}
