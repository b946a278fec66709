import { describe, expect, it } from 'vitest';
import {
  ageOn,
  bookingOutcome,
  cancellationOutcome,
  dayStatus,
  FINAL_BILLED_MESSAGE,
  groupFor,
  isLate,
  isPast,
  LATE_CANCELLATION_BILLED_MESSAGE,
  lastDayInTime,
  NO_PLACE_MESSAGE,
  PAST_DATE_MESSAGE,
  placesLeft,
  rulesText,
  WAITLIST_MESSAGE,
  type BookingSettings,
  type PlaceLimits,
} from '../../shared/bookings/rules';
import type { ServiceKind } from '../../shared/db/tables/services.table';
import { defaultRules } from '../../shared/services/rules';

/** The guide's settings of a service of this kind (what a new service starts with). */
const guide = (kind: ServiceKind, overrides: Partial<BookingSettings> = {}): BookingSettings => {
  const r = defaultRules(kind);
  return {
    kind,
    approvalMode: r.approvalMode,
    deadlineDays: r.deadlineDays,
    lateBookingPolicy: r.lateBookingPolicy,
    lateCancellationPolicy: r.lateCancellationPolicy,
    bookingsFinal: r.bookingsFinal,
    lateBookingSurchargeCents: r.lateBookingSurchargeCents,
    noPlacePolicy: r.noPlacePolicy,
    ...overrides,
  };
};
const cantine = guide('restauration');
const mercredi = guide('alsh_mercredi');
const vacances = guide('alsh_vacances');
const periscolaire = guide('periscolaire');

/** An instant in Paris wall-clock time. */
const paris = (local: string, offset = '+01:00') => new Date(`${local}${offset}`);
const NOW = paris('2026-11-26T09:00');

describe('deadline: at the latest D − 7, a whole Paris day', () => {
  it('the last day in time is D − deadlineDays', () => {
    expect(lastDayInTime('2026-12-03', 7)).toBe('2026-11-26');
    expect(lastDayInTime('2026-12-03', 0)).toBe('2026-12-03');
  });

  it('exactly D − 7 is on time, until 23:59 Paris', () => {
    expect(isLate(cantine, '2026-12-03', paris('2026-11-26T00:00'))).toBe(false);
    expect(isLate(cantine, '2026-12-03', paris('2026-11-26T23:59'))).toBe(false);
  });

  it('one minute after the cut-off is late', () => {
    expect(isLate(cantine, '2026-12-03', paris('2026-11-27T00:00'))).toBe(true);
    expect(isLate(cantine, '2026-12-03', paris('2026-11-27T00:01'))).toBe(true);
  });

  it('counts in Paris time, not UTC (summer time: 23:59 Paris is 21:59 UTC the same day, 00:00 Paris is still the day before in UTC)', () => {
    expect(isLate(cantine, '2027-07-07', paris('2027-06-30T23:59', '+02:00'))).toBe(false);
    expect(isLate(cantine, '2027-07-07', paris('2027-07-01T00:00', '+02:00'))).toBe(true);
  });

  it('follows the service setting (0 days: until the day itself)', () => {
    const sameDay = guide('periscolaire', { deadlineDays: 0 });
    expect(isLate(sameDay, '2026-11-26', NOW)).toBe(false);
    expect(isLate(guide('periscolaire', { deadlineDays: 14 }), '2026-12-09', NOW)).toBe(true);
    expect(isLate(guide('periscolaire', { deadlineDays: 14 }), '2026-12-10', NOW)).toBe(false);
  });

  it('a past date is yesterday or before, in Paris', () => {
    expect(isPast('2026-11-25', NOW)).toBe(true);
    expect(isPast('2026-11-26', NOW)).toBe(false);
    // 23:30 UTC on the 25th is already the 26th in Paris.
    expect(isPast('2026-11-25', new Date('2026-11-25T23:30:00Z'))).toBe(true);
  });
});

