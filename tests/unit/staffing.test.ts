import { describe, expect, it } from 'vitest';
import { ratioPlaces } from '../../shared/bookings/rules';
import { copyPlanInputSchema, NEGATIVE_ANIMATORS_MESSAGE, staffPlanInputSchema, TOO_MANY_QUALIFIED_MESSAGE } from '../../shared/schemas/staffing';
import { legalRatios, type Ratio } from '../../shared/services/rules';
import {
  animatorsNeeded,
  countedInRatio,
  groupPlaces,
  left,
  qualificationWarnings,
  ratioCapacity,
  referenceUnderSix,
  unitPlaces,
} from '../../shared/staffing/places';

const under = (n: number) => ({ underSix: n, sixPlus: 0 });
const six = (n: number) => ({ underSix: 0, sixPlus: n });

// Every legal ratio of the CASF, with its children per animator under six and from six.
const CASES: { name: string; ratio: Ratio }[] = [
  { name: 'extrascolaire (R227-15)', ratio: legalRatios('extrascolaire', { pedt: false, longSession: false }) ?? { underSix: 0, sixPlus: 0 } },
  { name: 'périscolaire ≤ 5 h', ratio: legalRatios('periscolaire', { pedt: false, longSession: false }) ?? { underSix: 0, sixPlus: 0 } },
  { name: 'périscolaire ≤ 5 h, PEDT', ratio: legalRatios('periscolaire', { pedt: true, longSession: false }) ?? { underSix: 0, sixPlus: 0 } },
  { name: 'périscolaire > 5 h', ratio: legalRatios('periscolaire', { pedt: false, longSession: true }) ?? { underSix: 0, sixPlus: 0 } },
  { name: 'périscolaire > 5 h, PEDT', ratio: legalRatios('periscolaire', { pedt: true, longSession: true }) ?? { underSix: 0, sixPlus: 0 } },
];

describe('legal ratios', () => {
  it('are the ones of the Code de l’action sociale et des familles', () => {
    expect(CASES.map((c) => [c.name, c.ratio.underSix, c.ratio.sixPlus])).toEqual([
      ['extrascolaire (R227-15)', 8, 12],
      ['périscolaire ≤ 5 h', 10, 14],
      ['périscolaire ≤ 5 h, PEDT', 14, 18],
      ['périscolaire > 5 h', 8, 12],
      ['périscolaire > 5 h, PEDT', 10, 14],
    ]);
  });
});

describe('places and animators at the boundaries of every legal ratio', () => {
  for (const { name, ratio } of CASES) {
    describe(name, () => {
      for (const [label, age, r] of [
        ['under six', under, ratio.underSix],
        ['six and over', six, ratio.sixPlus],
      ] as const) {
        it(`${label}: ${r} children with one animator is full, child ${r + 1} needs a second animator`, () => {
          expect(animatorsNeeded(age(r), ratio)).toBe(1);
          expect(animatorsNeeded(age(r + 1), ratio)).toBe(2);
          expect(animatorsNeeded(age(2 * r), ratio)).toBe(2);
          expect(animatorsNeeded(age(2 * r + 1), ratio)).toBe(3);
          expect(animatorsNeeded(age(0), ratio)).toBe(0);
          expect(animatorsNeeded(age(1), ratio)).toBe(1);

          const full = groupPlaces({ animators: 1, ratio, held: age(r), pending: age(0), groupMaxPlaces: null, underSixReference: label === 'under six' });
          expect(full).toMatchObject({ places: r, needed: 1, balance: 0 });
          expect(left(full.places, r)).toBe(0);
          const oneShort = groupPlaces({ animators: 1, ratio, held: age(r - 1), pending: age(0), groupMaxPlaces: null, underSixReference: label === 'under six' });
          expect(left(oneShort.places, r - 1)).toBe(1);
          const over = groupPlaces({ animators: 1, ratio, held: age(r + 1), pending: age(0), groupMaxPlaces: null, underSixReference: label === 'under six' });
          expect(over).toMatchObject({ needed: 2, balance: -1 });
          const second = groupPlaces({ animators: 2, ratio, held: age(r + 1), pending: age(0), groupMaxPlaces: null, underSixReference: label === 'under six' });
          expect(second).toMatchObject({ places: 2 * r, needed: 2, balance: 0 });
          expect(left(second.places, r + 1)).toBe(r - 1);
        });

        it(`${label}: the places of a group of one age band are PlaceBook's animators × ratio`, () => {
          for (const animators of [0, 1, 2, 3, 7]) {
            for (const booked of [0, 1, r - 1, r, r + 1]) {
              const places = ratioCapacity(animators, ratio, age(booked), label === 'under six');
              expect(places, `${animators} animateurs, ${booked} enfants`).toBe(ratioPlaces({ animators, ratio }, label === 'under six'));
            }
          }
        });
      }
    });
  }

  it('acceptance: 8 under-sixes with one animator is full; the 9th needs a second animator (extrascolaire)', () => {
    const ratio = { underSix: 8, sixPlus: 12 };
    const eight = groupPlaces({ animators: 1, ratio, held: under(8), pending: under(1), groupMaxPlaces: null, underSixReference: true });
    expect(eight).toMatchObject({ places: 8, needed: 1, neededWithPending: 2, balance: 0 });
    expect(left(eight.places, 8)).toBe(0);
    const nine = groupPlaces({ animators: 2, ratio, held: under(9), pending: under(0), groupMaxPlaces: null, underSixReference: true });
    expect(nine).toMatchObject({ places: 16, needed: 2, balance: 0 });
  });
});

