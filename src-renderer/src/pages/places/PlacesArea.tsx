import { ComingSoonPage } from '../SimplePages';

/** The « Places et encadrement » area: routes its own sub-pages below its path. */
export function PlacesArea() {
  return <ComingSoonPage title="Places et encadrement" />;
}
