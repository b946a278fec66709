import { describe, expect, it } from 'vitest';
import { shippedSchoolHolidays } from '../../shared/calendar';
import {
  DEADLINE_MESSAGE,
  groupInputSchema,
  PERIOD_ORDER_MESSAGE,
  periodInputSchema,
  serviceCreateSchema,
  staffingInputSchema,
  TIME_ORDER_MESSAGE,
  unitInputSchema,
} from '../../shared/schemas/services';
import { planNextYearPeriods, type SourcePeriod } from '../../shared/services/duplication';
import { parisInstant, parisWallTime } from '../../shared/services/parisTime';
import {
  areIncompatible,
  defaultRules,
  effectiveRatio,
  exceedsLegal,
  IncompatibilityError,
  incompatibleWith,
  isLongSession,
  legalRatios,
  nextSchoolYear,
  replaceIncompatibilities,
  schoolYearOf,
  shiftYearsInName,
  symmetricPairs,
} from '../../shared/services/rules';

describe('defaultRules — the guide’s values for a new service', () => {
  it('gives every kind of service the 7-day deadline of the guide', () => {
    for (const kind of ['restauration', 'periscolaire', 'alsh_mercredi', 'alsh_vacances', 'autre'] as const) {
      expect(defaultRules(kind).deadlineDays, kind).toBe(7);
    }
  });

  it('restauration: late booking accepted with a 1 € surcharge per meal, unbooked meal +1 €, late cancellation billed, automatic', () => {
    expect(defaultRules('restauration')).toMatchObject({
      approvalMode: 'automatic',
      lateBookingPolicy: 'surcharge',
      lateBookingSurchargeCents: 100,
      unbookedPresenceSurchargeCents: 100,
      lateCancellationPolicy: 'billed',
      bookingsFinal: false,
      ratioRegime: 'none',
    });
  });

  it('ALSH du mercredi: approval by staff, late cancellation billed, périscolaire ratios', () => {
    expect(defaultRules('alsh_mercredi')).toMatchObject({
      approvalMode: 'manual',
      lateBookingPolicy: 'refuse',
      lateCancellationPolicy: 'billed',
      bookingsFinal: false,
      lateBookingSurchargeCents: 0,
      ratioRegime: 'periscolaire',
    });
  });

  it('ALSH vacances: bookings final, absences billed unless exceptional, extrascolaire ratios', () => {
    expect(defaultRules('alsh_vacances')).toMatchObject({
      approvalMode: 'manual',
      bookingsFinal: true,
      justifiedAbsenceBilled: true,
      lateCancellationPolicy: 'billed',
      ratioRegime: 'extrascolaire',
    });
  });

  it('périscolaire: automatic approval, late cancellation free (the guide bills it for mercredi and cantine only)', () => {
    expect(defaultRules('periscolaire')).toMatchObject({ approvalMode: 'automatic', lateCancellationPolicy: 'free', ratioRegime: 'periscolaire' });
  });

  it('returns a fresh object each time', () => {
    const a = defaultRules('restauration');
    a.deadlineDays = 2;
    expect(defaultRules('restauration').deadlineDays).toBe(7);
  });
});

