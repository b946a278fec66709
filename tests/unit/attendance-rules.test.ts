import { describe, expect, it } from 'vitest';
import type { BillingBooking, BillingServiceSettings } from '../../shared/billing/matrix';
import {
  cafHours,
  dayBillableOutcomes,
  futureDayMessage,
  hoursOf,
  mealCategory,
  schoolWeek,
  servesMeal,
  sessionMinutes,
  type CafPresence,
  type DayLine,
} from '../../shared/attendance/rules';

// Settings of the guide's services (shared/demo/services.ts).
const cantine: BillingServiceSettings = { kind: 'restauration', bookingsFinal: false, justifiedAbsenceBilled: false, unbookedPresenceSurchargeCents: 100 };
const vacances: BillingServiceSettings = { kind: 'alsh_vacances', bookingsFinal: true, justifiedAbsenceBilled: true, unbookedPresenceSurchargeCents: 0 };

const accepted = (over: Partial<BillingBooking> = {}): DayLine['booking'] => ({
  id: 1,
  status: 'accepted',
  billedIfCancelled: false,
  surchargeCents: 0,
  exceptionalAbsence: false,
  ...over,
});

const line = (childId: number, booking: DayLine['booking'], attendance: DayLine['attendance']): DayLine => ({ childId, unitId: 1, booking, attendance });

describe('each attendance state’s effect on what is billable (a day’s list through the billing matrix)', () => {
  it('cantine: présent billed, non justifié billed, justifié (maladie, école, certificat) not billed, non inscrit billed + 1 €, not ticked billed', () => {
    const out = dayBillableOutcomes(cantine, [
      line(1, accepted(), { state: 'present', justification: null }),
      line(2, accepted(), { state: 'absent_unjustified', justification: null }),
      line(3, accepted(), { state: 'absent_justified', justification: 'school' }),
      line(4, accepted(), { state: 'absent_justified', justification: 'illness' }),
      line(5, accepted(), { state: 'absent_justified', justification: 'illness_certificate' }),
      line(6, null, { state: 'present_unbooked', justification: null }),
      line(7, accepted(), null),
      line(8, accepted({ surchargeCents: 100 }), { state: 'present', justification: null }),
    ]);
    expect(out.map((o) => [o.childId, o.outcome.billed, o.outcome.surchargeCents, o.outcome.code])).toEqual([
      [1, true, 0, 'present'],
      [2, true, 0, 'absent_unjustified'],
      [3, false, 0, 'absent_justified'],
      [4, false, 0, 'absent_justified'],
      [5, false, 0, 'absent_justified'],
      [6, true, 100, 'present_unbooked'],
      [7, true, 0, 'not_recorded'],
      [8, true, 100, 'present'],
    ]);
    expect(out[2]?.outcome.explanation).toBe('Absence justifiée : non facturée');
    expect(out[5]?.outcome.explanation).toBe('Présence sans réservation : facturée avec majoration');
  });

  it('a child present after a refused or in-time-cancelled booking is billed as non inscrit (+ 1 €)', () => {
    const out = dayBillableOutcomes(cantine, [
      line(1, accepted({ status: 'refused' }), { state: 'present_unbooked', justification: null }),
      line(2, accepted({ status: 'cancelled' }), { state: 'present_unbooked', justification: null }),
    ]);
    expect(out.map((o) => [o.outcome.billed, o.outcome.surchargeCents])).toEqual([
      [true, 100],
      [true, 100],
    ]);
  });

  it('holidays: any absence billed (even justified by illness), unless staff recorded an exceptional absence', () => {
    const out = dayBillableOutcomes(vacances, [
      line(1, accepted(), { state: 'absent_justified', justification: 'illness_certificate' }),
      line(2, accepted(), { state: 'absent_unjustified', justification: null }),
      line(3, accepted({ exceptionalAbsence: true }), { state: 'absent_justified', justification: 'illness' }),
      line(4, accepted(), { state: 'present', justification: null }),
    ]);
    expect(out.map((o) => [o.childId, o.outcome.billed, o.outcome.code])).toEqual([
      [1, true, 'absent_final'],
      [2, true, 'absent_unjustified'],
      [3, false, 'exceptional_absence'],
      [4, true, 'present'],
    ]);
  });
});

describe('ticking rules', () => {
  const now = new Date('2026-11-26T09:00:00+01:00');
  it('today and past days may be ticked, never a day still to come (Paris time)', () => {
    expect(futureDayMessage('2026-11-26', now)).toBeNull();
    expect(futureDayMessage('2026-11-02', now)).toBeNull();
    expect(futureDayMessage('2026-11-27', now)).toBe(
      "Impossible de pointer le 27/11/2026 : ce jour n'est pas encore arrivé. Le pointage se fait le jour même ou après.",
    );
    // 23:30 UTC on the 26th is already the 27th in Paris.
    expect(futureDayMessage('2026-11-27', new Date('2026-11-26T23:30:00Z'))).toBeNull();
  });
});

