/** The calendar of the demo year: the shipped school holidays, the periods and their opening days. */
import type { Insertable } from 'kysely';
import { effectiveLastDayOff, generateOpeningDays, type IsoDate, type IsoWeekday, type OpeningPattern, type SchoolHoliday } from '../calendar';
import type { Database } from '../db/schema';
import { DEMO_RENTREE, DEMO_SCHOOL_YEAR, DEMO_YEAR_END, ZONE, type SeedContext } from './seedContext';
import type { DemoServiceCode } from './services';
import { parisInstant } from './time';
import { inChunks, insertedId } from './util';

export async function seedSchoolHolidays(ctx: SeedContext): Promise<void> {
  await ctx.trx
    .insertInto('school_holidays')
    .values(
      ctx.holidays.map((h) => ({
        zone: h.zone,
        school_year: h.schoolYear,
        name: h.name,
        first_day_off: h.firstDayOff,
        last_day_off: h.lastDayOff,
        source: 'officiel',
      })),
    )
    .execute();
}

function holiday(ctx: SeedContext, schoolYear: string, pattern: RegExp): SchoolHoliday {
  const h = ctx.holidays.find((x) => x.schoolYear === schoolYear && pattern.test(x.name));
  if (!h) throw new Error(`Vacances introuvables dans le calendrier livré : ${String(pattern)} ${schoolYear}`);
  return h;
}

function openingDays(ctx: SeedContext, start: IsoDate, end: IsoDate, pattern: OpeningPattern, weekdays?: readonly IsoWeekday[]): IsoDate[] {
  return generateOpeningDays({
    start,
    end,
    pattern,
    ...(weekdays ? { weekdays } : {}),
    schoolHolidays: ctx.holidays,
    zone: ZONE,
    closures: [],
  });
}

async function insertPeriod(ctx: SeedContext, input: {
  service: DemoServiceCode;
  name: string;
  kind: 'school_year' | 'holidays' | 'other';
  pattern: OpeningPattern;
  weekdays: readonly IsoWeekday[] | null;
  dates: IsoDate[];
  opensAt: string;
  closed?: readonly { date: IsoDate; note: string }[];
  activities?: readonly { unit: string; dates: readonly IsoDate[]; places: number }[];
}): Promise<void> {
  const first = input.dates[0];
  const last = input.dates[input.dates.length - 1];
  if (first === undefined || last === undefined) throw new Error(`Aucun jour d'ouverture pour la période ${input.name}`);
  const periodId = insertedId(
    await ctx.trx
      .insertInto('periods')
      .values({
        service_id: ctx.service(input.service).id,
        name: input.name,
        kind: input.kind,
        school_year: DEMO_SCHOOL_YEAR,
        start_date: first,
        end_date: last,
        day_pattern: input.pattern,
        weekdays: input.weekdays ? JSON.stringify(input.weekdays) : null,
        bookings_open_at: input.opensAt,
        created_at: ctx.at('2026-06-01', '10:00'),
      })
      .executeTakeFirstOrThrow(),
  );
  const closed = new Map((input.closed ?? []).map((c) => [c.date, c.note]));
  await inChunks(input.dates, 500, (chunk) =>
    ctx.trx
      .insertInto('opening_days')
      .values(chunk.map((date) => ({ period_id: periodId, date, closed: closed.has(date) ? 1 : 0, note: closed.get(date) ?? null })))
      .execute(),
  );
  if (input.activities && input.activities.length > 0) {
    const rows = await ctx.trx.selectFrom('opening_days').select(['id', 'date']).where('period_id', '=', periodId).execute();
    const byDate = new Map(rows.map((r) => [r.date, r.id]));
    const links: Insertable<Database['opening_day_activities']>[] = [];
    for (const a of input.activities) {
      for (const date of a.dates) {
        const dayId = byDate.get(date);
        if (dayId === undefined) throw new Error(`Activité « ${a.unit} » un jour fermé : ${date}`);
        links.push({ opening_day_id: dayId, unit_id: ctx.unit(input.service, a.unit), places: a.places });
      }
    }
    await ctx.trx.insertInto('opening_day_activities').values(links).execute();
  }
  ctx.periods.push({ id: periodId, serviceCode: input.service, name: input.name, dates: input.dates.filter((d) => !closed.has(d)) });
}

