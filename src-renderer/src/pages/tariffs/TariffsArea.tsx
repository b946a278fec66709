import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format';
import { tariffsApi, type TariffGridDto, type TariffServiceDto } from '../../tariffsApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { GRID_STATUS_COLORS, GRID_STATUS_LABELS, gridPeriod, unitColumns } from './format';
import { GridEditor } from './GridEditor';
import { defaultValues, gridToValues, nextSchoolYearStart } from './gridForm';
import { GridReadTable } from './GridTable';
import { PrepareGridModal } from './PrepareGridModal';

const gridPath = (gridId: number): string => `/tarifs/grilles/${gridId}`;

/** A notice carried by navigation ("La grille est supprimée."). */
function useNavigationNotice(): [string | null, () => void] {
  const location = useLocation();
  const state = location.state as { notice?: unknown } | null;
  const [notice, setNotice] = useState<string | null>(typeof state?.notice === 'string' ? state.notice : null);
  return [notice, () => setNotice(null)];
}

function StatusBadge({ status }: { status: TariffGridDto['status'] }) {
  return (
    <Badge color={GRID_STATUS_COLORS[status]} variant="dot" tt="none" styles={{ root: { flexShrink: 0 } }}>
      {GRID_STATUS_LABELS[status]}
    </Badge>
  );
}

