import { ComingSoonPage } from '../SimplePages';

/** The « Présences » area: routes its own sub-pages below its path. */
export function AttendanceArea() {
  return <ComingSoonPage title="Présences" />;
}
