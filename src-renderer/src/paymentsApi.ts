/** Staff endpoints of the payments (docs/API.md, "Payments (issue 9)"). */
import type { FamilyBalance } from '../../shared/payments/ledger';
import type { DebitRunDto, PayfipTransactionDto, PaymentDto } from '../../shared/payments/queries';
import type { DebitRunResult } from '../../shared/sepa/debitRuns';
import type { RejectReason } from '../../shared/schemas/payments';
import type { PayfipSettings, SepaCreditor } from '../../shared/settings/definitions';
import { ApiError, request } from './api';

export type { DebitRunDto, DebitRunResult, FamilyBalance, PayfipSettings, PayfipTransactionDto, PaymentDto, SepaCreditor };

export interface OpenInvoiceDto {
  id: number;
  number: string;
  month: string;
  dueDate: string;
  totalCents: number;
  paidCents: number;
  status: 'unpaid' | 'partially_paid' | 'direct_debit';
  remainingCents: number;
  payableCents: number;
}

export interface FamilyAccount {
  balance: FamilyBalance;
  openInvoices: OpenInvoiceDto[];
}

/** What the desk form sends (amounts typed in euros, parsed by the shared schema). */
export interface DeskPaymentBody {
  familyId: number;
  method: 'cheque' | 'cash' | 'cesu' | 'transfer';
  amount: string;
  receivedOn: string;
  reference?: string;
  notes?: string;
  allocations?: { invoiceId: number; amount: string }[];
}

export interface RecordedPayment {
  paymentId: number;
  allocations: { invoiceId: number; invoiceNumber: string; amountCents: number }[];
  creditCents: number;
}

export interface PaymentSettings {
  payfip: PayfipSettings;
  sepaCreditor: SepaCreditor;
  onlinePayment: 'simulator' | 'payfip' | 'closed';
  demo: boolean;
}

const base = '/api/staff/payments';

/** Downloads a file answer (PDF, Excel, XML) as a Blob with its file name. */
async function download(path: string): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur Marelle ne répond pas.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
    throw new ApiError(res.status, body?.error ?? 'http', body?.message ?? `Téléchargement impossible (HTTP ${res.status}).`);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'fichier';
  return { blob: await res.blob(), fileName };
}

export function saveFile({ blob, fileName }: { blob: Blob; fileName: string }): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const paymentsApi = {
  list: (filter: { from?: string; to?: string; method?: string; familyId?: number } = {}): Promise<PaymentDto[]> => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v));
    return request<PaymentDto[]>('GET', `${base}?${params.toString()}`);
  },
  record: (body: DeskPaymentBody): Promise<RecordedPayment> => request<RecordedPayment>('POST', base, { body }),
  account: (familyId: number): Promise<FamilyAccount> => request<FamilyAccount>('GET', `${base}/families/${familyId}/account`),
  applyCredit: (familyId: number): Promise<{ appliedCents: number; balance: FamilyBalance }> => request('POST', `${base}/families/${familyId}/apply-credit`),
  receipt: (paymentId: number) => download(`${base}/${paymentId}/receipt.pdf`),
  cashJournal: (date: string) => download(`${base}/cash-journal.xlsx?date=${encodeURIComponent(date)}`),
  payfip: (): Promise<PayfipTransactionDto[]> => request<PayfipTransactionDto[]>('GET', `${base}/payfip`),
  refreshPayfip: (id: number): Promise<PayfipTransactionDto> => request<PayfipTransactionDto>('POST', `${base}/payfip/${id}/refresh`),
  runs: (): Promise<DebitRunDto[]> => request<DebitRunDto[]>('GET', `${base}/sepa/runs`),
  createRun: (dueDate: string): Promise<DebitRunResult> => request<DebitRunResult>('POST', `${base}/sepa/runs`, { body: { dueDate } }),
  runPayments: (runId: number): Promise<PaymentDto[]> => request<PaymentDto[]>('GET', `${base}/sepa/runs/${runId}/payments`),
  runFile: (runId: number) => download(`${base}/sepa/runs/${runId}/file`),
  reject: (paymentId: number, reason: RejectReason): Promise<void> => request<undefined>('POST', `${base}/sepa/payments/${paymentId}/reject`, { body: { reason } }),
  settings: (): Promise<PaymentSettings> => request<PaymentSettings>('GET', `${base}/settings`),
  savePayfip: (body: PayfipSettings): Promise<PayfipSettings> => request<PayfipSettings>('PUT', `${base}/settings/payfip`, { body }),
  saveSepa: (body: SepaCreditor): Promise<SepaCreditor> => request<SepaCreditor>('PUT', `${base}/settings/sepa`, { body }),
};
