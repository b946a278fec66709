import { request } from '../api';

export type PayfipStatus = 'created' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'error';

export interface PayfipTransaction {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  amountCents: number;
  status: PayfipStatus;
  invoiceStatus: 'unpaid' | 'partially_paid' | 'paid' | 'direct_debit' | 'credited';
  invoiceDueCents: number;
}

/** Starts the PayFiP payment of an invoice: only its id is sent, the amount is the server's. */
export const startPayfip = (invoiceId: number): Promise<{ transactionId: number; redirectUrl: string }> =>
  request('POST', '/api/family/payments/payfip', { invoiceId });

export const getPayfipTransaction = (id: number, signal?: AbortSignal): Promise<PayfipTransaction> =>
  request('GET', `/api/family/payments/payfip/${id}`, undefined, signal);