describe('booking outcome', () => {
  it('a past date is refused', () => {
    expect(bookingOutcome(cantine, { date: '2026-11-25', placesLeft: 10 }, NOW)).toMatchObject({ outcome: 'refused', reason: PAST_DATE_MESSAGE, surchargeCents: 0 });
  });

  it('cantine in time: accepted at once, no surcharge', () => {
    expect(bookingOutcome(cantine, { date: '2026-12-03', placesLeft: 10 }, NOW)).toEqual({ outcome: 'accepted', reason: null, late: false, surchargeCents: 0 });
  });

  it('late cantine: accepted with the +1 € surcharge (repas majoré)', () => {
    const d = bookingOutcome(cantine, { date: '2026-12-01', placesLeft: 10 }, NOW);
    expect(d).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 100 });
    expect(d.reason).toMatch(/^Repas majoré de 1,00\s€ : réservation hors délai\.$/);
  });

  it('the surcharge follows the service setting', () => {
    const d = bookingOutcome(guide('restauration', { lateBookingSurchargeCents: 150 }), { date: '2026-12-01', placesLeft: null }, NOW);
    expect(d.surchargeCents).toBe(150);
    expect(d.reason).toMatch(/1,50\s€/);
  });

  it('late under a "refuse" policy: refused with the deadline', () => {
    expect(bookingOutcome(mercredi, { date: '2026-12-02', placesLeft: 10 }, NOW)).toMatchObject({
      outcome: 'refused',
      reason: 'Réservation hors délai : au plus tard 7 jours avant.',
      late: true,
    });
  });

  it('late under an "accept" policy: handled as usual', () => {
    expect(bookingOutcome(guide('periscolaire', { lateBookingPolicy: 'accept' }), { date: '2026-11-27', placesLeft: 3 }, NOW)).toEqual({
      outcome: 'accepted',
      reason: null,
      late: true,
      surchargeCents: 0,
    });
  });

  it('manual approval (ALSH): pending in time, whatever the places', () => {
    expect(bookingOutcome(mercredi, { date: '2026-12-09', placesLeft: 0 }, NOW)).toEqual({ outcome: 'pending', reason: null, late: false, surchargeCents: 0 });
  });

  it('automatic approval: the last place is accepted, the next one refused or waitlisted per the policy', () => {
    expect(bookingOutcome(periscolaire, { date: '2026-12-07', placesLeft: 1 }, NOW).outcome).toBe('accepted');
    expect(bookingOutcome(periscolaire, { date: '2026-12-07', placesLeft: 0 }, NOW)).toMatchObject({ outcome: 'refused', reason: NO_PLACE_MESSAGE });
    expect(bookingOutcome(guide('periscolaire', { noPlacePolicy: 'waitlist' }), { date: '2026-12-07', placesLeft: 0 }, NOW)).toMatchObject({
      outcome: 'waitlisted',
      reason: WAITLIST_MESSAGE,
    });
  });

  it('no limit at all (null) is always a place', () => {
    expect(bookingOutcome(cantine, { date: '2026-12-07', placesLeft: null }, NOW).outcome).toBe('accepted');
  });

  it('a late cantine meal without a place is refused, and not surcharged', () => {
    expect(bookingOutcome(cantine, { date: '2026-12-01', placesLeft: 0 }, NOW)).toMatchObject({ outcome: 'refused', surchargeCents: 0 });
  });
});