export async function seedPeriods(ctx: SeedContext): Promise<void> {
  const schoolDays: readonly IsoWeekday[] = [1, 2, 4, 5];
  const yearOpens = parisInstant('2026-06-01', '08:00');
  for (const service of ['restauration', 'periscolaire'] as const) {
    await insertPeriod(ctx, {
      service,
      name: 'Année scolaire 2026-2027',
      kind: 'school_year',
      pattern: 'school_days',
      weekdays: schoolDays,
      dates: openingDays(ctx, DEMO_RENTREE, DEMO_YEAR_END, 'school_days', schoolDays),
      opensAt: yearOpens,
    });
  }
  await insertPeriod(ctx, {
    service: 'alsh_mercredi',
    name: 'Mercredis 2026-2027',
    kind: 'school_year',
    pattern: 'wednesdays',
    weekdays: null,
    dates: openingDays(ctx, DEMO_RENTREE, DEMO_YEAR_END, 'wednesdays'),
    opensAt: yearOpens,
  });

  const vacations: {
    name: string;
    holiday: RegExp;
    end?: IsoDate;
    opens: IsoDate;
    closed?: { date: IsoDate; note: string }[];
    activities?: { unit: string; dates: IsoDate[]; places: number }[];
  }[] = [
    {
      name: 'Vacances de la Toussaint 2026',
      holiday: /toussaint/i,
      opens: '2026-09-21',
      activities: [{ unit: 'stage_poney', dates: ['2026-10-20', '2026-10-21', '2026-10-22'], places: 12 }],
    },
    {
      name: 'Vacances de Noël 2026',
      holiday: /no[eë]l/i,
      opens: '2026-11-23',
      closed: [
        { date: '2026-12-24', note: 'Accueil de loisirs fermé la veille de Noël.' },
        { date: '2026-12-31', note: 'Accueil de loisirs fermé la veille du jour de l’an.' },
      ],
      activities: [{ unit: 'cinema', dates: ['2026-12-23'], places: 48 }],
    },
    {
      name: "Vacances d'hiver 2027",
      holiday: /hiver/i,
      opens: '2027-01-25',
      activities: [
        { unit: 'stage_poney', dates: ['2027-02-23', '2027-02-24', '2027-02-25'], places: 12 },
        { unit: 'cinema', dates: ['2027-03-03'], places: 48 },
      ],
    },
    {
      name: 'Vacances de printemps 2027',
      holiday: /printemps/i,
      opens: '2027-03-22',
      activities: [{ unit: 'sortie_mer', dates: ['2027-04-22'], places: 24 }],
    },
    {
      name: "Vacances d'été 2027",
      holiday: /[ée]t[ée]/i,
      end: '2027-07-30',
      opens: '2027-05-17',
      activities: [
        { unit: 'sortie_mer', dates: ['2027-07-08', '2027-07-22'], places: 40 },
        { unit: 'stage_poney', dates: ['2027-07-19', '2027-07-20', '2027-07-21'], places: 12 },
      ],
    },
  ];
  for (const v of vacations) {
    const h = holiday(ctx, '2026-2027', v.holiday);
    await insertPeriod(ctx, {
      service: 'alsh_vacances',
      name: v.name,
      kind: 'holidays',
      pattern: 'holiday_weekdays',
      weekdays: null,
      dates: openingDays(ctx, h.firstDayOff, v.end ?? effectiveLastDayOff(h), 'holiday_weekdays'),
      opensAt: parisInstant(v.opens, '08:00'),
      ...(v.closed ? { closed: v.closed } : {}),
      ...(v.activities ? { activities: v.activities } : {}),
    });
  }
  await insertPeriod(ctx, {
    service: 'mini_camps',
    name: 'Mini-camps été 2027',
    kind: 'holidays',
    pattern: 'holiday_weekdays',
    weekdays: null,
    dates: openingDays(ctx, '2027-07-12', '2027-07-23', 'holiday_weekdays'),
    opensAt: parisInstant('2027-04-12', '08:00'),
  });
}
