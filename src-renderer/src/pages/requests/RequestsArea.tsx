import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../SimplePages';
import { JobsPage } from './JobsPage';
import { RequestsPage } from './RequestsPage';

/** The « Demandes » area: /demandes (requests to process), /demandes/taches (scheduled jobs). */
export function RequestsArea() {
  return (
    <Routes>
      <Route index element={<RequestsPage />} />
      <Route path="taches" element={<JobsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