describe('mixed ages', () => {
  const ratio = { underSix: 8, sixPlus: 12 };

  it('adds each child’s share of an animator: 4 under six (½) and 6 from six (½) need exactly one', () => {
    expect(animatorsNeeded({ underSix: 4, sixPlus: 6 }, ratio)).toBe(1);
    expect(animatorsNeeded({ underSix: 4, sixPlus: 7 }, ratio)).toBe(2);
    expect(animatorsNeeded({ underSix: 5, sixPlus: 6 }, ratio)).toBe(2);
    // 1/8 + 11/12 = 1.0417 > 1: never rounded down by floating point.
    expect(animatorsNeeded({ underSix: 1, sixPlus: 11 }, ratio)).toBe(2);
  });

  it('counts the places at the mix booked, and at the group’s youngest age when nobody is booked', () => {
    expect(ratioCapacity(1, ratio, { underSix: 4, sixPlus: 6 }, true)).toBe(10);
    expect(ratioCapacity(2, ratio, { underSix: 4, sixPlus: 6 }, true)).toBe(20);
    expect(ratioCapacity(1, ratio, { underSix: 0, sixPlus: 0 }, true)).toBe(8);
    expect(ratioCapacity(1, ratio, { underSix: 0, sixPlus: 0 }, false)).toBe(12);
    expect(ratioCapacity(0, ratio, { underSix: 3, sixPlus: 0 }, true)).toBe(0);
    expect(referenceUnderSix({ minAge: 3 })).toBe(true);
    expect(referenceUnderSix({ minAge: 6 })).toBe(false);
    expect(referenceUnderSix(null)).toBe(false);
  });

  it('places ≥ children booked exactly when the animators are enough', () => {
    for (let u = 0; u <= 20; u++) {
      for (let s = 0; s <= 30; s++) {
        if (u + s === 0) continue;
        for (const a of [1, 2, 3]) {
          const enough = animatorsNeeded({ underSix: u, sixPlus: s }, ratio) <= a;
          expect(ratioCapacity(a, ratio, { underSix: u, sixPlus: s }, true) >= u + s, `${a} animateurs, ${u} + ${s}`).toBe(enough);
        }
      }
    }
  });
});

