import { BrowserRouter, Route, Routes } from 'react-router';
import { EspaceLayout } from './components/EspaceLayout';
import { PortalProvider } from './components/PortalProvider';
import { PublicLayout } from './components/PublicLayout';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { EspaceHomePage } from './pages/EspaceHomePage';
import { HomePage } from './pages/HomePage';
import { InfoPage } from './pages/InfoPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { ReservationsPage } from './pages/ReservationsPage';

export function App() {
  return (
    <PortalProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<HomePage />} />
            <Route path="infos/:slug" element={<InfoPage />} />
            <Route path="creer-mon-compte" element={<RegisterPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route path="espace" element={<EspaceLayout />}>
            <Route index element={<EspaceHomePage />} />
            <Route
              path="profil"
              element={
                <ComingSoonPage
                  title="Mon profil"
                  description="Vos informations de connexion, vos coordonnées, vos informations personnelles et professionnelles."
                />
              }
            />
            <Route
              path="foyer"
              element={
                <ComingSoonPage
                  title="Mon foyer"
                  description="Votre conjoint, les informations complémentaires et vos mandats SEPA."
                />
              }
            />
            <Route
              path="enfants"
              element={
                <ComingSoonPage
                  title="Mes enfants"
                  description="La fiche de chaque enfant, ses renseignements médicaux, les personnes autorisées à venir le chercher."
                />
              }
            />
            <Route
              path="documents"
              element={
                <ComingSoonPage
                  title="Documents"
                  description="Transmettre vos pièces justificatives : attestation de responsabilité civile, RIB, mandat SEPA."
                />
              }
            />
            <Route path="reservations" element={<ReservationsPage />} />
            <Route
              path="factures"
              element={
                <ComingSoonPage
                  title="Factures"
                  description="Consulter, télécharger et régler vos factures, consulter l’historique de facturation."
                />
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </PortalProvider>
  );
}