describe('legalRatios — Code de l’action sociale et des familles', () => {
  it('extrascolaire (R227-15): 1 for 8 under six, 1 for 12 from six, whatever the PEDT or the length', () => {
    for (const pedt of [false, true]) {
      for (const longSession of [false, true]) {
        expect(legalRatios('extrascolaire', { pedt, longSession })).toEqual({ underSix: 8, sixPlus: 12 });
      }
    }
  });

  it('périscolaire ≤ 5 h (R227-16): 1/10 and 1/14, or 1/14 and 1/18 under a PEDT', () => {
    expect(legalRatios('periscolaire', { pedt: false, longSession: false })).toEqual({ underSix: 10, sixPlus: 14 });
    expect(legalRatios('periscolaire', { pedt: true, longSession: false })).toEqual({ underSix: 14, sixPlus: 18 });
  });

  it('périscolaire > 5 h: 1/8 and 1/12, or 1/10 and 1/14 under a PEDT', () => {
    expect(legalRatios('periscolaire', { pedt: false, longSession: true })).toEqual({ underSix: 8, sixPlus: 12 });
    expect(legalRatios('periscolaire', { pedt: true, longSession: true })).toEqual({ underSix: 10, sixPlus: 14 });
  });

  it('no ratio for a service outside both regimes (restauration)', () => {
    expect(legalRatios('none', { pedt: false, longSession: false })).toBeNull();
  });

  it('a session is long beyond 5 hours', () => {
    expect(isLongSession('07:30', '18:30')).toBe(true);
    expect(isLongSession('13:30', '18:30')).toBe(false);
    expect(isLongSession('13:30', '18:31')).toBe(true);
  });

  it('applies the group’s rule, else the service’s, else the law; flags a laxer ratio', () => {
    const service = { ratioRegime: 'periscolaire' as const, pedt: false };
    const rules = [
      { groupId: null, longSession: true, underSixPerAnimator: 8, sixPlusPerAnimator: 12 },
      { groupId: 7, longSession: true, underSixPerAnimator: 6, sixPlusPerAnimator: 10 },
    ];
    expect(effectiveRatio(rules, service, { groupId: 7, longSession: true })).toEqual({ ratio: { underSix: 6, sixPlus: 10 }, source: 'group' });
    expect(effectiveRatio(rules, service, { groupId: 8, longSession: true })).toEqual({ ratio: { underSix: 8, sixPlus: 12 }, source: 'service' });
    expect(effectiveRatio(rules, service, { groupId: 8, longSession: false })).toEqual({ ratio: { underSix: 10, sixPlus: 14 }, source: 'legal' });
    expect(effectiveRatio(rules, { ratioRegime: 'none', pedt: false }, { groupId: 7, longSession: true })).toBeNull();
    expect(exceedsLegal({ underSix: 12, sixPlus: 14 }, { underSix: 10, sixPlus: 14 })).toBe(true);
    expect(exceedsLegal({ underSix: 6, sixPlus: 10 }, { underSix: 10, sixPlus: 14 })).toBe(false);
  });
});

describe('unit incompatibilities are symmetric', () => {
  const JOURNEE = 1;
  const MATIN = 2;
  const APRES_MIDI = 3;
  const REPAS = 4;

  it('journée excludes matin means matin excludes journée', () => {
    const pairs = symmetricPairs([[JOURNEE, MATIN]]);
    expect(pairs).toEqual([
      [JOURNEE, MATIN],
      [MATIN, JOURNEE],
    ]);
    expect(areIncompatible(pairs, MATIN, JOURNEE)).toBe(true);
    expect(areIncompatible(pairs, JOURNEE, MATIN)).toBe(true);
    expect(incompatibleWith(pairs, MATIN)).toEqual([JOURNEE]);
    expect(areIncompatible(pairs, MATIN, REPAS)).toBe(false);
  });

  it('finds the partner whichever direction a pair was written in', () => {
    expect(incompatibleWith([[MATIN, JOURNEE]], JOURNEE)).toEqual([MATIN]);
  });

  it('replacing a unit’s incompatibilities updates the other side too', () => {
    let pairs = replaceIncompatibilities([], JOURNEE, [MATIN, APRES_MIDI]);
    expect(incompatibleWith(pairs, MATIN)).toEqual([JOURNEE]);
    expect(incompatibleWith(pairs, APRES_MIDI)).toEqual([JOURNEE]);
    pairs = replaceIncompatibilities(pairs, MATIN, []);
    expect(incompatibleWith(pairs, JOURNEE)).toEqual([APRES_MIDI]);
    expect(pairs.every(([a, b]) => areIncompatible(pairs, b, a))).toBe(true);
  });

  it('a unit cannot exclude itself', () => {
    expect(() => symmetricPairs([[MATIN, MATIN]])).toThrow(IncompatibilityError);
    expect(() => replaceIncompatibilities([], MATIN, [MATIN])).toThrow('Un accueil ne peut pas être incompatible avec lui-même.');
  });
});