describe('caps and plans', () => {
  const ratio = { underSix: 8, sixPlus: 12 };

  it('caps the ratio by the group’s maximum, and the unit by the service’s and the activity’s places', () => {
    expect(groupPlaces({ animators: 5, ratio, held: under(0), pending: under(0), groupMaxPlaces: 30, underSixReference: true }).places).toBe(30);
    expect(groupPlaces({ animators: 3, ratio, held: under(0), pending: under(0), groupMaxPlaces: 30, underSixReference: true }).places).toBe(24);
    expect(unitPlaces([24, 36], { serviceMaxPlaces: 50, activityPlaces: null })).toBe(50);
    expect(unitPlaces([24, 36], { serviceMaxPlaces: null, activityPlaces: 20 })).toBe(20);
    expect(unitPlaces([24, 36], { serviceMaxPlaces: null, activityPlaces: null })).toBe(60);
    expect(unitPlaces([24, null], { serviceMaxPlaces: null, activityPlaces: null })).toBeNull();
    expect(left(null, 5)).toBeNull();
    expect(left(8, 10)).toBe(0);
  });

  it('without a plan the ratio does not limit the group (as when parents book) but every animator needed is missing', () => {
    const none = groupPlaces({ animators: null, ratio, held: under(9), pending: under(0), groupMaxPlaces: 48, underSixReference: true });
    expect(none).toMatchObject({ places: 48, ratioPlaces: null, needed: 2, balance: -2 });
    const noRatio = groupPlaces({ animators: 2, ratio: null, held: under(9), pending: under(0), groupMaxPlaces: null, underSixReference: true });
    expect(noRatio).toMatchObject({ places: null, needed: null, balance: null });
  });

  it('counts the director in the ratio when staff say so', () => {
    expect(countedInRatio(2, false)).toBe(2);
    expect(countedInRatio(2, true)).toBe(3);
    expect(countedInRatio(0, true)).toBe(1);
  });
});

describe('qualifications (R227-12): warnings, never a refusal', () => {
  it('at least half qualified, at most 20 % without qualification', () => {
    expect(qualificationWarnings({ animators: 0, qualified: 0, trainees: 0 })).toEqual([]);
    expect(qualificationWarnings({ animators: 2, qualified: 1, trainees: 1 })).toEqual([]);
    expect(qualificationWarnings({ animators: 5, qualified: 3, trainees: 1 })).toEqual([]);
    expect(qualificationWarnings({ animators: 10, qualified: 5, trainees: 3 })).toEqual([]);
    const fewQualified = qualificationWarnings({ animators: 5, qualified: 2, trainees: 3 });
    expect(fewQualified).toHaveLength(1);
    expect(fewQualified[0]).toContain('Moins de la moitié des animateurs sont diplômés');
    const unqualified = qualificationWarnings({ animators: 10, qualified: 5, trainees: 2 });
    expect(unqualified).toEqual(['Plus de 20 % des animateurs sont sans qualification : 3 sur 10, 2 au plus.']);
    expect(qualificationWarnings({ animators: 1, qualified: 0, trainees: 0 })).toHaveLength(2);
  });
});

describe('plan input', () => {
  it('refuses a negative number of animators, more qualified than animators, an empty list', () => {
    const negative = staffPlanInputSchema.safeParse({ mode: 'count', animators: -1, qualified: 0, trainees: 0, directorCounted: false });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]?.message).toBe(NEGATIVE_ANIMATORS_MESSAGE);
    const typed = staffPlanInputSchema.safeParse({ mode: 'count', animators: '-2', qualified: 0, trainees: 0, directorCounted: false });
    expect(typed.error?.issues[0]?.message).toBe(NEGATIVE_ANIMATORS_MESSAGE);
    const tooMany = staffPlanInputSchema.safeParse({ mode: 'count', animators: 2, qualified: 2, trainees: 1, directorCounted: false });
    expect(tooMany.error?.issues[0]?.message).toBe(TOO_MANY_QUALIFIED_MESSAGE);
    expect(staffPlanInputSchema.safeParse({ mode: 'names', members: [], directorCounted: false }).success).toBe(false);
    expect(staffPlanInputSchema.safeParse({ mode: 'names', members: [{ name: 'Yann', qualification: 'bafa' }], directorCounted: true }).success).toBe(true);
    expect(staffPlanInputSchema.safeParse({ mode: 'count', animators: '3', qualified: '2', trainees: '1', directorCounted: false }).data).toMatchObject({ animators: 3 });
  });

  it('refuses a copy ending before it starts', () => {
    const r = copyPlanInputSchema.safeParse({ sourceDate: '2026-12-02', startDate: '2026-12-16', endDate: '2026-12-09', groupId: null });
    expect(r.error?.issues[0]?.message).toBe('La date de fin doit être postérieure ou égale à la date de début.');
  });
});
