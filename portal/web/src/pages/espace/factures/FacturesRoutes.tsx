import { ComingSoonPage } from '../../ComingSoonPage';

/** « Factures » (issue 8): the invoices, their PDFs, the balance; payment pages below `paiement/`. */
export default function FacturesRoutes() {
  return <ComingSoonPage title="Factures" description="Consulter, télécharger et régler vos factures, consulter l’historique de facturation." />;
}
