import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { formatEuros } from '../../../../../../shared/tariffs/money';
import { LoadedPage } from '../../../components/LoadedPage';
import { formatDate } from '../../../format';
import { PayButton } from '../../../payments/PayButton';
import { useResource } from '../../../useResource';
import { getInvoice, invoicePdfUrl } from './invoicesApi';

const period = (from: string | null, to: string | null): string =>
  from && to ? (from === to ? `le ${formatDate(from)}` : `du ${formatDate(from)} au ${formatDate(to)}`) : '';

/** `/espace/factures/:id`: one invoice, every line with why it is billed. */
export function InvoicePage() {
  const id = Number(useParams().id);
  const load = useCallback((signal: AbortSignal) => getInvoice(id, signal), [id]);
  const resource = useResource(load);
  return (
    <LoadedPage title={resource.status === 'ok' ? `${resource.data.kind === 'invoice' ? 'Facture' : 'Avoir'} n° ${resource.data.number}` : 'Facture'} resource={resource}>
      {(invoice) => (
        <>
          <p>
            <Link to="..">← Toutes mes factures</Link>
          </p>
          <p>
            {invoice.monthLabel} — émise le {formatDate(invoice.issueDate)}
            {invoice.kind === 'invoice' && <> — à régler avant le {formatDate(invoice.dueDate)}</>} — <strong>{invoice.statusLabel}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Enfant</th>
                <th scope="col">Prestation</th>
                <th scope="col">Période</th>
                <th scope="col">Quantité</th>
                <th scope="col">Prix unitaire</th>
                <th scope="col">Montant</th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.childName}</td>
                  <td>
                    {l.label}
                    {l.serviceName && <div className="muted">{l.serviceName}</div>}
                    {l.explanation && <div className="muted">{l.explanation}</div>}
                  </td>
                  <td>{period(l.dateFrom, l.dateTo)}</td>
                  <td>{l.quantity}</td>
                  <td>{formatEuros(l.unitPriceCents)}</td>
                  <td>{formatEuros(l.amountCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  Total
                </th>
                <td>
                  <strong>{formatEuros(invoice.totalCents)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          {invoice.kind === 'invoice' && invoice.amountDueCents > 0 && invoice.amountDueCents !== invoice.totalCents && (
            <p>Reste à payer : {formatEuros(invoice.amountDueCents)}</p>
          )}
          <p>
            <a href={invoicePdfUrl(invoice.id)} download>
              Télécharger le PDF
            </a>{' '}
            {invoice.kind === 'invoice' && invoice.amountDueCents > 0 && invoice.status !== 'direct_debit' && (
              <PayButton invoiceId={invoice.id} invoiceNumber={invoice.number} amountDueCents={invoice.amountDueCents} />
            )}
          </p>
        </>
      )}
    </LoadedPage>
  );
}
