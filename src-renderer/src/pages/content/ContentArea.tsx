import { ComingSoonPage } from '../SimplePages';

/** Issue 4: filled by its own slice. */
export function ContentArea() {
  return <ComingSoonPage title="Actualités et infos pratiques" />;
}
