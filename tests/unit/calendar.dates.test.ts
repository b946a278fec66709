import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  datesBetween,
  daysBetween,
  eachDate,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
  isWithin,
  parisDateOf,
  parseIsoDate,
} from '../../shared/calendar';

describe('ISO dates', () => {
  it('parses and formats', () => {
    expect(parseIsoDate('2026-10-17')).toEqual({ year: 2026, month: 10, day: 17 });
    expect(formatIsoDate(2026, 1, 5)).toBe('2026-01-05');
    expect(formatIsoDate(2028, 2, 29)).toBe('2028-02-29');
  });

  it('rejects what is not a real day', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '26-01-05', '2026-01-05T00:00', '', ' 2026-01-05']) {
      expect(isIsoDate(bad), bad).toBe(false);
      expect(() => parseIsoDate(bad), bad).toThrow(RangeError);
    }
    expect(isIsoDate(20260105)).toBe(false);
    expect(() => formatIsoDate(2026, 2, 30)).toThrow(/n'existe pas/);
  });

  it('adds days across months, years, leap days and daylight-saving changes', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // Paris switches to summer time on 2026-03-29 and back on 2026-10-25.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-11-02', -1)).toBe('2026-11-01');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-10-17', '2026-11-02')).toBe(16);
    expect(daysBetween('2026-11-02', '2026-10-17')).toBe(-16);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(isoWeekday('2026-11-09')).toBe(1);
    expect(isoWeekday('2026-11-11')).toBe(3);
    expect(isoWeekday('2026-10-17')).toBe(6);
    expect(isoWeekday('2026-11-01')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(isoWeekday('2028-07-04')).toBe(2);
  });

  it('iterates a range, both ends included', () => {
    expect(datesBetween('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(datesBetween('2026-10-30', '2026-10-30')).toEqual(['2026-10-30']);
    expect(datesBetween('2026-11-02', '2026-10-30')).toEqual([]);
    expect([...eachDate('2026-03-28', '2026-03-30')]).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(datesBetween('2026-01-01', '2026-12-31')).toHaveLength(365);
    expect(datesBetween('2028-01-01', '2028-12-31')).toHaveLength(366);
  });

  it('compares', () => {
    expect(compareDates('2026-10-17', '2026-11-02')).toBe(-1);
    expect(compareDates('2026-11-02', '2026-11-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(isWithin('2026-10-17', '2026-10-17', '2026-11-01')).toBe(true);
    expect(isWithin('2026-11-02', '2026-10-17', '2026-11-01')).toBe(false);
    expect(() => compareDates('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('parisDateOf: the Europe/Paris date of an instant, whatever the process time zone', () => {
  it('places instants right around Paris midnight in winter (UTC+1)', () => {
    expect(parisDateOf('2026-12-18T22:59:59Z')).toBe('2026-12-18');
    expect(parisDateOf('2026-12-18T23:00:00Z')).toBe('2026-12-19');
    expect(parisDateOf('2026-12-18T23:00:00+00:00')).toBe('2026-12-19');
    expect(parisDateOf('2026-12-19T00:00:00+01:00')).toBe('2026-12-19');
    expect(parisDateOf('2026-12-18T23:59:59.999+01:00')).toBe('2026-12-18');
    expect(parisDateOf('2026-11-01T23:00:00+00:00')).toBe('2026-11-02');
  });

  it('places instants right around Paris midnight in summer (UTC+2)', () => {
    expect(parisDateOf('2026-10-16T21:59:59Z')).toBe('2026-10-16');
    expect(parisDateOf('2026-10-16T22:00:00+00:00')).toBe('2026-10-17');
    expect(parisDateOf('2026-10-17T00:00:00+02:00')).toBe('2026-10-17');
    expect(parisDateOf('2027-07-02T22:00:00Z')).toBe('2027-07-03');
    expect(parisDateOf('2027-07-02T21:59:00Z')).toBe('2027-07-02');
  });

  it('handles the days Paris changes time, and other offsets', () => {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST. 2026-10-25: 03:00 CEST becomes 02:00 CET.
    expect(parisDateOf('2026-03-28T23:00:00Z')).toBe('2026-03-29');
    expect(parisDateOf('2026-03-29T21:59:59Z')).toBe('2026-03-29');
    expect(parisDateOf('2026-03-29T22:00:00Z')).toBe('2026-03-30');
    expect(parisDateOf('2026-10-24T22:00:00Z')).toBe('2026-10-25');
    expect(parisDateOf('2026-10-25T22:59:59Z')).toBe('2026-10-25');
    expect(parisDateOf('2026-10-25T23:00:00Z')).toBe('2026-10-26');
    expect(parisDateOf('2026-10-16T18:00:00-04:00')).toBe('2026-10-17');
    expect(parisDateOf('2026-10-17T08:00:00+10:00')).toBe('2026-10-17');
    expect(parisDateOf('2026-10-17T00:00:00+0200')).toBe('2026-10-17');
    expect(parisDateOf('2026-10-16T22:00Z')).toBe('2026-10-17');
  });

  it('refuses what is not an instant', () => {
    for (const bad of ['2026-10-17', '2026-10-17T00:00:00', 'demain', '2026-10-32T00:00:00Z', '2026-10-17T25:00:00Z', '']) {
      expect(() => parisDateOf(bad), bad).toThrow(RangeError);
    }
  });

  it('gives the same answers in a process running in another time zone', () => {
    const moduleUrl = new URL('../../shared/calendar/index.ts', import.meta.url).href;
    const code = `
      const m = await import(${JSON.stringify(moduleUrl)});
      const out = [
        m.parisDateOf('2026-12-18T23:00:00Z'), m.parisDateOf('2026-12-18T22:59:59Z'),
        m.parisDateOf('2026-10-16T22:00:00+00:00'), m.parisDateOf('2026-10-16T21:59:59Z'),
        m.addDays('2026-03-28', 1), m.addDays('2026-10-24', 2), m.isoWeekday('2026-11-11'),
        m.datesBetween('2026-10-24', '2026-10-26'),
        m.shippedSchoolHolidays().map((h) => h.firstDayOff + '/' + h.lastDayOff).join(','),
      ];
      process.stdout.write(JSON.stringify(out));`;
    const expected = JSON.stringify([
      '2026-12-19', '2026-12-18', '2026-10-17', '2026-10-16', '2026-03-29', '2026-10-26', 3,
      ['2026-10-24', '2026-10-25', '2026-10-26'],
      "2026-10-17/2026-11-01,2026-12-19/2027-01-03,2027-02-20/2027-03-07,2027-04-17/2027-05-02,2027-05-06/2027-05-09,2027-07-03/null,2027-10-23/2027-11-07,2027-12-18/2028-01-02,2028-02-05/2028-02-20,2028-04-08/2028-04-23,2028-05-25/2028-05-28,2028-07-04/null",
    ]);
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'UTC']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      expect(run.stderr, tz).toBe('');
      expect(run.stdout, tz).toBe(expected);
    }
  }, 30_000);
});
