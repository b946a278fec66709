/**
 * One day of a service: the figures of each unit and group (inscrits, en attente, places,
 * encadrants, animateurs nécessaires), the staff plan editor of each group, and the copy of the
 * day's plans over a range of days.
 */
import { ActionIcon, Alert, Anchor, Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { copyPlanInputSchema, staffPlanInputSchema } from '../../../../shared/schemas/staffing';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { issuesToErrors, zodErrors, type FormErrors } from '../../forms';
import { placesApi, type DayUnitDto, type DayViewDto, type PlanBody, type StaffPlanDto } from '../../placesApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { balanceText, formatLongDate, placesText } from './format';

type Qualification = 'bafa' | 'stagiaire' | 'non_qualifie';
const QUALIFICATION_OPTIONS: { value: Qualification; label: string }[] = [
  { value: 'bafa', label: 'BAFA (ou équivalent)' },
  { value: 'stagiaire', label: 'Stagiaire BAFA' },
  { value: 'non_qualifie', label: 'Non qualifié' },
];

const RATIO_SOURCE: Record<string, string> = { group: 'taux du groupe', service: 'taux du service', legal: 'taux légal' };

function UnitTable({ unit, view }: { unit: DayUnitDto; view: DayViewDto }) {
  const name = (groupId: number | null) => (groupId === null ? 'Sans groupe' : (view.groups.find((g) => g.id === groupId)?.name ?? ''));
  const hours = unit.startTime && unit.endTime ? ` (${unit.startTime.replace(':', ' h ')} – ${unit.endTime.replace(':', ' h ')}${unit.longSession ? ', plus de 5 heures' : ''})` : '';
  return (
    // A plain scrolling box that takes the focus, so keyboard users can scroll a wide table too.
    <div role="region" aria-label={`Tableau des places, ${unit.name}`} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table withTableBorder striped miw={900} aria-label={`Places — ${unit.name}`}>
        <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>
          {unit.name}
          {hours}
          {unit.activityPlaces !== null ? ` — activité limitée à ${unit.activityPlaces} places` : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Groupe</Table.Th>
            <Table.Th scope="col">Taux d’encadrement</Table.Th>
            <Table.Th scope="col">Inscrits (acceptés)</Table.Th>
            <Table.Th scope="col">En attente</Table.Th>
            <Table.Th scope="col">Liste d’attente</Table.Th>
            <Table.Th scope="col">Places</Table.Th>
            <Table.Th scope="col">Places restantes</Table.Th>
            <Table.Th scope="col">Encadrants prévus</Table.Th>
            <Table.Th scope="col">Animateurs nécessaires</Table.Th>
            <Table.Th scope="col">Manquants ou en trop</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {unit.groups.map((g) => (
            <Table.Tr key={g.groupId ?? 'none'}>
              <Table.Th scope="row">{name(g.groupId)}</Table.Th>
              <Table.Td>{g.ratio ? `1/${g.ratio.underSix} (‑6 ans) · 1/${g.ratio.sixPlus} (6 ans +), ${RATIO_SOURCE[g.ratioSource ?? ''] ?? ''}` : 'aucun'}</Table.Td>
              <Table.Td>
                {g.booked}
                {g.booked > 0 ? ` (${g.bookedUnderSix} ‑6 ans, ${g.bookedSixPlus} 6 ans +)` : ''}
              </Table.Td>
              <Table.Td>{g.pending}</Table.Td>
              <Table.Td>{g.waitlisted}</Table.Td>
              <Table.Td>{placesText(g.places)}</Table.Td>
              <Table.Td>{g.left === null ? 'sans limite' : g.left}</Table.Td>
              <Table.Td>{g.planned === null ? 'non saisi' : g.planned}</Table.Td>
              <Table.Td>
                {g.needed ?? '—'}
                {g.neededWithPending !== null && g.neededWithPending !== g.needed ? ` (${g.neededWithPending} si les demandes en attente sont acceptées)` : ''}
              </Table.Td>
              <Table.Td style={g.balance !== null && g.balance < 0 ? { color: 'var(--mantine-color-red-9)', fontWeight: 700 } : undefined}>{balanceText(g.balance)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            <Table.Td />
            <Table.Td>{unit.total.booked}</Table.Td>
            <Table.Td>{unit.total.pending}</Table.Td>
            <Table.Td>{unit.total.waitlisted}</Table.Td>
            <Table.Td>{placesText(unit.total.places)}</Table.Td>
            <Table.Td>{unit.total.left === null ? 'sans limite' : unit.total.left}</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </div>
  );
}

interface EditorValues {
  mode: 'count' | 'names';
  animators: string;
  qualified: string;
  trainees: string;
  members: { name: string; qualification: Qualification }[];
  directorCounted: boolean;
}

function initialValues(plan: StaffPlanDto | null): EditorValues {
  return {
    mode: plan?.mode ?? 'count',
    animators: plan ? String(plan.animators) : '',
    qualified: plan ? String(plan.qualified) : '',
    trainees: plan ? String(plan.trainees) : '0',
    members: plan?.members ?? [{ name: '', qualification: 'bafa' }],
    directorCounted: plan?.directorCounted ?? false,
  };
}

function bodyOf(v: EditorValues): PlanBody {
  return v.mode === 'count'
    ? { mode: 'count', animators: v.animators.trim(), qualified: v.qualified.trim() === '' ? 0 : v.qualified.trim(), trainees: v.trainees.trim() === '' ? 0 : v.trainees.trim(), directorCounted: v.directorCounted }
    : { mode: 'names', members: v.members.map((m) => ({ name: m.name, qualification: m.qualification })), directorCounted: v.directorCounted };
}

function PlanEditor({
  serviceId,
  date,
  group,
  onSaved,
}: {
  serviceId: number;
  date: string;
  group: DayViewDto['groups'][number];
  onSaved: (day: DayViewDto | null, message: string) => void;
}) {
  const [values, setValues] = useState<EditorValues>(() => initialValues(group.plan));
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const title = `Encadrement — ${group.name}`;
  const set = (patch: Partial<EditorValues>) => setValues((v) => ({ ...v, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body = bodyOf(values);
    const found = zodErrors(staffPlanInputSchema, body);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await placesApi.setPlan(serviceId, group.id, date, body);
      setValues(initialValues(saved.plan));
      onSaved(saved.day, `Encadrement du groupe « ${group.name} » enregistré : ${saved.plan.countedInRatio} encadrant${saved.plan.countedInRatio > 1 ? 's' : ''} comptés dans le taux.`);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setErrors(issuesToErrors(apiError.issues));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await placesApi.deletePlan(serviceId, group.id, date);
      setValues(initialValues(null));
      onSaved(null, `Encadrement du groupe « ${group.name} » supprimé.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {group.minAge}–{group.maxAge} ans{group.maxPlaces !== null ? `, ${group.maxPlaces} places au plus` : ''}
            {group.plan?.names ? ` — noms saisis : ${group.plan.names}` : ''}
          </Text>
          <Radio.Group label="Saisie" value={values.mode} onChange={(mode) => set({ mode: mode === 'names' ? 'names' : 'count' })}>
            <Group gap="lg" mt={4}>
              <Radio value="count" label="Saisir un nombre" />
              <Radio value="names" label="Saisir les noms" />
            </Group>
          </Radio.Group>
          {values.mode === 'count' ? (
            <Group gap="md" align="flex-start" wrap="wrap">
              <TextInput
                label="Nombre d’animateurs"
                description="Sans le directeur"
                inputMode="numeric"
                w={180}
                value={values.animators}
                error={errors.animators}
                onChange={(e) => set({ animators: e.currentTarget.value })}
              />
              <TextInput label="dont diplômés BAFA" description="Ou équivalent" inputMode="numeric" w={180} value={values.qualified} error={errors.qualified} onChange={(e) => set({ qualified: e.currentTarget.value })} />
              <TextInput label="dont stagiaires BAFA" description="Les autres sont non qualifiés" inputMode="numeric" w={200} value={values.trainees} error={errors.trainees} onChange={(e) => set({ trainees: e.currentTarget.value })} />
            </Group>
          ) : (
            <Stack gap="xs">
              {values.members.map((m, index) => (
                <Group key={index} gap="sm" align="flex-end" wrap="wrap">
                  <TextInput
                    label={`Animateur ${index + 1}`}
                    value={m.name}
                    maxLength={80}
                    error={errors[`members.${index}.name`]}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      set({ members: values.members.map((x, i) => (i === index ? { ...x, name } : x)) });
                    }}
                  />
                  <NativeSelect
                    label={`Qualification de l’animateur ${index + 1}`}
                    data={QUALIFICATION_OPTIONS}
                    value={m.qualification}
                    onChange={(e) => {
                      const q = QUALIFICATION_OPTIONS.find((o) => o.value === e.currentTarget.value)?.value ?? 'bafa';
                      set({ members: values.members.map((x, i) => (i === index ? { ...x, qualification: q } : x)) });
                    }}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={`Retirer l’animateur ${index + 1}`}
                    disabled={values.members.length <= 1}
                    onClick={() => set({ members: values.members.filter((_, i) => i !== index) })}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              ))}
              {errors.members && <Text c="red.9" size="sm">{errors.members}</Text>}
              <Group>
                <Button variant="default" size="xs" onClick={() => set({ members: [...values.members, { name: '', qualification: 'bafa' }] })}>
                  Ajouter un animateur
                </Button>
              </Group>
            </Stack>
          )}
          <Checkbox label="Directeur compté dans le taux d’encadrement" checked={values.directorCounted} onChange={(e) => set({ directorCounted: e.currentTarget.checked })} />
          {group.plan && group.plan.warnings.length > 0 && (
            <Alert color="yellow" variant="light" title="Qualification des animateurs (article R227-12)" styles={{ message: { color: 'var(--mantine-color-dark-7)' }, title: { color: 'var(--mantine-color-dark-7)' } }}>
              <ul style={{ margin: 0 }}>
                {group.plan.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Alert>
          )}
          {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
          <Group justify="flex-end">
            {group.plan && (
              <Button variant="default" color="red.9" disabled={busy} onClick={() => void remove()}>
                Supprimer l’encadrement
              </Button>
            )}
            <Button type="submit" loading={busy}>
              Enregistrer l’encadrement
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function CopyForm({ view, onCopied }: { view: DayViewDto; onCopied: (message: string) => void }) {
  const [startDate, setStartDate] = useState(view.date);
  const [endDate, setEndDate] = useState(view.date);
  const [groupId, setGroupId] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body = { sourceDate: view.date, startDate, endDate, groupId: groupId === '' ? null : Number(groupId) };
    const found = zodErrors(copyPlanInputSchema, body);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await placesApi.copy(view.service.id, body);
      onCopied(`Encadrement copié sur ${result.dates.length} jour${result.dates.length > 1 ? 's' : ''} d’ouverture (${result.written} saisie${result.written > 1 ? 's' : ''}).`);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setErrors(issuesToErrors(apiError.issues));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Copier l’encadrement de ce jour">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Copier l’encadrement de ce jour">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Copier l’encadrement de ce jour
          </Title>
          <Text size="sm" c="dimmed">
            Sur chaque jour d’ouverture de la période choisie (une semaine, les vacances entières…) ; les jours fermés sont sautés, l’encadrement déjà saisi est remplacé.
          </Text>
          <Group gap="md" align="flex-start" wrap="wrap">
            <TextInput type="date" label="Du" value={startDate} error={errors.startDate} onChange={(e) => setStartDate(e.currentTarget.value)} />
            <TextInput type="date" label="Au" value={endDate} error={errors.endDate} onChange={(e) => setEndDate(e.currentTarget.value)} />
            <NativeSelect
              label="Groupes copiés"
              value={groupId}
              data={[{ value: '', label: 'Tous les groupes encadrés ce jour' }, ...view.groups.filter((g) => g.plan).map((g) => ({ value: String(g.id), label: g.name }))]}
              onChange={(e) => setGroupId(e.currentTarget.value)}
            />
          </Group>
          {error && <ErrorAlert error={error} title="Copie impossible" />}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!view.groups.some((g) => g.plan)}>
              Copier l’encadrement
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function DayPage() {
  const params = useParams();
  const serviceId = Number(params.serviceId);
  const date = params.date ?? '';
  const load = useCallback(() => placesApi.day(serviceId, date), [serviceId, date]);
  const { state, setData, reload } = useResource(load);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  if (!Number.isSafeInteger(serviceId) || serviceId <= 0) return <NotFoundPage />;

  return (
    <Stack gap="lg">
      <PageTitle title={`Places et encadrement — ${/^\d{4}-\d{2}-\d{2}$/.test(date) ? formatLongDate(date) : date}`} description={state.status === 'ready' ? state.data.service.name : undefined} />
      <Anchor component={Link} to={`/places/${serviceId}/mois/${date.slice(0, 7)}`}>
        ← Retour au mois
      </Anchor>
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Journée indisponible" />}
      {state.status === 'ready' && (
        <>
          {!state.data.open && (
            <Alert color="gray" variant="light" styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}>
              {state.data.inPeriod ? `Le service n’accueille pas d’enfants ce jour-là${state.data.closedReason ? ` : ${state.data.closedReason}` : '.'}` : 'Ce jour est en dehors des périodes du service.'}
            </Alert>
          )}
          {state.data.units.length > 0 && (
            <Paper withBorder p="md" radius="md" component="section" aria-label="Places du jour">
              <Stack gap="md">
                <Title order={2} size="h3">
                  Places du jour
                </Title>
                {state.data.units.map((u) => (
                  <UnitTable key={u.unitId} unit={u} view={state.data} />
                ))}
              </Stack>
            </Paper>
          )}
          {state.data.open && (
            <>
              <Title order={2} size="h3">
                Encadrement prévu
              </Title>
              {state.data.groups.map((g) => (
                <PlanEditor
                  key={`${g.id}-${version}`}
                  serviceId={serviceId}
                  date={date}
                  group={g}
                  onSaved={(day, message) => {
                    setNotice(message);
                    if (day) setData(day);
                    else reload();
                    setVersion((n) => n + 1);
                  }}
                />
              ))}
              <CopyForm view={state.data} onCopied={(message) => setNotice(message)} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
