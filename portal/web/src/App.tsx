import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Loading } from './components/Loading';
import { EspaceLayout } from './components/EspaceLayout';
import { PortalProvider } from './components/PortalProvider';
import { PublicLayout } from './components/PublicLayout';
import { RequireVerifiedEmail } from './components/RequireVerifiedEmail';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { InfoPage } from './pages/InfoPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { ChildPage } from './pages/espace/enfants/ChildPage';
import { ChildrenPage } from './pages/espace/enfants/ChildrenPage';
import { DocumentsPage } from './pages/espace/documents/DocumentsPage';
import { EspaceHomePage } from './pages/espace/EspaceHomePage';
import { FoyerPage } from './pages/espace/foyer/FoyerPage';
import { ProfilePage } from './pages/espace/profil/ProfilePage';

// Issue 5's plannings, windows and recap: a chunk of their own, fetched on the first visit.
const ReservationsRoutes = lazy(() => import('./pages/espace/reservations/ReservationsRoutes'));
// Issue 8's invoices (and issue 9's payment pages below them).
const FacturesRoutes = lazy(() => import('./pages/espace/factures/FacturesRoutes'));

export function App() {
  return (
    <PortalProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<HomePage />} />
            <Route path="infos/:slug" element={<InfoPage />} />
            <Route path="creer-mon-compte" element={<RegisterPage />} />
            <Route path="confirmer-email" element={<ConfirmEmailPage />} />
            <Route path="mot-de-passe-oublie" element={<ForgotPasswordPage />} />
            <Route path="reinitialiser-mot-de-passe" element={<ResetPasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route path="espace" element={<EspaceLayout />}>
            <Route index element={<EspaceHomePage />} />
            <Route element={<RequireVerifiedEmail />}>
              <Route path="profil" element={<ProfilePage />} />
              <Route path="foyer" element={<FoyerPage />} />
              <Route path="enfants" element={<ChildrenPage />} />
              <Route path="enfants/:id" element={<ChildPage />} />
              <Route path="documents" element={<DocumentsPage />} />
            </Route>
            <Route
              path="reservations/*"
              element={
                <Suspense fallback={<Loading />}>
                  <ReservationsRoutes />
                </Suspense>
              }
            />
            <Route
              path="factures/*"
              element={
                <Suspense fallback={<Loading />}>
                  <FacturesRoutes />
                </Suspense>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </PortalProvider>
  );
}