describe('cancellation outcome', () => {
  it('a pending or waitlisted line is withdrawn, never billed, even late', () => {
    for (const status of ['pending', 'waitlisted'] as const) {
      expect(cancellationOutcome(vacances, { date: '2026-11-30', status }, NOW)).toEqual({ ok: true, outcome: 'cancelled', reason: null, stillBilled: false, late: true });
    }
  });

  it('in time (exactly D − 7): cancelled free', () => {
    expect(cancellationOutcome(cantine, { date: '2026-12-03', status: 'accepted' }, NOW)).toEqual({ ok: true, outcome: 'cancelled', reason: null, stillBilled: false, late: false });
  });

  it('late cantine: cancelled, still billed', () => {
    expect(cancellationOutcome(cantine, { date: '2026-12-01', status: 'accepted' }, NOW)).toEqual({
      ok: true,
      outcome: 'cancelled',
      reason: LATE_CANCELLATION_BILLED_MESSAGE,
      stillBilled: true,
      late: true,
    });
  });

  it('late périscolaire: free (the guide bills late cancellations of mercredi and cantine only)', () => {
    expect(cancellationOutcome(periscolaire, { date: '2026-12-01', status: 'accepted' }, NOW)).toMatchObject({ outcome: 'cancelled', stillBilled: false });
  });

  it('manual service (mercredi): cancellation_pending, billed when late', () => {
    expect(cancellationOutcome(mercredi, { date: '2026-12-09', status: 'accepted' }, NOW)).toEqual({
      ok: true,
      outcome: 'cancellation_pending',
      reason: null,
      stillBilled: false,
      late: false,
    });
    expect(cancellationOutcome(mercredi, { date: '2026-12-02', status: 'accepted' }, NOW)).toMatchObject({
      outcome: 'cancellation_pending',
      reason: LATE_CANCELLATION_BILLED_MESSAGE,
      stillBilled: true,
    });
  });

  it('holidays (bookings final): still billed even well in time', () => {
    expect(cancellationOutcome(vacances, { date: '2027-02-22', status: 'accepted' }, NOW)).toEqual({
      ok: true,
      outcome: 'cancellation_pending',
      reason: FINAL_BILLED_MESSAGE,
      stillBilled: true,
      late: false,
    });
    expect(cancellationOutcome(guide('alsh_vacances', { approvalMode: 'automatic' }), { date: '2027-02-22', status: 'accepted' }, NOW)).toMatchObject({
      outcome: 'cancelled',
      stillBilled: true,
    });
  });

  it('a past day, a cancellation already asked, a refused or cancelled line cannot be cancelled', () => {
    expect(cancellationOutcome(cantine, { date: '2026-11-25', status: 'accepted' }, NOW)).toMatchObject({ ok: false });
    expect(cancellationOutcome(mercredi, { date: '2026-12-09', status: 'cancellation_pending' }, NOW)).toMatchObject({ ok: false });
    expect(cancellationOutcome(cantine, { date: '2026-12-09', status: 'refused' }, NOW)).toMatchObject({ ok: false });
    expect(cancellationOutcome(cantine, { date: '2026-12-09', status: 'cancelled' }, NOW)).toMatchObject({ ok: false });
  });
});

describe('places', () => {
  const none: PlaceLimits = { groupMaxPlaces: null, serviceMaxPlaces: null, activityPlaces: null, staffing: null, underSix: false };

  it('no limit → null', () => {
    expect(placesLeft(none, { group: 500, day: 500 })).toBeNull();
  });

  it('the tightest limit wins, each against its own scope, never below zero', () => {
    expect(placesLeft({ ...none, groupMaxPlaces: 48 }, { group: 38, day: 90 })).toBe(10);
    expect(placesLeft({ ...none, groupMaxPlaces: 48, serviceMaxPlaces: 95 }, { group: 38, day: 90 })).toBe(5);
    expect(placesLeft({ ...none, groupMaxPlaces: 48, activityPlaces: 12 }, { group: 2, day: 11 })).toBe(1);
    expect(placesLeft({ ...none, groupMaxPlaces: 10 }, { group: 12, day: 12 })).toBe(0);
  });

  it('a staff plan limits the group to animators × the legal ratio, by the child’s age', () => {
    const plan = { animators: 3, ratio: { underSix: 8, sixPlus: 12 } };
    expect(placesLeft({ ...none, groupMaxPlaces: 48, staffing: plan, underSix: true }, { group: 20, day: 20 })).toBe(4);
    expect(placesLeft({ ...none, groupMaxPlaces: 48, staffing: plan, underSix: false }, { group: 20, day: 20 })).toBe(16);
    expect(placesLeft({ ...none, staffing: { animators: 0, ratio: plan.ratio } }, { group: 0, day: 0 })).toBe(0);
  });

  it('a group mixing ages counts the places held as under-sixes: never more children than the staff allows', () => {
    const plan = { animators: 1, ratio: { underSix: 8, sixPlus: 12 } };
    const mixed = { ...none, staffing: plan, mixedAges: true };
    // Eight under-sixes fill one animator: no room left for a child of six or more either.
    expect(placesLeft({ ...mixed, underSix: false }, { group: 8, day: 8 })).toBe(0);
    expect(placesLeft({ ...mixed, underSix: true }, { group: 8, day: 8 })).toBe(0);
    // Four held (at worst under six): four more under-sixes, or six of six and over.
    expect(placesLeft({ ...mixed, underSix: true }, { group: 4, day: 4 })).toBe(4);
    expect(placesLeft({ ...mixed, underSix: false }, { group: 4, day: 4 })).toBe(6);
  });
});

