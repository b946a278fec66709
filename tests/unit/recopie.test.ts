import { describe, expect, it } from 'vitest';
import { expandRecopie, groupByMonth, mondayOf, recopieProblem } from '../../shared/bookings/recopie';
import { datesBetween, isoWeekday, type IsoDate } from '../../shared/calendar/dates';

// The cantine's opening days from Monday 30 November 2026 to Friday 29 January 2027: Mondays,
// Tuesdays, Thursdays and Fridays, without the Christmas holidays (19 December – 3 January).
const cantine: IsoDate[] = datesBetween('2026-11-30', '2027-01-29').filter(
  (d) => [1, 2, 4, 5].includes(isoWeekday(d)) && !(d >= '2026-12-19' && d <= '2027-01-03'),
);

describe('MODE RECOPIE', () => {
  it('« L’ensemble de la période » fills every candidate day, sorted, once', () => {
    const shuffled = [...cantine].reverse().concat(cantine.slice(0, 3));
    expect(expandRecopie({ days: shuffled, mode: 'period' })).toEqual(cantine);
    // Dates and weekdays given by the form are ignored in this mode.
    expect(expandRecopie({ days: cantine, mode: 'period', from: '2027-01-04', to: '2027-01-05', weekdays: [3] })).toEqual(cantine);
  });

  it('« De date à date » includes both ends and only candidate days', () => {
    expect(expandRecopie({ days: cantine, mode: 'range', from: '2026-12-14', to: '2027-01-05' })).toEqual([
      '2026-12-14',
      '2026-12-15',
      '2026-12-17',
      '2026-12-18',
      '2027-01-04',
      '2027-01-05',
    ]);
    // A Wednesday or a holiday at either end is not a candidate: nothing added for it.
    expect(expandRecopie({ days: cantine, mode: 'range', from: '2026-12-16', to: '2026-12-16' })).toEqual([]);
    expect(expandRecopie({ days: cantine, mode: 'range', from: '2026-12-18', to: '2026-12-18' })).toEqual(['2026-12-18']);
  });

  it('« De date à date » needs both dates in order', () => {
    expect(expandRecopie({ days: cantine, mode: 'range', from: '2026-12-14', to: null })).toEqual([]);
    expect(recopieProblem({ mode: 'range', from: '2026-12-14', to: null })).toBe('Indiquez la date de début et la date de fin.');
    expect(expandRecopie({ days: cantine, mode: 'range', from: '2027-01-05', to: '2026-12-14' })).toEqual([]);
    expect(recopieProblem({ mode: 'range', from: '2027-01-05', to: '2026-12-14' })).toBe(
      'La date de fin doit être après la date de début.',
    );
    expect(recopieProblem({ mode: 'range', from: '2026-02-30', to: '2027-01-05' })).toBe('La date de début n’est pas une date valide.');
    expect(recopieProblem({ mode: 'range', from: '2026-12-14', to: '2026-12-14' })).toBeNull();
  });

  it('« Les jours de votre choix » keeps the checked weekdays, within the dates when given', () => {
    const mondaysAndThursdays = expandRecopie({ days: cantine, mode: 'weekdays', weekdays: [1, 4] });
    expect(mondaysAndThursdays.every((d) => [1, 4].includes(isoWeekday(d)))).toBe(true);
    expect(mondaysAndThursdays).toHaveLength(cantine.filter((d) => [1, 4].includes(isoWeekday(d))).length);
    expect(expandRecopie({ days: cantine, mode: 'weekdays', weekdays: [5], from: '2027-01-01', to: '2027-01-22' })).toEqual([
      '2027-01-08',
      '2027-01-15',
      '2027-01-22',
    ]);
    // A Wednesday chosen for the cantine: no opening day, nothing filled.
    expect(expandRecopie({ days: cantine, mode: 'weekdays', weekdays: [3] })).toEqual([]);
    expect(expandRecopie({ days: cantine, mode: 'weekdays', weekdays: [] })).toEqual([]);
    expect(recopieProblem({ mode: 'weekdays', weekdays: [] })).toBe('Cochez au moins un jour de la semaine.');
  });

  it('« Une semaine sur deux » starts with the week of the first day, or the week after', () => {
    const even = expandRecopie({ days: cantine, mode: 'alternate', from: '2026-11-30', to: '2026-12-18' });
    expect(even).toEqual(['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04', '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18']);
    const odd = expandRecopie({ days: cantine, mode: 'alternate', from: '2026-11-30', to: '2026-12-18', startWeekParity: 1 });
    expect(odd).toEqual(['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']);
    // With weekdays: Fridays of one week in two.
    expect(expandRecopie({ days: cantine, mode: 'alternate', from: '2026-11-30', to: '2026-12-18', weekdays: [5] })).toEqual([
      '2026-12-04',
      '2026-12-18',
    ]);
  });

  it('« Une semaine sur deux » counts weeks from the Monday of the first day, across the holidays and ISO week 53', () => {
    // From a Thursday: its week (Monday 30 November) is the first one.
    expect(expandRecopie({ days: cantine, mode: 'alternate', from: '2026-12-03', to: '2026-12-11' })).toEqual(['2026-12-03', '2026-12-04']);
    // 2026 has an ISO week 53 (28 December – 3 January): the rhythm stays one week in two, not
    // "odd ISO weeks" (which would give weeks 53 and 1 in a row).
    const weeks = expandRecopie({ days: cantine, mode: 'alternate', from: '2026-11-30' })
      .map(mondayOf)
      .filter((d, i, all) => all.indexOf(d) === i);
    expect(weeks).toEqual(['2026-11-30', '2026-12-14', '2027-01-11', '2027-01-25']);
    // Without a first day: the weeks count from the first candidate day.
    expect(expandRecopie({ days: cantine.slice(4), mode: 'alternate' })[0]).toBe('2026-12-07');
  });

  it('ignores what is not a date and handles no candidate days', () => {
    expect(expandRecopie({ days: ['2026-12-01', 'demain', '2026-02-30'], mode: 'period' })).toEqual(['2026-12-01']);
    expect(expandRecopie({ days: [], mode: 'alternate' })).toEqual([]);
    expect(expandRecopie({ days: [], mode: 'range', from: '2026-12-01', to: '2026-12-31' })).toEqual([]);
  });

  it('a whole school year of cantine in one go', () => {
    const year = datesBetween('2026-09-01', '2027-07-02').filter((d) => [1, 2, 4, 5].includes(isoWeekday(d)));
    const dates = expandRecopie({ days: year, mode: 'weekdays', weekdays: [1, 2, 4, 5], from: '2026-12-07' });
    expect(dates[0]).toBe('2026-12-07');
    expect(dates.at(-1)).toBe('2027-07-02');
    expect(new Set(dates).size).toBe(dates.length);
  });
});

describe('groupByMonth', () => {
  it('groups the dates by month in calendar order', () => {
    expect(groupByMonth(['2027-01-04', '2026-12-01', '2026-12-03', '2026-12-01'])).toEqual([
      { month: '2026-12', dates: ['2026-12-01', '2026-12-03'] },
      { month: '2027-01', dates: ['2027-01-04'] },
    ]);
    expect(groupByMonth([])).toEqual([]);
  });
});
