/** Staff endpoints of invoicing (docs/API.md, "Invoicing (issue 8)"). */
import type { StatementDto, InvoiceDto, InvoicePage } from '../../shared/invoicing/read';
import type { PreviewDto, RunDto } from '../../shared/invoicing/run';
import type { CreditNoteInput } from '../../shared/schemas/invoicing';
import { ApiError, NETWORK_ERROR_MESSAGE, request } from './api';

export type { InvoiceDto, InvoicePage, InvoiceSummaryDto, StatementDto } from '../../shared/invoicing/read';
export type { PreviewDto, PreviewFamilyDto, RunDto } from '../../shared/invoicing/run';

export interface InvoicingOptions {
  today: string;
  defaultMonth: string;
  defaultMonthLabel: string;
  services: { id: number; name: string; active: boolean }[];
}

export interface InvoiceQuery {
  month?: string;
  status?: string;
  q?: string;
  familyId?: number;
  page?: number;
}

const BASE = '/api/staff/invoicing';

const query = (q: InvoiceQuery): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

export const invoicePdfHref = (id: number): string => `${BASE}/invoices/${id}/pdf`;

export const invoicingApi = {
  options: (): Promise<InvoicingOptions> => request<InvoicingOptions>('GET', `${BASE}/options`),
  preview: (month: string, serviceIds: number[]): Promise<PreviewDto> =>
    request<PreviewDto>('GET', `${BASE}/preview?month=${encodeURIComponent(month)}&services=${serviceIds.join(',')}`),
  start: (month: string, serviceIds: number[]): Promise<RunDto> => request<RunDto>('POST', `${BASE}/runs`, { body: { month, serviceIds } }),
  run: (id: number): Promise<RunDto> => request<RunDto>('GET', `${BASE}/runs/${id}`),
  runs: (): Promise<{ runs: RunDto[] }> => request<{ runs: RunDto[] }>('GET', `${BASE}/runs`),
  invoices: (q: InvoiceQuery): Promise<InvoicePage> => request<InvoicePage>('GET', `${BASE}/invoices?${query(q)}`),
  invoice: (id: number): Promise<InvoiceDto> => request<InvoiceDto>('GET', `${BASE}/invoices/${id}`),
  creditNote: (id: number, body: CreditNoteInput): Promise<InvoiceDto> => request<InvoiceDto>('POST', `${BASE}/invoices/${id}/credit-notes`, { body }),
  statement: (familyId: number): Promise<StatementDto> => request<StatementDto>('GET', `${BASE}/families/${familyId}/statement`),
  exportMonth: async (month: string): Promise<{ blob: Blob; fileName: string }> => {
    let response: Response;
    try {
      response = await fetch(`${BASE}/export?month=${encodeURIComponent(month)}`, { credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      throw new ApiError(response.status, body.error ?? 'http', body.message ?? `L’export n’a pas pu être produit (HTTP ${response.status}).`);
    }
    return { blob: await response.blob(), fileName: `factures-${month}.xlsx` };
  },
};