describe('kitchen', () => {
  it('puts each child in one column: PAI or allergy first, then the diet', () => {
    expect(mealCategory(null)).toBe('standard');
    expect(mealCategory({ diet: 'sans_porc', hasPai: false, allergies: null })).toBe('sans_porc');
    expect(mealCategory({ diet: 'vegetarien', hasPai: false, allergies: '  ' })).toBe('vegetarien');
    expect(mealCategory({ diet: 'vegetarien', hasPai: false, allergies: 'arachide' })).toBe('pai_allergies');
    expect(mealCategory({ diet: 'standard', hasPai: true, allergies: null })).toBe('pai_allergies');
  });

  it('knows which units serve a meal and which days make a week', () => {
    expect(servesMeal('restauration', 'Repas')).toBe(true);
    expect(servesMeal('alsh_mercredi', 'Journée (repas compris)')).toBe(true);
    expect(servesMeal('periscolaire', 'Accueil du soir (goûter compris)')).toBe(false);
    expect(schoolWeek('2026-11-26')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(schoolWeek('2026-11-29')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });
});

describe('CAF hours for a sample month (November 2026)', () => {
  // Léo, born 2018-04-12 (8), Jade, born 2022-06-03 (4), and Tom who turns six on 15 November.
  const matin = { regime: 'periscolaire' as const, startTime: '07:15', endTime: '08:45' }; // 1 h 30
  const soir = { regime: 'periscolaire' as const, startTime: '16:30', endTime: '18:45' }; // 2 h 15
  const mercredi = { regime: 'periscolaire' as const, startTime: '07:30', endTime: '18:30' }; // 11 h
  const vacances = { regime: 'extrascolaire' as const, startTime: '07:30', endTime: '18:30' };
  const cantine = { regime: 'none' as const, startTime: '11:45', endTime: '13:30' };
  const p = (childId: number, birthDate: string, date: string, unit: Omit<CafPresence, 'childId' | 'birthDate' | 'date' | 'state'>, state: CafPresence['state'] = 'present'): CafPresence => ({
    childId,
    birthDate,
    date,
    state,
    ...unit,
  });
  const LEO = '2018-04-12';
  const JADE = '2022-06-03';
  const TOM = '2020-11-15';
  const month: CafPresence[] = [
    p(1, LEO, '2026-11-02', matin),
    p(1, LEO, '2026-11-03', matin),
    p(1, LEO, '2026-11-05', matin, 'absent_justified'), // absent: not delivered
    p(1, LEO, '2026-11-04', mercredi),
    p(1, LEO, '2026-11-02', cantine), // the restaurant is not an accueil de loisirs
    p(2, JADE, '2026-11-02', soir),
    p(2, JADE, '2026-11-03', soir, 'present_unbooked'), // came without booking: delivered all the same
    p(2, JADE, '2026-11-06', soir, 'absent_unjustified'),
    p(3, TOM, '2026-11-13', soir), // 5 on that day
    p(3, TOM, '2026-11-16', soir), // 6 from the 15th
    p(3, TOM, '2026-11-02', vacances), // sample extrascolaire day
  ];

  it('counts whole sessions of the days present, per child, regime and age bracket on the day', () => {
    const rows = cafHours(month).map((r) => ({ ...r, hours: hoursOf(r.minutes) }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { childId: 1, regime: 'periscolaire', bracket: 'six_plus', sessions: 3, minutes: 90 + 90 + 660, hours: 14 },
        { childId: 2, regime: 'periscolaire', bracket: 'under_six', sessions: 2, minutes: 270, hours: 4.5 },
        { childId: 3, regime: 'periscolaire', bracket: 'under_six', sessions: 1, minutes: 135, hours: 2.25 },
        { childId: 3, regime: 'periscolaire', bracket: 'six_plus', sessions: 1, minutes: 135, hours: 2.25 },
        { childId: 3, regime: 'extrascolaire', bracket: 'under_six', sessions: 1, minutes: 660, hours: 11 },
      ]),
    );
    expect(rows).toHaveLength(5);
  });

  it('a session is its scheduled length, whatever time the child came or left; a unit without hours adds none', () => {
    expect(sessionMinutes('07:15', '08:45')).toBe(90);
    expect(sessionMinutes(null, '08:45')).toBe(0);
    expect(hoursOf(135)).toBe(2.25);
    expect(hoursOf(100)).toBe(1.67);
  });
});
