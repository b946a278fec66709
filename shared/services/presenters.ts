/** Rows of the services configuration → what the staff API answers (docs/API.md, issue 4), field by field. */
import type { Selectable } from 'kysely';
import type {
  DayPattern,
  GroupsTable,
  PeriodsTable,
  ServiceKind,
  ServicesTable,
  UnitsTable,
} from '../db/tables/services.table';
import type { Ratio, RatioSource, ServiceRules } from './rules';

export interface ServiceDto extends ServiceRules {
  id: number;
  code: string;
  name: string;
  kind: ServiceKind;
  description: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contactUrl: string | null;
  active: boolean;
  sortOrder: number;
}

export interface ServiceSummaryDto {
  id: number;
  code: string;
  name: string;
  kind: ServiceKind;
  active: boolean;
  approvalMode: ServiceRules['approvalMode'];
  /** School years that have periods, oldest first. */
  schoolYears: string[];
  periods: number;
  units: number;
  groups: number;
}

export interface PeriodDto {
  id: number;
  serviceId: number;
  name: string;
  kind: 'school_year' | 'holidays' | 'other';
  schoolYear: string;
  startDate: string;
  endDate: string;
  dayPattern: DayPattern;
  weekdays: number[] | null;
  bookingsOpenAt: string | null;
  openDays: number;
  closedDays: number;
}

export interface UnitDto {
  id: number;
  code: string;
  name: string;
  kind: 'accueil' | 'activite';
  startTime: string | null;
  endTime: string | null;
  active: boolean;
  sortOrder: number;
  incompatibleWith: number[];
}

export interface GroupDto {
  id: number;
  name: string;
  minAge: number;
  maxAge: number;
  maxPlaces: number | null;
  sortOrder: number;
}

export interface StaffingRuleDto {
  groupId: number | null;
  longSession: boolean;
  underSixPerAnimator: number;
  sixPlusPerAnimator: number;
}

export interface StaffingSessionDto {
  longSession: boolean;
  /** The group's (or the service's) own rule, null when none. */
  rule: Ratio | null;
  /** What applies: the rule, else the service's rule, else the legal ratio. */
  effective: Ratio;
  source: RatioSource;
  legal: Ratio;
  /** True when the ratio lets an animator look after more children than the law allows. */
  exceedsLegal: boolean;
}

export interface StaffingRowDto {
  /** null: the whole service (applies to every group without its own rule). */
  groupId: number | null;
  name: string;
  sessions: StaffingSessionDto[];
}

export interface StaffingDto {
  ratioRegime: ServiceRules['ratioRegime'];
  pedt: boolean;
  legal: { short: Ratio | null; long: Ratio | null };
  rules: StaffingRuleDto[];
  rows: StaffingRowDto[];
}

export interface ServiceDetailDto {
  service: ServiceDto;
  periods: PeriodDto[];
  units: UnitDto[];
  groups: GroupDto[];
  staffing: StaffingDto;
}

export function serviceDto(row: Selectable<ServicesTable>): ServiceDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    description: row.description,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    contactUrl: row.contact_url,
    active: row.active === 1,
    sortOrder: row.sort_order,
    approvalMode: row.approval_mode,
    deadlineDays: row.deadline_days,
    lateBookingPolicy: row.late_booking_policy,
    lateCancellationPolicy: row.late_cancellation_policy,
    bookingsFinal: row.bookings_final === 1,
    lateBookingSurchargeCents: row.late_booking_surcharge_cents,
    unbookedPresenceSurchargeCents: row.unbooked_presence_surcharge_cents,
    justifiedAbsenceBilled: row.justified_absence_billed === 1,
    noPlacePolicy: row.no_place_policy,
    waitlistPromotion: row.waitlist_promotion,
    maxPlaces: row.max_places,
    ratioRegime: row.ratio_regime,
    pedt: row.pedt === 1,
    requiresEnrolment: row.requires_enrolment === 1,
  };
}

/** The JSON list of ISO weekdays stored in `periods.weekdays`, or null. */
export function parseWeekdays(text: string | null): number[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((d): d is number => Number.isInteger(d) && d >= 1 && d <= 7)) return value;
  } catch {
    // A damaged value is treated as the pattern's default days.
  }
  return null;
}

export function periodDto(row: Selectable<PeriodsTable>, counts: { open: number; closed: number }): PeriodDto {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    kind: row.kind,
    schoolYear: row.school_year,
    startDate: row.start_date,
    endDate: row.end_date,
    dayPattern: row.day_pattern,
    weekdays: parseWeekdays(row.weekdays),
    bookingsOpenAt: row.bookings_open_at,
    openDays: counts.open,
    closedDays: counts.closed,
  };
}

export function unitDto(row: Selectable<UnitsTable>, incompatibleWith: number[]): UnitDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    startTime: row.start_time,
    endTime: row.end_time,
    active: row.active === 1,
    sortOrder: row.sort_order,
    incompatibleWith,
  };
}

export function groupDto(row: Selectable<GroupsTable>): GroupDto {
  return {
    id: row.id,
    name: row.name,
    minAge: row.min_age,
    maxAge: row.max_age,
    maxPlaces: row.max_places,
    sortOrder: row.sort_order,
  };
}
