/** Staff API of the services configuration (docs/API.md, "Services configuration (issue 4)"). */
import type { CalendarDayDto, PeriodCalendarDto, RegenerationReport } from '../../shared/services/openingDays';
import type { DuplicationDto } from '../../shared/services/duplicate';
import type {
  GroupDto,
  PeriodDto,
  ServiceDetailDto,
  ServiceDto,
  ServiceSummaryDto,
  StaffingDto,
  UnitDto,
} from '../../shared/services/presenters';
import { request } from './api';

export type {
  CalendarDayDto,
  DuplicationDto,
  GroupDto,
  PeriodCalendarDto,
  PeriodDto,
  RegenerationReport,
  ServiceDetailDto,
  ServiceDto,
  ServiceSummaryDto,
  StaffingDto,
  UnitDto,
};

export interface PeriodChange {
  period: PeriodDto;
  regeneration: RegenerationReport | null;
}

/** Bodies, as the schemas of shared/schemas/services.ts accept them. */
export type ServiceBody = Partial<Omit<ServiceDto, 'id' | 'sortOrder'>>;

export interface PeriodBody {
  name: string;
  kind: PeriodDto['kind'];
  schoolYear?: string;
  startDate: string | null;
  endDate: string | null;
  dayPattern: PeriodDto['dayPattern'];
  weekdays: number[] | null;
  bookingsOpenAt: string | null;
}

export interface UnitBody {
  code: string;
  name: string;
  kind: UnitDto['kind'];
  startTime: string | null;
  endTime: string | null;
  active: boolean;
  incompatibleWith: number[];
}

export interface GroupBody {
  name: string;
  minAge: number | string | null;
  maxAge: number | string | null;
  maxPlaces: number | string | null;
}

export interface StaffingRuleBody {
  groupId: number | null;
  longSession: boolean;
  underSixPerAnimator: number;
  sixPlusPerAnimator: number;
}

const BASE = '/api/staff/services';
const service = (id: number) => `${BASE}/${id}`;
const period = (serviceId: number, periodId: number) => `${service(serviceId)}/periods/${periodId}`;

export const servicesApi = {
  list: (): Promise<{ items: ServiceSummaryDto[] }> => request('GET', BASE),
  create: (body: ServiceBody): Promise<ServiceDetailDto> => request('POST', BASE, { body }),
  detail: (id: number): Promise<ServiceDetailDto> => request('GET', service(id)),
  update: (id: number, body: ServiceBody): Promise<ServiceDetailDto> => request('PUT', service(id), { body }),

  createUnit: (id: number, body: UnitBody): Promise<UnitDto> => request('POST', `${service(id)}/units`, { body }),
  updateUnit: (id: number, unitId: number, body: UnitBody): Promise<UnitDto> => request('PUT', `${service(id)}/units/${unitId}`, { body }),
  deleteUnit: (id: number, unitId: number): Promise<void> => request('DELETE', `${service(id)}/units/${unitId}`),

  createGroup: (id: number, body: GroupBody): Promise<GroupDto> => request('POST', `${service(id)}/groups`, { body }),
  updateGroup: (id: number, groupId: number, body: GroupBody): Promise<GroupDto> =>
    request('PUT', `${service(id)}/groups/${groupId}`, { body }),
  deleteGroup: (id: number, groupId: number): Promise<void> => request('DELETE', `${service(id)}/groups/${groupId}`),

  saveStaffing: (id: number, rules: StaffingRuleBody[]): Promise<StaffingDto> =>
    request('PUT', `${service(id)}/staffing`, { body: { rules } }),

  createPeriod: (id: number, body: PeriodBody): Promise<PeriodChange> => request('POST', `${service(id)}/periods`, { body }),
  updatePeriod: (id: number, periodId: number, body: PeriodBody): Promise<PeriodChange> =>
    request('PUT', period(id, periodId), { body }),
  deletePeriod: (id: number, periodId: number): Promise<void> => request('DELETE', period(id, periodId)),

  calendar: (id: number, periodId: number): Promise<PeriodCalendarDto> => request('GET', `${period(id, periodId)}/opening-days`),
  regenerate: (id: number, periodId: number): Promise<RegenerationReport> =>
    request('POST', `${period(id, periodId)}/opening-days/regenerate`),
  setDay: (id: number, periodId: number, date: string, body: { closed: boolean; note: string | null }): Promise<CalendarDayDto> =>
    request('PUT', `${period(id, periodId)}/opening-days/${date}`, { body }),
  setActivities: (
    id: number,
    periodId: number,
    date: string,
    activities: { unitId: number; places: number | string | null }[],
  ): Promise<CalendarDayDto> => request('PUT', `${period(id, periodId)}/opening-days/${date}/activities`, { body: { activities } }),

  previewDuplication: (id: number): Promise<DuplicationDto> => request('GET', `${service(id)}/duplication`),
  duplicate: (id: number): Promise<DuplicationDto> => request('POST', `${service(id)}/duplication`, { body: {} }),
};
