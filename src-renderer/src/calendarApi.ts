/** Staff API of the school calendar (docs/API.md, "School calendar (issue 4)"). */
import { request } from './api';

export type SchoolZone = 'A' | 'B' | 'C';
export const SCHOOL_ZONES: readonly SchoolZone[] = ['A', 'B', 'C'];

export interface PublicHolidayItem {
  date: string;
  name: string;
  /** French weekday in lower case: "lundi". */
  weekday: string;
}

export interface PublicHolidayList {
  year: number;
  items: PublicHolidayItem[];
}

export interface SchoolHolidayItem {
  zone: SchoolZone;
  schoolYear: string;
  name: string;
  firstDayOff: string;
  /** null: a summer holiday whose restart is not published yet. */
  lastDayOff: string | null;
  restartDate: string | null;
  source: string;
}

export interface SchoolHolidayList {
  zone: SchoolZone;
  communeZone: SchoolZone;
  schoolYears: string[];
  items: SchoolHolidayItem[];
}

export interface ImportSummaryItem {
  zone: SchoolZone;
  schoolYear: string;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface ImportResult {
  source: string;
  holidays: number;
  changed: boolean;
  items: ImportSummaryItem[];
}

const BASE = '/api/staff/calendar';

export const calendarApi = {
  publicHolidays: (year?: number): Promise<PublicHolidayList> =>
    request<PublicHolidayList>('GET', `${BASE}/public-holidays${year === undefined ? '' : `?year=${year}`}`),
  schoolHolidays: (zone?: SchoolZone): Promise<SchoolHolidayList> =>
    request<SchoolHolidayList>('GET', `${BASE}/school-holidays${zone === undefined ? '' : `?zone=${zone}`}`),
  setZone: (zone: SchoolZone): Promise<{ zone: SchoolZone }> => request<{ zone: SchoolZone }>('PUT', `${BASE}/zone`, { body: { zone } }),
  importFile: (file: File): Promise<ImportResult> => {
    const form = new FormData();
    form.set('file', file, file.name);
    return request<ImportResult>('POST', `${BASE}/school-holidays/import`, { form });
  },
};
