import type { Generated } from 'kysely';
import type { Bool, Id, IsoDate, IsoInstant } from './common';

export type ServiceKind = 'restauration' | 'periscolaire' | 'alsh_mercredi' | 'alsh_vacances' | 'autre';
export type RatioRegime = 'periscolaire' | 'extrascolaire' | 'none';
export type ApprovalMode = 'automatic' | 'manual';
export type LateBookingPolicy = 'refuse' | 'surcharge' | 'accept';
export type LateCancellationPolicy = 'billed' | 'free';

export interface ServicesTable {
  id: Id;
  code: string;
  name: string;
  description: string | null;
  kind: ServiceKind;
  ratio_regime: RatioRegime;
  pedt: Generated<Bool>;
  approval_mode: ApprovalMode;
  deadline_days: Generated<number>;
  late_booking_policy: LateBookingPolicy;
  late_cancellation_policy: LateCancellationPolicy;
  bookings_final: Generated<Bool>;
  late_booking_surcharge_cents: Generated<number>;
  unbooked_presence_surcharge_cents: Generated<number>;
  justified_absence_billed: Generated<Bool>;
  no_place_policy: Generated<'refuse' | 'waitlist'>;
  waitlist_promotion: Generated<'automatic' | 'offer'>;
  max_places: number | null;
  requires_enrolment: Generated<Bool>;
  contact_email: string | null;
  contact_phone: string | null;
  contact_url: string | null;
  sort_order: Generated<number>;
  active: Generated<Bool>;
  created_at: IsoInstant;
  updated_at: IsoInstant;
}

export type DayPattern = 'school_days' | 'wednesdays' | 'holiday_weekdays' | 'weekdays';

export interface PeriodsTable {
  id: Id;
  service_id: number;
  name: string;
  kind: 'school_year' | 'holidays' | 'other';
  school_year: string;
  start_date: IsoDate;
  end_date: IsoDate;
  day_pattern: DayPattern;
  /** JSON array of ISO weekdays (1 = Monday) for the 'weekdays' and 'school_days' patterns. */
  weekdays: string | null;
  bookings_open_at: IsoInstant | null;
  created_at: IsoInstant;
}

export interface UnitsTable {
  id: Id;
  service_id: number;
  code: string;
  name: string;
  kind: Generated<'accueil' | 'activite'>;
  start_time: string | null;
  end_time: string | null;
  sort_order: Generated<number>;
  active: Generated<Bool>;
}

export interface UnitIncompatibilitiesTable {
  unit_id: number;
  other_unit_id: number;
}

export interface GroupsTable {
  id: Id;
  service_id: number;
  name: string;
  min_age: number;
  max_age: number;
  max_places: number | null;
  sort_order: Generated<number>;
}

export interface OpeningDaysTable {
  id: Id;
  period_id: number;
  date: IsoDate;
  closed: Generated<Bool>;
  note: string | null;
  /** Set by staff by hand (migration 0003): regenerating the period keeps the row as it is. */
  manual: Generated<Bool>;
}

export interface OpeningDayActivitiesTable {
  opening_day_id: number;
  unit_id: number;
  places: number | null;
}

export interface SchoolHolidaysTable {
  id: Id;
  zone: 'A' | 'B' | 'C';
  school_year: string;
  name: string;
  first_day_off: IsoDate;
  last_day_off: IsoDate | null;
  source: string;
}

export interface StaffingRulesTable {
  id: Id;
  service_id: number;
  group_id: number | null;
  long_session: Generated<Bool>;
  under_six_per_animator: number;
  six_plus_per_animator: number;
}

export interface StaffPlansTable {
  id: Id;
  service_id: number;
  group_id: number;
  date: IsoDate;
  animators: number;
  qualified: Generated<number>;
  director_counted: Generated<Bool>;
  names: string | null;
  /** Trainees (stagiaires BAFA), migration 0006. */
  trainees: Generated<number>;
  /** JSON list of { name, qualification } (migration 0006); null when staff gave a count only. */
  members: string | null;
  updated_by: number | null;
  updated_at: IsoInstant;
}

export interface TariffGridsTable {
  id: Id;
  service_id: number;
  name: string;
  valid_from: IsoDate;
  created_at: IsoInstant;
}

export interface TariffBracketsTable {
  id: Id;
  grid_id: number;
  label: string;
  qf_min: Generated<number>;
  qf_max: number | null;
  outside_commune: Generated<Bool>;
  sort_order: Generated<number>;
}

export interface TariffPricesTable {
  bracket_id: number;
  unit_id: number;
  price_cents: number;
}
