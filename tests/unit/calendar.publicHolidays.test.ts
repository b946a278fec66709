import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  isoWeekday,
  isPublicHoliday,
  publicHolidayName,
  publicHolidays,
} from '../../shared/calendar';

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it('matches known dates', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2028)).toBe('2028-04-16');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
    expect(isoWeekday(easterSunday(2031))).toBe(7);
  });

  it('refuses non-Gregorian years', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('French public holidays (métropole)', () => {
  it('lists 2026', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "Jour de l'an" },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du travail' },
      { date: '2026-05-08', name: 'Victoire 1945' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice 1918' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });

  it('lists 2027', () => {
    expect(publicHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "Jour de l'an" },
      { date: '2027-03-29', name: 'Lundi de Pâques' },
      { date: '2027-05-01', name: 'Fête du travail' },
      { date: '2027-05-06', name: 'Ascension' },
      { date: '2027-05-08', name: 'Victoire 1945' },
      { date: '2027-05-17', name: 'Lundi de Pentecôte' },
      { date: '2027-07-14', name: 'Fête nationale' },
      { date: '2027-08-15', name: 'Assomption' },
      { date: '2027-11-01', name: 'Toussaint' },
      { date: '2027-11-11', name: 'Armistice 1918' },
      { date: '2027-12-25', name: 'Noël' },
    ]);
  });

  it('lists 2028', () => {
    expect(publicHolidays(2028)).toEqual([
      { date: '2028-01-01', name: "Jour de l'an" },
      { date: '2028-04-17', name: 'Lundi de Pâques' },
      { date: '2028-05-01', name: 'Fête du travail' },
      { date: '2028-05-08', name: 'Victoire 1945' },
      { date: '2028-05-25', name: 'Ascension' },
      { date: '2028-06-05', name: 'Lundi de Pentecôte' },
      { date: '2028-07-14', name: 'Fête nationale' },
      { date: '2028-08-15', name: 'Assomption' },
      { date: '2028-11-01', name: 'Toussaint' },
      { date: '2028-11-11', name: 'Armistice 1918' },
      { date: '2028-12-25', name: 'Noël' },
    ]);
  });

  it('knows that 11 November 2026 is a Wednesday and a public holiday', () => {
    expect(isoWeekday('2026-11-11')).toBe(3);
    expect(isPublicHoliday('2026-11-11')).toBe(true);
    expect(publicHolidayName('2026-11-11')).toBe('Armistice 1918');
  });

  it('answers for ordinary days and Easter Sunday itself', () => {
    expect(isPublicHoliday('2026-11-12')).toBe(false);
    expect(isPublicHoliday('2026-04-05')).toBe(false); // Sunday, not in the list
    expect(isPublicHoliday('2027-05-06')).toBe(true);
    expect(publicHolidayName('2026-06-01')).toBeNull();
    expect(() => isPublicHoliday('2026-02-30')).toThrow(RangeError);
  });

  it('keeps both names when Ascension falls on 1 May (2008)', () => {
    expect(publicHolidayName('2008-05-01')).toBe('Fête du travail / Ascension');
    expect(publicHolidays(2008)).toHaveLength(11);
  });
});
