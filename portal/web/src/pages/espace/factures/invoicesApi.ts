import type { InvoiceDto, StatementDto } from '../../../../../../shared/invoicing/read';
import { request } from '../../../api';

export type { InvoiceDto, InvoiceSummaryDto, StatementDto, StatementEntry } from '../../../../../../shared/invoicing/read';

export const invoicePdfUrl = (id: number): string => `/api/family/invoices/${id}/pdf`;

export function getInvoices(signal?: AbortSignal): Promise<StatementDto> {
  return request<StatementDto>('GET', '/api/family/invoices', undefined, signal);
}

export function getInvoice(id: number, signal?: AbortSignal): Promise<InvoiceDto> {
  return request<InvoiceDto>('GET', `/api/family/invoices/${id}`, undefined, signal);
}
