/** The office's side of the registers: kitchen count, exports (Excel, CAF hours), animators' services. */
import { Anchor, Box, Button, Checkbox, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { attendanceApi, cafXlsxUrl, exportUrl, mealsPdfUrl, type AnimatorAssignments, type CafReport, type MealCount } from '../../attendanceApi';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format';
import { useResource } from '../../useResource';
import { MEAL_CATEGORIES, MEAL_CATEGORY_LABELS } from '../../../../shared/attendance/rules';
import { PdfModal, usePdf } from './PdfViewer';

const hours = (h: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(h);
const REGIME: Record<string, string> = { periscolaire: 'Périscolaire', extrascolaire: 'Extrascolaire' };
const BRACKET: Record<string, string> = { under_six: 'Moins de 6 ans', six_plus: '6 ans et plus' };

function MealsTable({ count }: { count: MealCount }) {
  return (
    // Focusable, so the table can be scrolled from the keyboard on a narrow screen.
    <Box tabIndex={0} role="region" aria-label="Repas par régime (défilement)" style={{ overflowX: 'auto' }}>
      <Table withTableBorder withColumnBorders aria-label="Repas par régime" miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Jour</Table.Th>
            {MEAL_CATEGORIES.map((c) => (
              <Table.Th key={c}>{MEAL_CATEGORY_LABELS[c]}</Table.Th>
            ))}
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {count.days.map((d) => (
            <Table.Tr key={d.date}>
              <Table.Td>{formatDate(d.date)}</Table.Td>
              {MEAL_CATEGORIES.map((c) => (
                <Table.Td key={c}>{d.byCategory[c]}</Table.Td>
              ))}
              <Table.Td fw={700}>{d.total}</Table.Td>
            </Table.Tr>
          ))}
          {count.days.length > 1 && (
            <Table.Tr>
              <Table.Th>Semaine</Table.Th>
              {MEAL_CATEGORIES.map((c) => (
                <Table.Td key={c} fw={700}>
                  {count.totals[c]}
                </Table.Td>
              ))}
              <Table.Td fw={700}>{count.totals.total}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export function MealsPage({ today }: { today: string }) {
  const [date, setDate] = useState(today);
  const [scope, setScope] = useState<'day' | 'week'>('day');
  const load = useCallback(() => attendanceApi.meals(date, scope), [date, scope]);
  const { state } = useResource(load);
  const pdf = usePdf();
  return (
    <Stack gap="lg">
      <PageTitle
        title="Repas pour la cuisine"
        description="Les repas réservés (restaurant scolaire, journées avec repas), moins les absences pointées, plus les présents non inscrits, par régime."
        actions={
          <Button onClick={() => pdf.open({ url: mealsPdfUrl(date, scope), title: 'Effectifs pour la cuisine', fileName: `repas-${date}.pdf` })}>Imprimer</Button>
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label="Jour" value={date} onChange={(e) => setDate(e.currentTarget.value || today)} />
        <SegmentedControl
          aria-label="Période"
          value={scope}
          onChange={(v) => setScope(v === 'week' ? 'week' : 'day')}
          data={[
            { value: 'day', label: 'Le jour' },
            { value: 'week', label: 'La semaine (lundi–vendredi)' },
          ]}
        />
      </Group>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Effectifs indisponibles" />}
      {state.status === 'ready' && (
        <>
          <MealsTable count={state.data} />
          {state.data.days
            .filter((d) => d.special.length > 0)
            .map((d) => (
              <Paper key={d.date} withBorder p="sm">
                <Title order={2} size="h4" mb="xs">
                  Repas particuliers (PAI, allergies) — {formatDate(d.date)}
                </Title>
                <Stack gap={2}>
                  {d.special.map((s, i) => (
                    <Text key={i} size="sm">
                      {s.childName}
                      {s.classLevel ? ` (${s.classLevel})` : ''} — {s.serviceName} — {s.detail}
                    </Text>
                  ))}
                </Stack>
              </Paper>
            ))}
        </>
      )}
      <PdfModal pdf={pdf.pdf} onClose={pdf.close} />
    </Stack>
  );
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

export function ExportsPage({ today, services }: { today: string; services: { id: number; name: string }[] }) {
  const [serviceId, setServiceId] = useState(services[0]?.id ?? 0);
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [caf, setCaf] = useState<CafReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack gap="lg">
      <PageTitle title="Exports des présences" description="Les présences d’une période par service (Excel), et les heures réalisées pour la CAF." />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label="Du" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="Au" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Présences d’un service
          </Title>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect label="Service" value={String(serviceId)} data={services.map((s) => ({ value: String(s.id), label: s.name }))} onChange={(e) => setServiceId(Number(e.currentTarget.value))} />
            <Anchor href={exportUrl(serviceId, from, to)} download>
              Télécharger les présences (Excel)
            </Anchor>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Heures réalisées (CAF, prestation de service)
          </Title>
          <Text size="sm" c="dimmed">
            Par enfant et tranche d’âge, en périscolaire et en extrascolaire ; une présence compte pour toute la séance.
          </Text>
          <Group gap="sm">
            <Button
              loading={busy}
              onClick={() => {
                setBusy(true);
                setError(null);
                attendanceApi
                  .caf(from, to)
                  .then(setCaf, (e: unknown) => setError(toApiError(e)))
                  .finally(() => setBusy(false));
              }}
            >
              Calculer
            </Button>
            <Anchor href={cafXlsxUrl(from, to)} download>
              Télécharger (Excel)
            </Anchor>
          </Group>
          {error && <ErrorAlert error={error} />}
          {caf && (
            <Table withTableBorder aria-label="Heures réalisées">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Accueil</Table.Th>
                  <Table.Th>Tranche d’âge</Table.Th>
                  <Table.Th>Enfants</Table.Th>
                  <Table.Th>Séances</Table.Th>
                  <Table.Th>Heures</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {caf.totals.map((t) => (
                  <Table.Tr key={`${t.regime}-${t.bracket}`}>
                    <Table.Td>{REGIME[t.regime]}</Table.Td>
                    <Table.Td>{BRACKET[t.bracket]}</Table.Td>
                    <Table.Td>{t.children}</Table.Td>
                    <Table.Td>{t.sessions}</Table.Td>
                    <Table.Td>{hours(t.hours)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {caf && caf.unitsWithoutHours.length > 0 && <Text size="sm">Accueils sans horaires (comptés 0 h) : {caf.unitsWithoutHours.join(', ')}.</Text>}
        </Stack>
      </Paper>
    </Stack>
  );
}

function AnimatorRow({ animator, services }: { animator: AnimatorAssignments; services: { id: number; name: string }[] }) {
  const [value, setValue] = useState(animator.serviceIds.map(String));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const name = `${animator.firstName} ${animator.lastName}`;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={700}>
          {name} <Text span c="dimmed" size="sm">({animator.email}{animator.active ? '' : ', compte désactivé'})</Text>
        </Text>
        <Checkbox.Group label={`Services de ${name}`} value={value} onChange={(v) => { setValue(v); setSaved(false); }}>
          <Group gap="md" mt={4}>
            {services.map((s) => (
              <Checkbox key={s.id} value={String(s.id)} label={s.name} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="sm">
          <Button
            size="sm"
            onClick={() => {
              setError(null);
              attendanceApi.setAssignments(animator.staffId, value.map(Number)).then(
                (r) => {
                  setValue(r.serviceIds.map(String));
                  setSaved(true);
                },
                (e: unknown) => setError(toApiError(e)),
              );
            }}
          >
            Enregistrer
          </Button>
          {saved && <Text size="sm" role="status">Enregistré.</Text>}
        </Group>
        {error && <ErrorAlert error={error} />}
      </Stack>
    </Paper>
  );
}

export function AssignmentsPage({ services }: { services: { id: number; name: string }[] }) {
  const { state } = useResource(attendanceApi.assignments);
  return (
    <Stack gap="lg">
      <PageTitle title="Animateurs et services" description="Un animateur ne voit et ne pointe que les listes des services cochés ici." />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' && state.data.animators.length === 0 && <Text c="dimmed">Aucun compte animateur.</Text>}
      {state.status === 'ready' && state.data.animators.map((a) => <AnimatorRow key={a.staffId} animator={a} services={services} />)}
    </Stack>
  );
}
