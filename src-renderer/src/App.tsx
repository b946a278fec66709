import { Button, Center, Stack } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { api, onUnauthenticated, toApiError, type ApiError } from './api';
import { AREAS, canOpen, type AreaId } from './areas';
import { ErrorAlert, Loading } from './components/Feedback';
import { Shell } from './components/Shell';
import { DashboardPage } from './pages/DashboardPage';
import { FamiliesArea } from './pages/families/FamiliesArea';
import { ServicesArea } from './pages/services/ServicesArea';
import { TariffsArea } from './pages/tariffs/TariffsArea';
import { CalendarArea } from './pages/calendar/CalendarArea';
import { ContentArea } from './pages/content/ContentArea';
import { RequestsArea } from './pages/requests/RequestsArea';
import { PlacesArea } from './pages/places/PlacesArea';
import { AttendanceArea } from './pages/attendance/AttendanceArea';
import { InvoicingArea } from './pages/invoicing/InvoicingArea';
import { PaymentsArea } from './pages/payments/PaymentsArea';
import { BookingsExportPage } from './pages/exports/BookingsExportPage';
import { LoginPage } from './pages/LoginPage';
import { OutboxPage } from './pages/OutboxPage';
import { PortalPage } from './pages/PortalPage';
import { SettingsPage } from './pages/SettingsPage';
import { ComingSoonPage, ForbiddenPage, NotFoundPage } from './pages/SimplePages';
import { SessionContext, type SessionValue } from './session';
import type { StaffSession, StaffUser } from './types';

type SessionState =
  | { status: 'checking' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'anonymous'; notice: string | null }
  | { status: 'authenticated'; user: StaffUser };

/** Areas with pages of their own below their path (they route them themselves). */
const NESTED: ReadonlySet<AreaId> = new Set<AreaId>([
  'families',
  'services',
  'tariffs',
  'calendar',
  'content',
  'requests',
  'places',
  'attendance',
  'invoicing',
  'payments',
]);

const PAGES: Partial<Record<AreaId, () => ReactElement>> = {
  dashboard: () => <DashboardPage />,
  families: () => <FamiliesArea />,
  services: () => <ServicesArea />,
  tariffs: () => <TariffsArea />,
  calendar: () => <CalendarArea />,
  content: () => <ContentArea />,
  requests: () => <RequestsArea />,
  places: () => <PlacesArea />,
  attendance: () => <AttendanceArea />,
  invoicing: () => <InvoicingArea />,
  payments: () => <PaymentsArea />,
  exports: () => <BookingsExportPage />,
  portal: () => <PortalPage />,
  outbox: () => <OutboxPage />,
  settings: () => <SettingsPage />,
};

function AppRoutes({ user }: { user: StaffUser }) {
  return (
    <Routes>
      {AREAS.map((area) => {
        const page = PAGES[area.id];
        const element = !canOpen(area, user.role) ? (
          <ForbiddenPage title={area.label} />
        ) : page ? (
          page()
        ) : (
          <ComingSoonPage title={area.label} />
        );
        const path = NESTED.has(area.id) ? `${area.path}/*` : area.path;
        return <Route key={area.id} path={path} element={element} />;
      })}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function App() {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<ApiError | null>(null);
  const navigate = useNavigate();

  // On load: GET /api/staff/me — 200 → app shell, 401 → login page.
  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (result) => {
        if (!cancelled) setSession({ status: 'authenticated', user: result.user });
      },
      (caught: unknown) => {
        if (cancelled) return;
        const error = toApiError(caught);
        if (error.status === 401) setSession({ status: 'anonymous', notice: null });
        else setSession({ status: 'unreachable', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // A request answering 401 later on: the session expired, back to the login page.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setSession((current) =>
          current.status === 'authenticated'
            ? { status: 'anonymous', notice: 'Votre session a expiré. Veuillez vous reconnecter.' }
            : current,
        );
      }),
    [],
  );

  const onLoggedIn = useCallback((result: StaffSession) => {
    setLogoutError(null);
    setSession({ status: 'authenticated', user: result.user });
  }, []);

  const logout = useCallback(async () => {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await api.logout();
    } catch (caught) {
      const error = toApiError(caught);
      if (error.status !== 401) {
        setLogoutError(error);
        setLoggingOut(false);
        return;
      }
    }
    setLoggingOut(false);
    setSession({ status: 'anonymous', notice: 'Vous êtes déconnecté.' });
    void navigate('/');
  }, [navigate]);

  const user = session.status === 'authenticated' ? session.user : null;
  const sessionValue = useMemo<SessionValue | null>(() => (user ? { user } : null), [user]);

  if (session.status === 'checking') {
    return (
      <Center mih="100vh">
        <Loading />
      </Center>
    );
  }

  if (session.status === 'unreachable') {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={480} w="100%" component="main">
          <ErrorAlert error={session.error} title="Back-office indisponible" />
          <Button
            onClick={() => {
              setSession({ status: 'checking' });
              setAttempt((value) => value + 1);
            }}
          >
            Réessayer
          </Button>
        </Stack>
      </Center>
    );
  }

  if (session.status === 'anonymous' || !sessionValue) {
    return <LoginPage onLoggedIn={onLoggedIn} notice={session.status === 'anonymous' ? session.notice : null} />;
  }

  return (
    <SessionContext value={sessionValue}>
      <Shell user={sessionValue.user} onLogout={() => void logout()} loggingOut={loggingOut}>
        <Stack gap="md">
          {logoutError && <ErrorAlert error={logoutError} title="Déconnexion impossible" />}
          <AppRoutes user={sessionValue.user} />
        </Stack>
      </Shell>
    </SessionContext>
  );
}