describe('school years', () => {
  it('September starts a school year, the summer ends it', () => {
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
    expect(schoolYearOf('2027-07-15')).toBe('2026-2027');
    expect(schoolYearOf('2027-08-31')).toBe('2026-2027');
    expect(nextSchoolYear('2026-2027')).toBe('2027-2028');
  });

  it('moves the years written in a period’s name', () => {
    expect(shiftYearsInName('Année scolaire 2026-2027')).toBe('Année scolaire 2027-2028');
    expect(shiftYearsInName('Vacances de la Toussaint 2026')).toBe('Vacances de la Toussaint 2027');
    expect(shiftYearsInName('Mercredis')).toBe('Mercredis');
  });

  it('converts Paris wall-clock times across daylight saving', () => {
    expect(parisInstant('2026-06-01', '08:00')).toBe('2026-06-01T06:00:00.000Z');
    expect(parisInstant('2026-12-01', '08:00')).toBe('2026-12-01T07:00:00.000Z');
    expect(parisWallTime('2026-12-01T07:00:00.000Z')).toEqual({ date: '2026-12-01', time: '08:00' });
  });

  it('reads the Paris wall clock on both sides of each change of offset and of midnight', () => {
    // Spring: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(parisWallTime('2027-03-28T00:59:00.000Z')).toEqual({ date: '2027-03-28', time: '01:59' });
    expect(parisWallTime('2027-03-28T01:00:00.000Z')).toEqual({ date: '2027-03-28', time: '03:00' });
    // Autumn: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(parisWallTime('2026-10-25T00:59:00.000Z')).toEqual({ date: '2026-10-25', time: '02:59' });
    expect(parisWallTime('2026-10-25T01:00:00.000Z')).toEqual({ date: '2026-10-25', time: '02:00' });
    expect(parisWallTime('2026-12-31T22:59:00.000Z')).toEqual({ date: '2026-12-31', time: '23:59' });
    expect(parisWallTime('2026-12-31T23:00:00.000Z')).toEqual({ date: '2027-01-01', time: '00:00' });
    expect(parisWallTime('2027-07-06T22:30:00+00:00')).toEqual({ date: '2027-07-07', time: '00:30' });
    expect(() => parisWallTime('pas une date')).toThrow(RangeError);
  });
});

describe('next year’s periods (duplication)', () => {
  const holidays = shippedSchoolHolidays();
  const period = (p: Partial<SourcePeriod> & Pick<SourcePeriod, 'id' | 'name' | 'kind' | 'startDate' | 'endDate' | 'dayPattern'>): SourcePeriod => ({
    schoolYear: '2026-2027',
    weekdays: null,
    bookingsOpenAt: null,
    ...p,
  });

  it('maps school-year, holiday and partial-holiday periods of 2026-2027 onto 2027-2028 (zone B)', () => {
    const plan = planNextYearPeriods(
      [
        period({ id: 1, name: 'Mercredis 2026-2027', kind: 'school_year', startDate: '2026-09-02', endDate: '2027-06-30', dayPattern: 'wednesdays', bookingsOpenAt: '2026-06-01T06:00:00.000Z' }),
        period({ id: 2, name: 'Vacances de la Toussaint 2026', kind: 'holidays', startDate: '2026-10-19', endDate: '2026-10-30', dayPattern: 'holiday_weekdays' }),
        period({ id: 3, name: 'Vacances de Noël 2026', kind: 'holidays', startDate: '2026-12-21', endDate: '2026-12-31', dayPattern: 'holiday_weekdays' }),
        period({ id: 4, name: "Vacances d'été 2027", kind: 'holidays', startDate: '2027-07-05', endDate: '2027-07-30', dayPattern: 'holiday_weekdays' }),
        period({ id: 5, name: 'Mini-camps été 2027', kind: 'holidays', startDate: '2027-07-12', endDate: '2027-07-23', dayPattern: 'holiday_weekdays' }),
      ],
      { fromSchoolYear: '2026-2027', zone: 'B', holidays },
    );
    expect(plan.toSchoolYear).toBe('2027-2028');
    expect(plan.rentree).toBe('2027-09-01');
    expect(plan.yearEnd).toBe('2028-07-03');
    const byId = new Map(plan.periods.map((p) => [p.sourceId, p]));
    expect(byId.get(1)).toMatchObject({ name: 'Mercredis 2027-2028', startDate: '2027-09-01', endDate: '2028-07-03', schoolYear: '2027-2028' });
    // Bookings opened on 1 June 2026 at 8:00 in Paris; the period moves by 364 days, same Paris time.
    expect(parisWallTime(byId.get(1)!.bookingsOpenAt!)).toEqual({ date: '2027-05-31', time: '08:00' });
    expect(byId.get(2)).toMatchObject({ name: 'Vacances de la Toussaint 2027', startDate: '2027-10-23', endDate: '2027-11-07' });
    expect(byId.get(3)).toMatchObject({ name: 'Vacances de Noël 2027', startDate: '2027-12-18', endDate: '2028-01-02' });
    // July only: from the first day of the summer holidays to the same Friday of July, a year later.
    expect(byId.get(4)).toMatchObject({ startDate: '2028-07-04', endDate: '2028-07-28' });
    // A fortnight inside the summer keeps its weekdays (Monday → Friday).
    expect(byId.get(5)).toMatchObject({ startDate: '2028-07-10', endDate: '2028-07-21' });
  });

  it('refuses when next year’s school holidays are unknown', () => {
    expect(() =>
      planNextYearPeriods([period({ id: 1, name: 'Mercredis', kind: 'school_year', startDate: '2027-09-01', endDate: '2028-07-03', dayPattern: 'wednesdays', schoolYear: '2027-2028' })], {
        fromSchoolYear: '2027-2028',
        zone: 'B',
        holidays,
      }),
    ).toThrow('Les vacances scolaires 2028-2029 de la zone B ne sont pas connues');
  });
});

