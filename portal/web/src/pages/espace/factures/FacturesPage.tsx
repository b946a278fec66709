import { Link } from 'react-router';
import { formatEuros } from '../../../../../../shared/tariffs/money';
import { LoadedPage } from '../../../components/LoadedPage';
import { formatDate } from '../../../format';
import { PayButton } from '../../../payments/PayButton';
import { useResource } from '../../../useResource';
import { getInvoices, invoicePdfUrl, type InvoiceSummaryDto, type StatementDto } from './invoicesApi';
import { PaymentsSection } from './PaymentsSection';

const stateClass = (i: InvoiceSummaryDto): string =>
  i.kind === 'invoice' && (i.status === 'paid' || i.status === 'credited') ? 'badge badge--validated' : 'badge';

function Balance({ data }: { data: StatementDto }) {
  if (data.dueCents > 0) return <p className="panel">Reste à payer : <strong>{formatEuros(data.dueCents)}</strong></p>;
  if (data.balanceCents < 0) return <p className="panel">Vous disposez d’un avoir de <strong>{formatEuros(-data.balanceCents)}</strong>, déduit de vos prochaines factures.</p>;
  return <p className="panel">Vous êtes à jour de vos paiements.</p>;
}

/** `/espace/factures`: the family's invoices and credit notes, their state, PDFs, the balance, the payments and the history. */
export function FacturesPage() {
  const resource = useResource(getInvoices);
  return (
    <LoadedPage title="Factures" resource={resource}>
      {(data) => (
        <>
          <Balance data={data} />
          <section className="panel" aria-labelledby="factures-list">
            <h2 id="factures-list">Mes factures</h2>
            {data.invoices.length === 0 ? (
              <p className="muted">Aucune facture pour le moment : elles sont émises au début de chaque mois pour le mois précédent.</p>
            ) : (
              <table>
                <caption className="visually-hidden">Factures et avoirs, du plus récent au plus ancien</caption>
                <thead>
                  <tr>
                    <th scope="col">N°</th>
                    <th scope="col">Mois</th>
                    <th scope="col">Montant</th>
                    <th scope="col">Échéance</th>
                    <th scope="col">État</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.invoices.map((i) => (
                    <tr key={i.id}>
                      <td>
                        <Link to={String(i.id)}>{i.kind === 'credit_note' ? `Avoir ${i.number}` : i.number}</Link>
                      </td>
                      <td>{i.monthLabel}</td>
                      <td>{i.kind === 'credit_note' ? `− ${formatEuros(i.totalCents)}` : formatEuros(i.totalCents)}</td>
                      <td>{i.kind === 'invoice' ? formatDate(i.dueDate) : ''}</td>
                      <td>
                        <span className={stateClass(i)}>{i.statusLabel}</span>
                        {i.kind === 'invoice' && i.amountDueCents > 0 && i.amountDueCents !== i.totalCents && <> (reste {formatEuros(i.amountDueCents)})</>}
                      </td>
                      <td>
                        <a href={invoicePdfUrl(i.id)} download>
                          Télécharger le PDF<span className="visually-hidden"> de {i.kind === 'invoice' ? 'la facture' : 'l’avoir'} {i.number}</span>
                        </a>
                        {i.kind === 'invoice' && i.amountDueCents > 0 && i.status !== 'direct_debit' && (
                          <> <PayButton invoiceId={i.id} invoiceNumber={i.number} amountDueCents={i.amountDueCents} /></>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <PaymentsSection />
          {data.entries.length > 0 && (
            <section className="panel" aria-labelledby="factures-history">
              <h2 id="factures-history">Historique de facturation</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Opération</th>
                    <th scope="col">Référence</th>
                    <th scope="col">Montant</th>
                    <th scope="col">Solde</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.entries].reverse().map((e, index) => (
                    <tr key={`${e.kind}-${e.reference}-${index}`}>
                      <td>{formatDate(e.date)}</td>
                      <td>{e.label}</td>
                      <td>{e.reference}</td>
                      <td>{formatEuros(e.amountCents)}</td>
                      <td>{formatEuros(e.balanceCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </LoadedPage>
  );
}
