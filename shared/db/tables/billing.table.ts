import type { Generated } from 'kysely';
import type { Id, IsoDate, IsoInstant } from './common';

export interface InvoiceSequencesTable {
  year: number;
  last_number: number;
}

export interface InvoicingRunsTable {
  id: Id;
  month: string;
  /** JSON array of service ids */
  service_ids: string;
  status: 'running' | 'completed' | 'failed';
  families_total: Generated<number>;
  families_done: Generated<number>;
  started_by: number | null;
  started_at: IsoInstant;
  finished_at: IsoInstant | null;
  error: string | null;
}

export type InvoiceStatus = 'unpaid' | 'partially_paid' | 'paid' | 'direct_debit' | 'credited';

export interface InvoicesTable {
  id: Id;
  number: string;
  year: number;
  sequence: number;
  kind: 'invoice' | 'credit_note';
  credited_invoice_id: number | null;
  family_id: number;
  month: string;
  run_id: number | null;
  issued_at: IsoInstant;
  due_date: IsoDate;
  total_cents: number;
  paid_cents: Generated<number>;
  status: InvoiceStatus;
  qf_applied: number | null;
  /** JSON: the family's name and address as printed at issue. */
  family_snapshot: string;
  pdf_storage_key: string | null;
  emailed_at: IsoInstant | null;
  last_reminder_at: IsoInstant | null;
}

export interface InvoiceLinesTable {
  id: Id;
  invoice_id: number;
  child_id: number | null;
  service_id: number | null;
  unit_id: number | null;
  kind: 'service' | 'surcharge' | 'credit' | 'adjustment';
  label: string;
  date_from: IsoDate | null;
  date_to: IsoDate | null;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
  explanation: string | null;
  sort_order: Generated<number>;
}

export interface InvoiceLineItemsTable {
  invoice_line_id: number;
  booking_id: number | null;
  attendance_id: number | null;
  date: IsoDate;
}

export interface SepaDebitRunsTable {
  id: Id;
  due_date: IsoDate;
  message_id: string;
  status: 'draft' | 'generated' | 'submitted' | 'settled';
  transactions_count: Generated<number>;
  total_cents: Generated<number>;
  file_storage_key: string | null;
  created_by: number | null;
  created_at: IsoInstant;
}

export interface PayfipTransactionsTable {
  id: Id;
  invoice_id: number;
  family_id: number;
  id_op: string | null;
  amount_cents: number;
  status: 'created' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'error';
  result_code: string | null;
  created_at: IsoInstant;
  resolved_at: IsoInstant | null;
}

export type PaymentMethod = 'payfip' | 'sepa' | 'cheque' | 'cash' | 'cesu' | 'transfer' | 'credit';

export interface PaymentsTable {
  id: Id;
  family_id: number;
  method: PaymentMethod;
  amount_cents: number;
  status: 'confirmed' | 'pending' | 'rejected';
  received_at: IsoInstant;
  reference: string | null;
  payfip_transaction_id: number | null;
  sepa_debit_run_id: number | null;
  sepa_mandate_id: number | null;
  rejection_reason: string | null;
  recorded_by: number | null;
  notes: string | null;
  created_at: IsoInstant;
}

export interface PaymentAllocationsTable {
  payment_id: number;
  invoice_id: number;
  amount_cents: number;
}
