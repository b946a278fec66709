import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../../../components/Loading';
import { FacturesPage } from './FacturesPage';
import { InvoicePage } from './InvoicePage';

const PaymentRoutes = lazy(() => import('../../../payments/PaymentRoutes'));

/** « Factures » (issue 8): the invoices, their PDFs, the balance; payment pages below `paiement/`. */
export default function FacturesRoutes() {
  return (
    <Routes>
      <Route index element={<FacturesPage />} />
      <Route
        path="paiement/*"
        element={
          <Suspense fallback={<Loading />}>
            <PaymentRoutes />
          </Suspense>
        }
      />
      <Route path=":id" element={<InvoicePage />} />
    </Routes>
  );
}
