/** Invoicing (issue 8): the month's bills, the run, credit notes, reminders, statements, PDFs. */
export { computeFamilyBill, monthBounds, monthLabel, type ChildDayInput, type DraftLine, type FamilyBill } from './compute';
export { exportMonthXlsx, issueCreditNote, sendInvoiceReminders, settledStatus } from './accounts';
export { invoicePdf } from './files';
export { amountDue, amountDueCents, familyStatement, listInvoices, loadInvoice, STATUS_LABELS, type InvoiceDto, type InvoiceSummaryDto, type StatementDto } from './read';
export { assertMonthInvoiceable, deliverInvoices, executeRun, listRuns, previewMonth, runDto, startRun, type PreviewDto, type RunDto } from './run';
