/** Staff API of places and staffing (docs/API.md, "Places from staffing (issue 6)"). */
import type { CopyPlanInput, StaffPlanInput } from '../../shared/schemas/staffing';
import type { CopyResult, StaffPlanDto } from '../../shared/staffing/plans';
import type { CellStatus, DayGroupFiguresDto, DayUnitDto, DayViewDto, MonthCellDto, MonthViewDto } from '../../shared/staffing/views';
import { request } from './api';

export type { CellStatus, CopyResult, DayGroupFiguresDto, DayUnitDto, DayViewDto, MonthCellDto, MonthViewDto, StaffPlanDto };

/** The plan body as the editor sends it (numbers may still be text typed in a field). */
export type PlanBody =
  | { mode: 'count'; animators: number | string; qualified: number | string; trainees: number | string; directorCounted: boolean }
  | { mode: 'names'; members: { name: string; qualification: 'bafa' | 'stagiaire' | 'non_qualifie' }[]; directorCounted: boolean };

const base = (serviceId: number) => `/api/staff/places/${encodeURIComponent(String(serviceId))}`;

export const placesApi = {
  month: (serviceId: number, month?: string): Promise<MonthViewDto> =>
    request<MonthViewDto>('GET', `${base(serviceId)}/month${month ? `?month=${encodeURIComponent(month)}` : ''}`),
  day: (serviceId: number, date: string): Promise<DayViewDto> => request<DayViewDto>('GET', `${base(serviceId)}/days/${encodeURIComponent(date)}`),
  setPlan: (serviceId: number, groupId: number, date: string, body: PlanBody | StaffPlanInput): Promise<{ plan: StaffPlanDto; day: DayViewDto }> =>
    request('PUT', `${base(serviceId)}/plans/${groupId}/${encodeURIComponent(date)}`, { body }),
  deletePlan: (serviceId: number, groupId: number, date: string): Promise<void> =>
    request<undefined>('DELETE', `${base(serviceId)}/plans/${groupId}/${encodeURIComponent(date)}`),
  copy: (serviceId: number, body: CopyPlanInput): Promise<CopyResult> => request<CopyResult>('POST', `${base(serviceId)}/plans/copy`, { body }),
};
