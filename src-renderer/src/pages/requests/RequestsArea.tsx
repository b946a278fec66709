import { ComingSoonPage } from '../SimplePages';

/** The « Demandes » area: routes its own sub-pages below its path. */
export function RequestsArea() {
  return <ComingSoonPage title="Demandes" />;
}
