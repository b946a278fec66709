/**
 * « Places et encadrement »: choose a service and a month → the days × groups grid of places and
 * animators; a day → its figures by unit and the staff plan editor.
 */
import { Anchor, Box, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { placesApi, type CellStatus, type MonthViewDto } from '../../placesApi';
import { servicesApi } from '../../servicesApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { DayPage } from './DayPage';
import { CELL_LABELS, CELL_STYLES, cellSentence, formatLongDate, formatMonth, placesText, shiftMonth } from './format';

function ServicePicker({ serviceId }: { serviceId: number | null }) {
  const navigate = useNavigate();
  const { state } = useResource(servicesApi.list);
  if (state.status === 'loading') return <Loading label="Chargement des services…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Services indisponibles" />;
  const services = state.data.items.filter((s) => s.active);
  return (
    <NativeSelect
      label="Service"
      maw={360}
      value={serviceId === null ? '' : String(serviceId)}
      data={[{ value: '', label: 'Choisissez un service…', disabled: true }, ...services.map((s) => ({ value: String(s.id), label: s.name }))]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value !== '') void navigate(`/places/${value}`);
      }}
    />
  );
}

function Legend() {
  const items: CellStatus[] = ['ok', 'full', 'no_plan', 'missing'];
  return (
    <Group gap="md" wrap="wrap" aria-label="Légende">
      {items.map((status) => (
        <Group key={status} gap={6}>
          <Box w={16} h={16} style={{ ...CELL_STYLES[status], borderWidth: 1, borderStyle: 'solid', borderRadius: 4 }} aria-hidden="true" />
          <Text size="sm">{CELL_LABELS[status]}</Text>
        </Group>
      ))}
    </Group>
  );
}

function MonthGrid({ view }: { view: MonthViewDto }) {
  if (view.days.length === 0) return <Text c="dimmed">Aucun jour d’ouverture ce mois-ci.</Text>;
  if (view.groups.length === 0) return <Text c="dimmed">Ce service n’a pas de groupe d’âge : l’encadrement se saisit par groupe.</Text>;
  const title = `Places et encadrement — ${formatMonth(view.month)}`;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder withColumnBorders aria-label={title}>
        <Table.Caption>
          Par jour et par groupe : inscrits sur places, puis encadrants prévus et animateurs manquants. Le chiffre montré est celui de l’accueil le plus chargé du jour.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Jour</Table.Th>
            {view.groups.map((g) => (
              <Table.Th key={g.id} scope="col">
                {g.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.days.map((day) => (
            <Table.Tr key={day.date}>
              <Table.Th scope="row" style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/places/${view.service.id}/jour/${day.date}`}>
                  {formatLongDate(day.date)}
                </Anchor>
              </Table.Th>
              {day.open ? (
                day.cells.map((cell) => {
                  const group = view.groups.find((g) => g.id === cell.groupId);
                  return (
                    <Table.Td key={cell.groupId} style={{ padding: 4 }}>
                      <Anchor
                        component={Link}
                        to={`/places/${view.service.id}/jour/${day.date}`}
                        aria-label={`${formatLongDate(day.date)}, ${group?.name ?? ''} : ${CELL_LABELS[cell.status]}, ${cellSentence(cell)}`}
                        data-status={cell.status}
                        underline="never"
                        style={{ ...CELL_STYLES[cell.status], display: 'block', borderWidth: 1, borderStyle: 'solid', borderRadius: 6, padding: '4px 8px' }}
                      >
                        <Text size="sm" fw={700} c="inherit">
                          {cell.booked} / {placesText(cell.places)} places
                        </Text>
                        <Text size="xs" c="inherit">
                          {cell.planned === null ? 'Encadrement non saisi' : `${cell.planned} encadrant${cell.planned > 1 ? 's' : ''}`}
                          {cell.balance !== null && cell.balance < 0 ? ` · ${-cell.balance} manquant${cell.balance < -1 ? 's' : ''}` : ''}
                          {cell.pending > 0 ? ` · ${cell.pending} en attente` : ''}
                        </Text>
                        <Text size="xs" c="inherit">
                          {CELL_LABELS[cell.status]}
                        </Text>
                      </Anchor>
                    </Table.Td>
                  );
                })
              ) : (
                <Table.Td colSpan={view.groups.length}>
                  <Text size="sm">Fermé{day.closedReason ? ` — ${day.closedReason}` : ''}</Text>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MonthPage() {
  const params = useParams();
  const serviceId = Number(params.serviceId);
  const month = params.month;
  const load = useCallback(() => placesApi.month(serviceId, month), [serviceId, month]);
  const { state } = useResource(load);
  if (!Number.isSafeInteger(serviceId) || serviceId <= 0) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <PageTitle title="Places et encadrement" description="Les places découlent des animateurs prévus et du taux d’encadrement légal, selon l’âge des enfants inscrits." />
      <ServicePicker serviceId={serviceId} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Vue du mois indisponible" />}
      {state.status === 'ready' && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap">
              <Text fw={700} size="lg" component="h2" m={0}>
                {state.data.service.name} — {formatMonth(state.data.month)}
              </Text>
              <Group gap="xs">
                <Button variant="default" component={Link} to={`/places/${serviceId}/mois/${shiftMonth(state.data.month, -1)}`}>
                  ← Mois précédent
                </Button>
                <Button variant="default" component={Link} to={`/places/${serviceId}/mois/${shiftMonth(state.data.month, 1)}`}>
                  Mois suivant →
                </Button>
              </Group>
            </Group>
            <Legend />
            <MonthGrid view={state.data} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function ChooseService() {
  return (
    <Stack gap="lg">
      <PageTitle title="Places et encadrement" description="Choisissez un service pour voir ses places et son encadrement jour par jour." />
      <ServicePicker serviceId={null} />
    </Stack>
  );
}

/** The « Places et encadrement » area: routes its own sub-pages below its path. */
export function PlacesArea() {
  return (
    <Routes>
      <Route index element={<ChooseService />} />
      <Route path=":serviceId" element={<MonthPage />} />
      <Route path=":serviceId/mois/:month" element={<MonthPage />} />
      <Route path=":serviceId/jour/:date" element={<DayPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
