import { ComingSoonPage } from '../SimplePages';

/** The « Facturation » area: routes its own sub-pages below its path. */
export function InvoicingArea() {
  return <ComingSoonPage title="Facturation" />;
}
