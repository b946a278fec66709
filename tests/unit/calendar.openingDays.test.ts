import { describe, expect, it } from 'vitest';
import {
  generateOpeningDays,
  schoolHolidayOn,
  shippedSchoolHolidays,
  type IsoWeekday,
  type OpeningDaysOptions,
} from '../../shared/calendar';

const holidays = shippedSchoolHolidays();

function days(options: Partial<OpeningDaysOptions> & Pick<OpeningDaysOptions, 'start' | 'end' | 'pattern'>): string[] {
  return generateOpeningDays({ schoolHolidays: holidays, zone: 'B', closures: [], ...options });
}

describe('schoolHolidayOn', () => {
  it('finds the holiday of the zone covering a date, both ends included', () => {
    expect(schoolHolidayOn('2026-10-17', holidays, 'B')?.name).toBe('Vacances de la Toussaint');
    expect(schoolHolidayOn('2026-11-01', holidays, 'B')?.name).toBe('Vacances de la Toussaint');
    expect(schoolHolidayOn('2026-10-16', holidays, 'B')).toBeNull();
    expect(schoolHolidayOn('2026-11-02', holidays, 'B')).toBeNull();
    expect(schoolHolidayOn('2027-05-07', holidays, 'B')?.name).toBe("Pont de l'Ascension");
    expect(schoolHolidayOn('2026-10-20', holidays, 'A')).toBeNull();
  });

  it('runs an open summer holiday to 31 August', () => {
    expect(schoolHolidayOn('2027-08-31', holidays, 'B')?.name).toBe("Vacances d'Été");
    expect(schoolHolidayOn('2027-09-01', holidays, 'B')).toBeNull();
  });
});

describe('generateOpeningDays', () => {
  it('wednesdays of October–November 2026 skip the Toussaint holidays and 11 November', () => {
    expect(days({ start: '2026-10-01', end: '2026-11-30', pattern: 'wednesdays' })).toEqual([
      '2026-10-07',
      '2026-10-14',
      '2026-11-04',
      '2026-11-18',
      '2026-11-25',
    ]);
  });

  it('holiday weekdays of the Toussaint 2026 are 19–23 and 26–30 October', () => {
    const toussaint = [
      '2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23',
      '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30',
    ];
    expect(days({ start: '2026-10-17', end: '2026-11-01', pattern: 'holiday_weekdays' })).toEqual(toussaint);
    expect(days({ start: '2026-09-01', end: '2026-12-18', pattern: 'holiday_weekdays' })).toEqual(toussaint);
    // Even open every day of the week, 1 November stays out: it is a public holiday.
    const everyDay = days({ start: '2026-10-17', end: '2026-11-02', pattern: 'holiday_weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(everyDay).toHaveLength(15);
    expect(everyDay[0]).toBe('2026-10-17');
    expect(everyDay.at(-1)).toBe('2026-10-31');
    expect(everyDay).not.toContain('2026-11-01');
  });

  it('school days are Monday, Tuesday, Thursday, Friday outside holidays', () => {
    expect(days({ start: '2026-11-02', end: '2026-11-13', pattern: 'school_days' })).toEqual([
      '2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06',
      '2026-11-09', '2026-11-10', '2026-11-12', '2026-11-13',
    ]);
    expect(days({ start: '2026-12-14', end: '2027-01-08', pattern: 'school_days' })).toEqual([
      '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18',
      '2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08',
    ]);
    // Pont de l'Ascension 2027 (6–9 May) and Whit Monday (17 May).
    expect(days({ start: '2027-05-03', end: '2027-05-18', pattern: 'school_days' })).toEqual([
      '2027-05-03', '2027-05-04', '2027-05-10', '2027-05-11', '2027-05-13', '2027-05-14', '2027-05-18',
    ]);
  });

  it('school days take configurable weekdays (4.5-day week)', () => {
    expect(days({ start: '2026-11-02', end: '2026-11-13', pattern: 'school_days', weekdays: [1, 2, 3, 4, 5] })).toEqual([
      '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06',
      '2026-11-09', '2026-11-10', '2026-11-12', '2026-11-13',
    ]);
  });

  it('removes closures', () => {
    expect(
      days({ start: '2026-11-02', end: '2026-11-13', pattern: 'school_days', closures: ['2026-11-13', '2026-11-10', '2026-12-01'] }),
    ).toEqual(['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-12']);
  });

  it("'weekdays' ignores school holidays but not public holidays", () => {
    const result = days({ start: '2026-10-26', end: '2026-11-13', pattern: 'weekdays', weekdays: [3] });
    expect(result).toEqual(['2026-10-28', '2026-11-04']);
    expect(() => days({ start: '2026-10-26', end: '2026-11-13', pattern: 'weekdays' })).toThrow(/weekdays/);
  });

  it('uses the holidays of the given zone only', () => {
    expect(days({ start: '2026-10-01', end: '2026-10-31', pattern: 'wednesdays', zone: 'A' })).toEqual([
      '2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28',
    ]);
  });

  it('covers the open summer holiday through 31 August', () => {
    const summer = days({ start: '2027-06-28', end: '2027-09-10', pattern: 'holiday_weekdays' });
    expect(summer[0]).toBe('2027-07-05');
    expect(summer.at(-1)).toBe('2027-08-31');
    expect(summer).not.toContain('2027-07-14');
    expect(summer).toHaveLength(41);
  });

  it('spans years and returns sorted, unique dates', () => {
    const year = days({ start: '2026-09-01', end: '2027-07-02', pattern: 'school_days' });
    expect([...year].sort()).toEqual(year);
    expect(new Set(year).size).toBe(year.length);
    expect(year[0]).toBe('2026-09-01');
    expect(year.at(-1)).toBe('2027-07-02');
    expect(year).not.toContain('2027-03-29'); // Easter Monday
  });

  it('returns nothing for a reversed range, and rejects invalid input', () => {
    const notAWeekday: number[] = [0];
    expect(days({ start: '2026-11-30', end: '2026-11-01', pattern: 'wednesdays' })).toEqual([]);
    expect(() => days({ start: '2026-02-30', end: '2026-03-10', pattern: 'wednesdays' })).toThrow(RangeError);
    expect(() => days({ start: '2026-03-01', end: '2026-03-10', pattern: 'school_days', closures: ['1 mars'] })).toThrow(RangeError);
    expect(() => days({ start: '2026-03-01', end: '2026-03-10', pattern: 'weekdays', weekdays: notAWeekday as IsoWeekday[] })).toThrow(/Jour de la semaine invalide/);
  });
});
