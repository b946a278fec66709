import { Link } from 'react-router';
import type { PaymentDto } from '../../../../../../shared/payments/queries';
import { METHOD_LABELS } from '../../../../../../shared/schemas/payments';
import { formatEuros } from '../../../../../../shared/tariffs/money';
import { request } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../format';
import { useResource } from '../../../useResource';

/** What GET /api/family/payments answers for each payment (no reference, notes or other family's data). */
export type FamilyPaymentDto = Pick<PaymentDto, 'id' | 'method' | 'amountCents' | 'status' | 'receivedAt' | 'allocations' | 'unallocatedCents'>;

export const getPayments = (signal?: AbortSignal): Promise<FamilyPaymentDto[]> => request<FamilyPaymentDto[]>('GET', '/api/family/payments', undefined, signal);

export const receiptUrl = (id: number): string => `/api/family/payments/${id}/receipt.pdf`;

function ReceiptCell({ payment, date }: { payment: FamilyPaymentDto; date: string }) {
  // A receipt attests money received: a debit still being collected or rejected has none.
  if (payment.status === 'pending') return <span className="badge">En cours d’encaissement</span>;
  if (payment.status === 'rejected') return <span className="badge badge--rejected">Rejeté</span>;
  return (
    <a href={receiptUrl(payment.id)} download>
      Reçu (PDF)<span className="visually-hidden"> du règlement du {date}</span>
    </a>
  );
}

function PaidInvoices({ payment }: { payment: FamilyPaymentDto }) {
  if (payment.allocations.length === 0 && payment.unallocatedCents === 0) return <>—</>;
  return (
    <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {payment.allocations.map((a) => (
        <li key={a.invoiceId}>
          <Link to={String(a.invoiceId)}>{a.invoiceNumber}</Link> ({formatEuros(a.amountCents)})
        </li>
      ))}
      {payment.unallocatedCents > 0 && <li>Reste en avoir : {formatEuros(payment.unallocatedCents)}</li>}
    </ul>
  );
}

/** « Mes règlements » of `/espace/factures`: the family's payments, most recent first, with their receipts. */
export function PaymentsSection() {
  const resource = useResource(getPayments);
  return (
    <section className="panel" aria-labelledby="factures-payments">
      <h2 id="factures-payments">Mes règlements</h2>
      {resource.status === 'loading' && <Loading label="Chargement des règlements…" />}
      {resource.status === 'error' && <ErrorAlert error={resource.error} />}
      {resource.status === 'ok' &&
        (resource.data.length === 0 ? (
          <p className="muted">Aucun règlement enregistré.</p>
        ) : (
          <div className="table-wrap">
            <table className="lines-table">
              <caption className="visually-hidden">Règlements, du plus récent au plus ancien</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Mode de règlement</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Factures réglées</th>
                  <th scope="col">Reçu</th>
                </tr>
              </thead>
              <tbody>
                {resource.data.map((p) => {
                  const date = formatDate(p.receivedAt);
                  return (
                    <tr key={p.id}>
                      <td data-label="Date">{date}</td>
                      <td data-label="Mode">{METHOD_LABELS[p.method]}</td>
                      <td data-label="Montant">{formatEuros(p.amountCents)}</td>
                      <td data-label="Factures">
                        <PaidInvoices payment={p} />
                      </td>
                      <td data-label="Reçu">
                        <ReceiptCell payment={p} date={date} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