describe('input schemas', () => {
  const message = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
    schema.safeParse(value).error?.issues[0]?.message;

  it('refuses a deadline of -1 day (number or text) with the sentence of the brief', () => {
    const base = { name: 'ALSH', code: 'alsh', kind: 'alsh_mercredi' };
    expect(message(serviceCreateSchema, { ...base, deadlineDays: -1 })).toBe(DEADLINE_MESSAGE);
    expect(message(serviceCreateSchema, { ...base, deadlineDays: '-1' })).toBe(DEADLINE_MESSAGE);
    expect(serviceCreateSchema.safeParse({ ...base, deadlineDays: 0 }).success).toBe(true);
    expect(message(serviceCreateSchema, { ...base, deadlineDays: 91 })).toBe('Le délai ne peut pas dépasser 90 jours.');
    expect(message(serviceCreateSchema, { ...base, lateBookingSurchargeCents: -100 })).toBe('Majoration hors délai : le montant doit être positif ou nul.');
    expect(message(serviceCreateSchema, { ...base, id: 4 })).toBe('Champ non reconnu : « id ».');
  });

  it('refuses a period ending before it starts, or lasting more than a year', () => {
    const base = { name: 'Mercredis', kind: 'school_year', dayPattern: 'wednesdays' };
    expect(message(periodInputSchema, { ...base, startDate: '2026-11-30', endDate: '2026-10-01' })).toBe(PERIOD_ORDER_MESSAGE);
    expect(message(periodInputSchema, { ...base, startDate: '2026-09-01', endDate: '2028-07-01' })).toMatch(/un an/);
    expect(message(periodInputSchema, { ...base, startDate: '1926-09-01', endDate: '1926-10-01' })).toMatch(/2000 et 2099/);
    expect(message(periodInputSchema, { ...base, dayPattern: 'weekdays', startDate: '2026-09-01', endDate: '2026-10-01' })).toBe(
      "Cochez au moins un jour d'ouverture.",
    );
    expect(periodInputSchema.safeParse({ ...base, startDate: '2026-10-01', endDate: '2026-10-01' }).success).toBe(true);
  });

  it('refuses an end time before the start time, and a time given alone', () => {
    const base = { code: 'matin', name: 'Matin', kind: 'accueil' };
    expect(message(unitInputSchema, { ...base, startTime: '12:00', endTime: '07:30' })).toBe(TIME_ORDER_MESSAGE);
    expect(message(unitInputSchema, { ...base, startTime: '07:30', endTime: '07:30' })).toBe(TIME_ORDER_MESSAGE);
    expect(message(unitInputSchema, { ...base, startTime: '07:30', endTime: null })).toMatch(/aucune des deux/);
    expect(message(unitInputSchema, { ...base, startTime: '7h30', endTime: '12:00' })).toMatch(/HH:MM/);
    expect(unitInputSchema.safeParse({ ...base, startTime: null, endTime: null }).success).toBe(true);
  });

  it('checks age groups and staffing rules', () => {
    expect(message(groupInputSchema, { name: '3-5 ans', minAge: 6, maxAge: 3 })).toMatch(/supérieur ou égal/);
    expect(message(groupInputSchema, { name: '3-5 ans', minAge: 3, maxAge: 18 })).toMatch(/0 et 17 ans/);
    expect(message(groupInputSchema, { name: '3-5 ans', minAge: 3, maxAge: 5, maxPlaces: -1 })).toMatch(/positif ou nul/);
    const rule = { groupId: null, longSession: false, underSixPerAnimator: 10, sixPlusPerAnimator: 14 };
    expect(message(staffingInputSchema, { rules: [rule, rule] })).toMatch(/même groupe/);
    expect(message(staffingInputSchema, { rules: [{ ...rule, underSixPerAnimator: 0 }] })).toMatch(/au moins 1 enfant/);
  });
});
