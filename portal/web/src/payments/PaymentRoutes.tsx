import { NotFoundPage } from '../pages/NotFoundPage';

/** Pages of an online payment (issue 9): the return from PayFiP. Routed below /espace/factures/paiement/. */
export default function PaymentRoutes() {
  return <NotFoundPage />;
}
