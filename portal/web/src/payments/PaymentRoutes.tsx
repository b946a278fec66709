import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { formatEuros } from '../../../../shared/tariffs/money';
import { toApiError, type ApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { NotFoundPage } from '../pages/NotFoundPage';
import { getPayfipTransaction, type PayfipTransaction } from './api';
import { PayButton } from './PayButton';

/** While PayFiP has not told the result yet, ask again every few seconds, a few times. */
const POLL_MS = 3000;
const POLL_TIMES = 10;

function Outcome({ t }: { t: PayfipTransaction }) {
  const amount = formatEuros(t.amountCents);
  switch (t.status) {
    case 'paid':
      return (
        <div className="alert alert--success">
          <p>
            <strong>Paiement accepté.</strong> La facture {t.invoiceNumber} est <strong>payée</strong> ({amount}).
          </p>
          <p>Le ticket de paiement de la DGFiP vous est envoyé par e-mail.</p>
        </div>
      );
    case 'refused':
      return (
        <div className="alert alert--error">
          <p>
            <strong>Paiement refusé.</strong> Votre banque a refusé le paiement de la facture {t.invoiceNumber} : aucune somme n’a été prélevée.
          </p>
        </div>
      );
    case 'abandoned':
      return (
        <div className="notice">
          <p>
            <strong>Paiement abandonné.</strong> Vous avez quitté la page de paiement : la facture {t.invoiceNumber} reste à régler.
          </p>
        </div>
      );
    case 'expired':
      return (
        <div className="notice">
          <p>
            <strong>Paiement non abouti.</strong> Le délai de paiement est dépassé : aucune somme n’a été prélevée et la facture {t.invoiceNumber} reste à régler.
          </p>
        </div>
      );
    case 'error':
      return (
        <div className="alert alert--error">
          <p>
            <strong>Paiement non abouti.</strong> Le paiement n’a pas pu être enregistré. Si votre compte a été débité, contactez le pôle enfance-jeunesse.
          </p>
        </div>
      );
    case 'created':
      return (
        <div className="notice">
          <p>
            <strong>Paiement en cours de vérification.</strong> Nous attendons la confirmation de PayFiP pour la facture {t.invoiceNumber} ({amount}). Cette page se met à jour
            toute seule ; vous pouvez aussi la quitter : le résultat sera enregistré dès sa réception.
          </p>
        </div>
      );
  }
}

/** `/espace/factures/paiement/:id`: where PayFiP sends the parent back. */
function PaymentResultPage() {
  const { id } = useParams();
  const transactionId = Number(id);
  const [t, setT] = useState<PayfipTransaction | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [polls, setPolls] = useState(0);

  const load = useCallback(
    (signal?: AbortSignal) =>
      getPayfipTransaction(transactionId, signal).then(
        (data) => {
          setT(data);
          setError(null);
        },
        (err: unknown) => {
          if (!signal?.aborted) setError(toApiError(err));
        },
      ),
    [transactionId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    if (t?.status !== 'created' || polls >= POLL_TIMES) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      void load();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [t, polls, load]);

  if (!Number.isSafeInteger(transactionId) || transactionId <= 0) return <NotFoundPage />;
  return (
    <>
      <title>Paiement en ligne — Portail famille</title>
      <h1>Paiement en ligne</h1>
      <ErrorAlert error={error} />
      {!t && !error && <Loading />}
      {t && (
        <section className="panel" aria-live="polite">
          <Outcome t={t} />
          {t.status === 'created' && polls >= POLL_TIMES && (
            <p>
              <button type="button" className="button button--secondary" onClick={() => void load()}>
                Vérifier à nouveau
              </button>
            </p>
          )}
          {t.status !== 'paid' && t.status !== 'created' && t.invoiceDueCents > 0 && (
            <p>
              <PayButton invoiceId={t.invoiceId} invoiceNumber={t.invoiceNumber} amountDueCents={t.invoiceDueCents} />
            </p>
          )}
        </section>
      )}
      <p>
        <Link to="/espace/factures">Retour à mes factures</Link>
      </p>
    </>
  );
}

/** Pages of an online payment (issue 9): the return from PayFiP. Routed below /espace/factures/paiement/. */
export default function PaymentRoutes() {
  return (
    <Routes>
      <Route path=":id" element={<PaymentResultPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
