import type * as B from './tables/billing.table';
import type * as K from './tables/bookings.table';
import type * as C from './tables/children.table';
import type * as N from './tables/content.table';
import type * as R from './tables/search.table';
import type * as F from './tables/families.table';
import type * as S from './tables/services.table';
import type * as Y from './tables/system.table';

/** The whole store, as Kysely sees it. Table types live per domain in `tables/*.table.ts`. */
export interface Database {
  schema_migrations: Y.SchemaMigrationsTable;
  settings: Y.SettingsTable;
  staff_users: Y.StaffUsersTable;
  sessions: Y.SessionsTable;
  login_throttle: Y.LoginThrottleTable;
  email_outbox: Y.EmailOutboxTable;
  audit_log: Y.AuditLogTable;
  scheduled_jobs: Y.ScheduledJobsTable;

  families: F.FamiliesTable;
  guardians: F.GuardiansTable;
  portal_accounts: F.PortalAccountsTable;
  email_tokens: F.EmailTokensTable;
  documents: F.DocumentsTable;
  sepa_mandates: F.SepaMandatesTable;
  family_search: R.FamilySearchTable;

  children: C.ChildrenTable;
  family_children: C.FamilyChildrenTable;
  medical_records: C.MedicalRecordsTable;
  authorized_persons: C.AuthorizedPersonsTable;

  services: S.ServicesTable;
  periods: S.PeriodsTable;
  units: S.UnitsTable;
  unit_incompatibilities: S.UnitIncompatibilitiesTable;
  groups: S.GroupsTable;
  opening_days: S.OpeningDaysTable;
  opening_day_activities: S.OpeningDayActivitiesTable;
  school_holidays: S.SchoolHolidaysTable;
  staffing_rules: S.StaffingRulesTable;
  staff_plans: S.StaffPlansTable;
  tariff_grids: S.TariffGridsTable;
  tariff_brackets: S.TariffBracketsTable;
  tariff_prices: S.TariffPricesTable;

  enrolments: K.EnrolmentsTable;
  requests: K.RequestsTable;
  bookings: K.BookingsTable;
  booking_events: K.BookingEventsTable;
  attendance: K.AttendanceTable;

  invoice_sequences: B.InvoiceSequencesTable;
  invoicing_runs: B.InvoicingRunsTable;
  invoices: B.InvoicesTable;
  invoice_lines: B.InvoiceLinesTable;
  invoice_line_items: B.InvoiceLineItemsTable;
  sepa_debit_runs: B.SepaDebitRunsTable;
  payfip_transactions: B.PayfipTransactionsTable;
  payments: B.PaymentsTable;
  payment_allocations: B.PaymentAllocationsTable;

  news: N.NewsTable;
  info_pages: N.InfoPagesTable;
  content_attachments: N.ContentAttachmentsTable;
}
