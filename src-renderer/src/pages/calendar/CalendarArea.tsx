import { ComingSoonPage } from '../SimplePages';

/** Issue 4: filled by its own slice. */
export function CalendarArea() {
  return <ComingSoonPage title="Calendrier scolaire" />;
}
