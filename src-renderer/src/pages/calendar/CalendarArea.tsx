import { Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Route, Routes } from 'react-router';
import { calendarApi, type SchoolZone } from '../../calendarApi';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { ImportForm } from './ImportForm';
import { PublicHolidaysPanel } from './PublicHolidays';
import { SchoolHolidaysPanel, ZoneForm } from './SchoolHolidays';

function CalendarPage() {
  // undefined: the commune's zone, whatever it is.
  const [shownZone, setShownZone] = useState<SchoolZone | undefined>(undefined);
  const load = useCallback(() => calendarApi.schoolHolidays(shownZone), [shownZone]);
  const { state, reload } = useResource(load);

  return (
    <Stack gap="lg">
      <PageTitle
        title="Calendrier scolaire"
        description="Les vacances scolaires de la zone de la commune et les jours fériés : les services ne sont pas ouverts ces jours-là, sauf les accueils de vacances."
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Calendrier indisponible" />}
      {state.status === 'ready' && (
        <>
          <ZoneForm
            key={state.data.communeZone}
            communeZone={state.data.communeZone}
            onSaved={() => {
              setShownZone(undefined);
              reload();
            }}
          />
          <SchoolHolidaysPanel list={state.data} onShowZone={setShownZone} />
        </>
      )}
      <ImportForm onImported={reload} />
      <PublicHolidaysPanel />
    </Stack>
  );
}

/** The "Calendrier scolaire" area (admin): /calendrier. */
export function CalendarArea() {
  return (
    <Routes>
      <Route index element={<CalendarPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
