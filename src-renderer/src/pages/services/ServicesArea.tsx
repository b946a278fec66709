import { ComingSoonPage } from '../SimplePages';

/** Issue 4: filled by its own slice. */
export function ServicesArea() {
  return <ComingSoonPage title="Services" />;
}
