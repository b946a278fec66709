import { Group, Stack } from '@mantine/core';
import { NavLink as RouterNavLink, Route, Routes } from 'react-router';
import { attendanceApi } from '../../attendanceApi';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useSession } from '../../session';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { AssignmentsPage, ExportsPage, MealsPage } from './OfficePages';
import { PointagePage } from './PointagePage';

const tabStyle = ({ isActive }: { isActive: boolean }) => ({
  display: 'inline-block',
  padding: '10px 14px',
  minHeight: 44,
  borderRadius: 6,
  textDecoration: 'none',
  fontWeight: isActive ? 700 : 500,
  color: isActive ? 'var(--mantine-color-white)' : 'var(--mantine-color-dark-7)',
  background: isActive ? 'var(--mantine-color-blue-8)' : 'var(--mantine-color-gray-1)',
});

function OfficeRoutes({ admin }: { admin: boolean }) {
  const { state } = useResource(attendanceApi.services);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  const { today, services } = state.data;
  return (
    <Routes>
      <Route path="cuisine" element={<MealsPage today={today} />} />
      <Route path="exports" element={<ExportsPage today={today} services={services} />} />
      {admin && <Route path="affectations" element={<AssignmentsPage services={services} />} />}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** The « Présences » area: pointage for everyone; kitchen, exports (office) and assignments (admin). */
export function AttendanceArea() {
  const { user } = useSession();
  const office = user.role !== 'animateur';
  const admin = user.role === 'admin';
  return (
    <Stack gap="md">
      {office && (
        <Group gap="xs" component="nav" aria-label="Présences">
          <RouterNavLink to="/presences" end style={tabStyle}>
            Pointage
          </RouterNavLink>
          <RouterNavLink to="/presences/cuisine" style={tabStyle}>
            Repas (cuisine)
          </RouterNavLink>
          <RouterNavLink to="/presences/exports" style={tabStyle}>
            Exports
          </RouterNavLink>
          {admin && (
            <RouterNavLink to="/presences/affectations" style={tabStyle}>
              Animateurs et services
            </RouterNavLink>
          )}
        </Group>
      )}
      <Routes>
        <Route index element={<PointagePage />} />
        {office && <Route path="*" element={<OfficeRoutes admin={admin} />} />}
        {!office && <Route path="*" element={<NotFoundPage />} />}
      </Routes>
    </Stack>
  );
}
