/** Client of the attendance registers (docs/API.md, « Présences »). */
import type { AnimatorAssignments } from '../../shared/attendance/access';
import type { CafReport } from '../../shared/attendance/exports';
import type { MealCount } from '../../shared/attendance/meals';
import type { ChildCandidate, DayList, ListEntry } from '../../shared/attendance/register';
import type { TickInput } from '../../shared/schemas/attendance';
import { request } from './api';

export type { AnimatorAssignments, CafReport, ChildCandidate, DayList, ListEntry, MealCount };

export interface AttendanceService {
  id: number;
  name: string;
  kind: string;
  units: { id: number; name: string; startTime: string | null; endTime: string | null }[];
  groups: { id: number; name: string }[];
}

export interface DayFilter {
  serviceId: number;
  date: string;
  unitId?: number | undefined;
  groupId?: number | undefined;
}

const BASE = '/api/staff/attendance';

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
};

const tickPath = (date: string, unitId: number, childId: number) => `${BASE}/days/${date}/units/${unitId}/children/${childId}`;

export const sheetsUrl = (filter: DayFilter, inline = false): string =>
  `${BASE}/sheets.pdf?${query({ serviceId: filter.serviceId, date: filter.date, unitId: filter.unitId, groupId: filter.groupId, inline: inline ? 1 : undefined })}`;
export const mealsPdfUrl = (date: string, scope: 'day' | 'week', inline = false): string => `${BASE}/meals.pdf?${query({ date, scope, inline: inline ? 1 : undefined })}`;
export const exportUrl = (serviceId: number, from: string, to: string): string => `${BASE}/export.xlsx?${query({ serviceId, from, to })}`;
export const cafXlsxUrl = (from: string, to: string): string => `${BASE}/caf-hours.xlsx?${query({ from, to })}`;

export const attendanceApi = {
  services: () => request<{ today: string; services: AttendanceService[] }>('GET', `${BASE}/services`),
  day: (filter: DayFilter) => request<DayList>('GET', `${BASE}/day?${query({ serviceId: filter.serviceId, date: filter.date, unitId: filter.unitId, groupId: filter.groupId })}`),
  tick: (date: string, unitId: number, childId: number, body: TickInput) => request<ListEntry>('PUT', tickPath(date, unitId, childId), { body }),
  untick: (date: string, unitId: number, childId: number, version: number) =>
    request<{ entry: ListEntry | null }>('DELETE', tickPath(date, unitId, childId), { body: { version } }),
  searchChildren: (serviceId: number, q: string, date: string, signal?: AbortSignal) =>
    request<{ children: ChildCandidate[] }>('GET', `${BASE}/children?${query({ serviceId, q, date })}`, signal ? { signal } : {}),
  meals: (date: string, scope: 'day' | 'week') => request<MealCount>('GET', `${BASE}/meals?${query({ date, scope })}`),
  caf: (from: string, to: string) => request<CafReport>('GET', `${BASE}/caf-hours?${query({ from, to })}`),
  assignments: () => request<{ animators: AnimatorAssignments[] }>('GET', `${BASE}/assignments`),
  setAssignments: (staffId: number, serviceIds: number[]) => request<AnimatorAssignments>('PUT', `${BASE}/assignments/${staffId}`, { body: { serviceIds } }),
};
