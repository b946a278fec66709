import { ComingSoonPage } from '../SimplePages';

/** The « Paiements » area: routes its own sub-pages below its path. */
export function PaymentsArea() {
  return <ComingSoonPage title="Paiements" />;
}
