import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../NotFoundPage';
import { ChooseChildPage, ChooseServicePage } from './AddBookingPage';
import { PeriodPlanningPage } from './PeriodPlanningPage';
import { ConfirmationPage, RecapPage } from './RecapPage';
import { ReservationsLayout } from './ReservationsLayout';
import { ReservationsPage } from './ReservationsPage';

/** `/espace/reservations/*`, loaded on demand: the plannings are the portal's heaviest pages. */
export default function ReservationsRoutes() {
  return (
    <Routes>
      <Route element={<ReservationsLayout />}>
        <Route index element={<ReservationsPage />} />
        <Route path="ajouter" element={<ChooseChildPage />} />
        <Route path="ajouter/:childId" element={<ChooseServicePage />} />
        <Route path="planning/:childId/:periodId" element={<PeriodPlanningPage />} />
        <Route path="recapitulatif" element={<RecapPage />} />
        <Route path="confirmation" element={<ConfirmationPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