describe('open days', () => {
  const base = { pattern: 'school_days' as const, openingDay: null, publicHoliday: null, schoolHoliday: null };

  it('an opening day not closed is open', () => {
    expect(dayStatus({ ...base, openingDay: { closed: false, note: null } })).toEqual({ open: true, closedReason: null });
  });

  it('a public holiday is closed with its name', () => {
    expect(dayStatus({ ...base, publicHoliday: 'Armistice 1918' })).toEqual({ open: false, closedReason: 'Jour férié : Armistice 1918' });
  });

  it('a day closed by staff gives their note (or says it is closed)', () => {
    expect(dayStatus({ ...base, pattern: 'holiday_weekdays', openingDay: { closed: true, note: 'Accueil de loisirs fermé la veille de Noël.' } })).toEqual({
      open: false,
      closedReason: 'Accueil de loisirs fermé la veille de Noël.',
    });
    expect(dayStatus({ ...base, openingDay: { closed: true, note: null } }).closedReason).toBe('Accueil fermé ce jour-là.');
  });

  it('school holidays close school-day and Wednesday patterns only', () => {
    expect(dayStatus({ ...base, schoolHoliday: 'Vacances de Noël' }).closedReason).toBe('Vacances scolaires');
    expect(dayStatus({ ...base, pattern: 'wednesdays', schoolHoliday: 'Vacances de Noël' }).closedReason).toBe('Vacances scolaires');
    expect(dayStatus({ ...base, pattern: 'holiday_weekdays', schoolHoliday: 'Vacances de Noël' }).closedReason).toBe("Pas d'accueil ce jour-là.");
  });

  it('a public holiday opened by hand is open', () => {
    expect(dayStatus({ ...base, publicHoliday: 'Lundi de Pentecôte', openingDay: { closed: false, note: null } }).open).toBe(true);
  });
});

describe('children and groups', () => {
  it('age in whole years, the birthday included', () => {
    expect(ageOn('2020-12-09', '2026-12-08')).toBe(5);
    expect(ageOn('2020-12-09', '2026-12-09')).toBe(6);
  });

  it('the group that fits, else the nearest one', () => {
    const groups = [
      { id: 1, minAge: 3, maxAge: 5 },
      { id: 2, minAge: 6, maxAge: 11 },
    ];
    expect(groupFor(groups, 5)?.id).toBe(1);
    expect(groupFor(groups, 6)?.id).toBe(2);
    expect(groupFor(groups, 2)?.id).toBe(1);
    expect(groupFor(groups, 13)?.id).toBe(2);
    expect(groupFor([], 6)).toBeNull();
  });
});

describe('rules in French', () => {
  it('says the guide’s rules of each service', () => {
    expect(rulesText(cantine)).toMatch(/au plus tard 7 jours avant la date.*majoration de 1,00\s€ par repas \(repas majoré\).*acceptées aussitôt.*hors délai reste facturée/);
    expect(rulesText(vacances)).toMatch(/dans l'ordre d'arrivée.*définitives : toute annulation ou absence est facturée/);
    expect(rulesText(periscolaire)).toMatch(/hors délai n'est pas facturée/);
  });
});
