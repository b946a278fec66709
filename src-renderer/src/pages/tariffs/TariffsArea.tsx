import { ComingSoonPage } from '../SimplePages';

/** Issue 4: filled by its own slice. */
export function TariffsArea() {
  return <ComingSoonPage title="Tarifs" />;
}