function ServiceTariffs({ service, today }: { service: TariffServiceDto; today: string }) {
  const navigate = useNavigate();
  const [preparing, setPreparing] = useState(false);
  const titleId = `tarifs-service-${service.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={titleId}>
            {service.name}
            {!service.active && (
              <Text span c="dimmed" size="sm">
                {' '}
                (service désactivé)
              </Text>
            )}
          </Title>
          {service.grids.length > 0 ? (
            <Button variant="light" onClick={() => setPreparing(true)} aria-label={`Préparer la grille de l’année suivante — ${service.name}`}>
              Préparer la grille de l’année suivante
            </Button>
          ) : (
            <Button variant="light" component={Link} to={`/tarifs/nouvelle/${service.id}`}>
              Créer la première grille
            </Button>
          )}
        </Group>
        {service.units.length === 0 && (
          <Text size="sm" c="dimmed">
            Ce service n’a pas encore de prestation (repas, journée…) : ajoutez-en dans « Services » pour leur donner un tarif.
          </Text>
        )}
        {service.grids.length === 0 ? (
          <Text c="dimmed">Aucune grille de tarifs : les prestations de ce service n’ont pas de prix.</Text>
        ) : (
          <Table aria-label={`Grilles de tarifs — ${service.name}`} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Grille</Table.Th>
                <Table.Th scope="col">Période</Table.Th>
                <Table.Th scope="col">État</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...service.grids].reverse().map((grid) => (
                <Table.Tr key={grid.id}>
                  <Table.Td>
                    <Anchor component={Link} to={gridPath(grid.id)}>
                      {grid.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{gridPeriod(grid)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={grid.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {preparing && (
        <PrepareGridModal
          service={service}
          today={today}
          opened
          onClose={() => setPreparing(false)}
          onPrepared={(grid) =>
            void navigate(gridPath(grid.id), {
              state: { notice: `La grille « ${grid.name} » est préparée à partir du ${formatDate(grid.validFrom)} : modifiez ses tarifs puis enregistrez.` },
            })
          }
        />
      )}
    </Paper>
  );
}

function TariffsHome() {
  const { state } = useResource(tariffsApi.overview);
  const [notice, clearNotice] = useNavigationNotice();
  return (
    <Stack gap="lg">
      <PageTitle
        title="Tarifs"
        description="Le prix de chaque prestation par tranche de quotient familial, et le tarif extérieur. Une grille s’applique à partir de sa date d’effet : la grille de l’année suivante se prépare à l’avance sans changer les tarifs en vigueur."
      />
      {notice && <Notice message={notice} onClose={clearNotice} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Tarifs indisponibles" />}
      {state.status === 'ready' &&
        (state.data.services.length === 0 ? (
          <Text c="dimmed">Aucun service n’est configuré : créez d’abord les services de la commune.</Text>
        ) : (
          state.data.services.map((service) => <ServiceTariffs key={service.id} service={service} today={state.data.today} />)
        ))}
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/tarifs" size="sm">
      ← Tous les tarifs
    </Anchor>
  );
}

function GridView({ grid, onChanged }: { grid: TariffGridDto; onChanged: (grid: TariffGridDto) => void }) {
  const navigate = useNavigate();
  const overview = useResource(tariffsApi.overview);
  const [notice, clearNotice] = useNavigationNotice();
  const [saved, setSaved] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState(false);

  const priced = new Set(grid.brackets.flatMap((b) => Object.keys(b.prices)));
  const units = unitColumns(grid.units, priced);
  const service = overview.state.status === 'ready' ? overview.state.data.services.find((s) => s.id === grid.service.id) : undefined;
  const shownNotice = saved ?? notice;

  async function remove() {
    setDeleting(true);
    setDeleteError(null);
    try {
      await tariffsApi.remove(grid.id);
      void navigate('/tarifs', { state: { notice: `La grille « ${grid.name} » est supprimée.` } });
    } catch (caught) {
      setDeleteError(toApiError(caught));
      setDeleting(false);
    }
  }

  return (
    <Stack gap="lg">
      <BackLink />
      <PageTitle
        title={`${grid.service.name} — ${grid.name}`}
        description={
          <Group gap="sm" component="span">
            <StatusBadge status={grid.status} />
            <span>{gridPeriod(grid)}</span>
          </Group>
        }
      />
      {shownNotice && (
        <Notice
          message={shownNotice}
          onClose={() => {
            setSaved(null);
            clearNotice();
          }}
        />
      )}
      {grid.editable ? (
        <GridEditor
          key={`${grid.id}-${grid.name}-${grid.validFrom}-${JSON.stringify(grid.brackets)}`}
          units={units}
          initial={gridToValues(grid)}
          submitLabel="Enregistrer la grille"
          onSubmit={async (body) => {
            const next = await tariffsApi.save(grid.id, body);
            clearNotice();
            setSaved(`La grille « ${next.name} » est enregistrée. Elle s’appliquera à partir du ${formatDate(next.validFrom)}.`);
            onChanged(next);
          }}
          actions={
            <Button variant="default" onClick={() => setConfirmDelete(true)}>
              Supprimer la grille
            </Button>
          }
        />
      ) : (
        <>
          <Alert color="blue" variant="light" title="Grille en lecture seule" styles={{ title: { color: 'var(--mantine-color-blue-9)' } }}>
            <Stack gap="xs">
              <Text size="sm">
                {grid.status === 'current'
                  ? `Cette grille s’applique depuis le ${formatDate(grid.validFrom)} : des réservations ont pu être tarifées avec elle, elle ne peut plus être modifiée.`
                  : 'Cette grille a été remplacée : elle reste consultable pour les journées déjà passées.'}{' '}
                Pour changer les tarifs, préparez une nouvelle grille à partir d’une date à venir : les tarifs actuels restent
                appliqués jusqu’à cette date.
              </Text>
              {service && (
                <Group>
                  <Button variant="light" onClick={() => setPreparing(true)}>
                    Préparer la grille suivante
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
          <GridReadTable brackets={grid.brackets} units={units} caption="Tranches et tarifs de la grille" />
        </>
      )}
      {preparing && service && overview.state.status === 'ready' && (
        <PrepareGridModal
          service={service}
          today={overview.state.data.today}
          opened
          onClose={() => setPreparing(false)}
          onPrepared={(next) => {
            setPreparing(false);
            void navigate(gridPath(next.id), {
              state: { notice: `La grille « ${next.name} » est préparée à partir du ${formatDate(next.validFrom)} : modifiez ses tarifs puis enregistrez.` },
            });
          }}
        />
      )}
      <AppModal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Supprimer la grille" size="md">
        <Stack gap="md">
          <Text>
            La grille « {grid.name} » ne s’appliquera pas : ses tranches et ses tarifs sont supprimés. La grille en vigueur reste
            appliquée.
          </Text>
          {deleteError && <ErrorAlert error={deleteError} title="Suppression impossible" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmDelete(false)} disabled={deleting}>
              Annuler
            </Button>
            <Button color="red" onClick={() => void remove()} loading={deleting}>
              Supprimer
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}

function GridPage() {
  const { gridId } = useParams();
  const id = Number(gridId);
  const load = useCallback(() => tariffsApi.grid(id), [id]);
  const { state, setData } = useResource(load);
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  return (
    <>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <Stack gap="md">
          <BackLink />
          <ErrorAlert error={state.error} title="Grille indisponible" />
        </Stack>
      )}
      {state.status === 'ready' && <GridView key={state.data.id} grid={state.data} onChanged={setData} />}
    </>
  );
}

function NewGridPage() {
  const { serviceId } = useParams();
  const id = Number(serviceId);
  const navigate = useNavigate();
  const { state } = useResource(tariffsApi.overview);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Tarifs indisponibles" />;
  const service = state.data.services.find((s) => s.id === id);
  if (!service) return <NotFoundPage />;
  const units = service.units.filter((u) => u.active);
  return (
    <Stack gap="lg">
      <BackLink />
      <PageTitle
        title={`${service.name} — nouvelle grille`}
        description="Saisissez les tranches de quotient familial et le tarif de chaque prestation."
      />
      <GridEditor
        units={units}
        initial={defaultValues(nextSchoolYearStart(state.data.today, null))}
        submitLabel="Créer la grille"
        onSubmit={async (body) => {
          const grid = await tariffsApi.create({ ...body, serviceId: service.id });
          void navigate(gridPath(grid.id), { state: { notice: `La grille « ${grid.name} » est créée.` } });
        }}
      />
    </Stack>
  );
}

/** The "Tarifs" area (admin): /tarifs, /tarifs/grilles/:gridId, /tarifs/nouvelle/:serviceId. */
export function TariffsArea() {
  return (
    <Routes>
      <Route index element={<TariffsHome />} />
      <Route path="grilles/:gridId" element={<GridPage />} />
      <Route path="nouvelle/:serviceId" element={<NewGridPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
