import type { Migration } from './types';

// Invoicing (issue 8, docs/decisions/0012-invoicing.md). The guarantees are the store's, not only
// the code's: one invoice per family and month, a booked or attended child-day on one invoice line
// at most, one running run per month, and an issued invoice (or its lines) never rewritten or
// deleted — a mistake is corrected by a credit note.
export const migration: Migration = {
  id: '0009_invoicing',
  statements: [
    `CREATE UNIQUE INDEX invoices_one_per_family_month ON invoices(family_id, month) WHERE kind = 'invoice'`,
    `CREATE INDEX invoices_credited ON invoices(credited_invoice_id) WHERE credited_invoice_id IS NOT NULL`,
    `CREATE INDEX invoices_due ON invoices(status, due_date)`,
    `CREATE UNIQUE INDEX invoice_line_items_booking_once ON invoice_line_items(booking_id) WHERE booking_id IS NOT NULL`,
    `CREATE UNIQUE INDEX invoice_line_items_attendance_once ON invoice_line_items(attendance_id) WHERE attendance_id IS NOT NULL`,
    `CREATE UNIQUE INDEX invoicing_runs_one_running ON invoicing_runs(month) WHERE status = 'running'`,
    `CREATE TRIGGER invoices_immutable BEFORE UPDATE OF number, year, sequence, kind, credited_invoice_id, family_id, month,
      issued_at, due_date, total_cents, qf_applied, family_snapshot ON invoices
      BEGIN SELECT RAISE(ABORT, 'An issued invoice is immutable: issue a credit note'); END`,
    `CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
      BEGIN SELECT RAISE(ABORT, 'An issued invoice is never deleted: issue a credit note'); END`,
    `CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE ON invoice_lines
      BEGIN SELECT RAISE(ABORT, 'Invoice lines are immutable'); END`,
    `CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
      BEGIN SELECT RAISE(ABORT, 'Invoice lines are never deleted'); END`,
  ],
};
