/** Onglet « Périodes »: the periods of the service, their dates, pattern and opening of bookings. */
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DAY_PATTERNS, PERIOD_KINDS, periodInputSchema } from '../../../../shared/schemas/services';
import { parisInstant, parisWallTime } from '../../../../shared/services/parisTime';
import { schoolYearOf } from '../../../../shared/services/rules';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { withDateMessages } from '../../familySchemas';
import { formatDate } from '../../format';
import { dateToInput, inputToDate, useForm, zodErrors, type FormErrors } from '../../forms';
import { servicesApi, type PeriodBody, type PeriodChange, type PeriodDto } from '../../servicesApi';
import { ConfirmModal, FormButtons, useSubmit } from './common';
import { DEFAULT_WEEKDAYS, formatTime, PATTERN_LABELS, PERIOD_KIND_LABELS, plural, WEEKDAYS, weekdaysLabel } from './format';
import type { ServiceTabProps } from './ServicePage';

interface PeriodValues {
  name: string;
  kind: string;
  schoolYear: string;
  startDate: string;
  endDate: string;
  dayPattern: string;
  weekdays: number[];
  opensDate: string;
  opensTime: string;
}

type Pattern = PeriodDto['dayPattern'];
const patternOf = (value: string): Pattern => ((DAY_PATTERNS as readonly string[]).includes(value) ? (value as Pattern) : 'weekdays');

function valuesOf(period: PeriodDto | null): PeriodValues {
  const opens = period?.bookingsOpenAt ? parisWallTime(period.bookingsOpenAt) : null;
  return {
    name: period?.name ?? '',
    kind: period?.kind ?? 'school_year',
    schoolYear: period?.schoolYear ?? '',
    startDate: dateToInput(period?.startDate ?? null),
    endDate: dateToInput(period?.endDate ?? null),
    dayPattern: period?.dayPattern ?? 'wednesdays',
    weekdays: period?.weekdays ?? DEFAULT_WEEKDAYS[period?.dayPattern ?? 'wednesdays'],
    opensDate: dateToInput(opens?.date ?? null),
    opensTime: opens?.time ?? '08:00',
  };
}

const TYPED_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function toBody(values: PeriodValues): { body: PeriodBody; errors: FormErrors } {
  const errors: FormErrors = {};
  const pattern = patternOf(values.dayPattern);
  let bookingsOpenAt: string | null = null;
  const opens = inputToDate(values.opensDate);
  if (opens !== null) {
    if (!TYPED_TIME.test(values.opensTime.trim())) errors['opensTime'] = 'Heure invalide : format attendu HH:MM (exemple : 08:00).';
    else {
      try {
        bookingsOpenAt = parisInstant(opens, values.opensTime.trim());
      } catch {
        errors['opensDate'] = 'Date invalide : saisissez-la au format jj/mm/aaaa (exemple : 01/06/2026).';
      }
    }
  }
  const startDate = inputToDate(values.startDate);
  const body: PeriodBody = {
    name: values.name.trim(),
    kind: values.kind as PeriodDto['kind'],
    ...(values.schoolYear.trim() ? { schoolYear: values.schoolYear.trim() } : {}),
    startDate,
    endDate: inputToDate(values.endDate),
    dayPattern: pattern,
    weekdays: pattern === 'wednesdays' ? null : values.weekdays,
    bookingsOpenAt,
  };
  return { body, errors };
}

function validateValues(values: PeriodValues): FormErrors {
  const { body, errors } = toBody(values);
  const fromSchema = zodErrors(periodInputSchema, body);
  // The opening instant is built here from a date and a time: its errors belong to the date field.
  if (fromSchema['bookingsOpenAt']) fromSchema['opensDate'] = fromSchema['bookingsOpenAt'];
  return {
    ...withDateMessages(fromSchema, values, [
      { key: 'startDate', required: 'Saisissez la date de début.' },
      { key: 'endDate', required: 'Saisissez la date de fin.' },
      { key: 'opensDate' },
    ]),
    ...errors,
  };
}

function PeriodForm({
  serviceId,
  period,
  onCancel,
  onSaved,
}: {
  serviceId: number;
  period: PeriodDto | null;
  onCancel: () => void;
  onSaved: (change: PeriodChange) => void;
}) {
  const form = useForm({ initialValues: valuesOf(period), validate: validateValues });
  const { saving, error, run } = useSubmit(form);
  const input = form.getInputProps;
  const pattern = patternOf(form.values.dayPattern);
  const start = inputToDate(form.values.startDate);
  let derivedYear = '';
  try {
    if (start) derivedYear = schoolYearOf(start);
  } catch {
    derivedYear = '';
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const { body } = toBody(form.values);
      const change = period ? await servicesApi.updatePeriod(serviceId, period.id, body) : await servicesApi.createPeriod(serviceId, body);
      onSaved(change);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={period ? 'Modifier la période' : 'Nouvelle période'}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Nom" required placeholder="Ex. : Mercredis 2026-2027" {...input('name')} />
          <NativeSelect
            label="Type de période"
            data={PERIOD_KINDS.map((value) => ({ value, label: PERIOD_KIND_LABELS[value] }))}
            {...input('kind')}
          />
          <TextInput label="Date de début" required placeholder="jj/mm/aaaa" inputMode="numeric" {...input('startDate')} />
          <TextInput label="Date de fin" required placeholder="jj/mm/aaaa" inputMode="numeric" {...input('endDate')} />
          <TextInput
            label="Année scolaire"
            placeholder={derivedYear || '2026-2027'}
            description={derivedYear ? `Laissée vide : ${derivedYear} (d’après la date de début).` : 'Laissée vide : d’après la date de début.'}
            {...input('schoolYear')}
          />
          <NativeSelect
            label="Jours d’ouverture"
            description="Les jours fériés et, sauf « jours choisis », les vacances (ou hors vacances) de la zone sont retirés."
            data={DAY_PATTERNS.map((value) => ({ value, label: PATTERN_LABELS[value] }))}
            {...input('dayPattern')}
            onChange={(event) => {
              const next = patternOf(event.currentTarget.value);
              form.setFieldValue('dayPattern', next);
              form.setFieldValue('weekdays', DEFAULT_WEEKDAYS[next]);
            }}
          />
        </SimpleGrid>
        {pattern !== 'wednesdays' && (
          <Checkbox.Group
            label="Jours de la semaine"
            value={form.values.weekdays.map(String)}
            onChange={(value) => form.setFieldValue('weekdays', value.map(Number).sort((a, b) => a - b))}
            error={form.errors['weekdays']}
          >
            <Group gap="md" mt={4}>
              {WEEKDAYS.map((d) => (
                <Checkbox key={d.value} value={String(d.value)} label={d.label} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Ouverture des réservations (date)"
            description="Laissée vide : les familles peuvent réserver dès maintenant."
            placeholder="jj/mm/aaaa"
            inputMode="numeric"
            {...input('opensDate')}
          />
          <TextInput label="Heure d’ouverture" placeholder="08:00" description="Heure de Paris." {...input('opensTime')} />
        </SimpleGrid>
        {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
        <FormButtons saving={saving} submitLabel={period ? 'Enregistrer la période' : 'Créer la période'} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function changeMessage(change: PeriodChange, created: boolean): string {
  const head = `La période « ${change.period.name} » est ${created ? 'créée' : 'enregistrée'}`;
  const report = change.regeneration;
  if (!report) return `${head}.`;
  const parts = [plural(report.days, 'jour d’ouverture', 'jours d’ouverture')];
  if (!created && report.added.length > 0) parts.push(`${plural(report.added.length, 'jour ajouté', 'jours ajoutés')}`);
  if (report.removed.length > 0) parts.push(`${plural(report.removed.length, 'jour retiré', 'jours retirés')}`);
  return `${head} : ${parts.join(', ')}.`;
}

export function PeriodsTab({ detail, reload }: ServiceTabProps) {
  const serviceId = detail.service.id;
  const [editing, setEditing] = useState<PeriodDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PeriodDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastChange, setLastChange] = useState<PeriodChange | null>(null);

  const report = lastChange?.regeneration;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text maw={720}>
          Les périodes fixent les dates où les familles réservent (« Année scolaire 2026-2027 », « Vacances de la Toussaint 2026 ») et le jour
          où les réservations ouvrent. Leurs jours d’ouverture sont calculés d’après les vacances de la zone et les jours fériés, puis
          modifiables jour par jour.
        </Text>
        <Button
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          Nouvelle période
        </Button>
      </Group>
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {report && (report.warnings.length > 0 || report.keptWithBookings.length > 0) && (
        <Alert color="yellow" variant="light" title="À vérifier" role="status" styles={{ title: { color: 'var(--mantine-color-yellow-9)' } }}>
          <ul style={{ margin: 0 }}>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
            {report.keptWithBookings.map((k) => (
              <li key={k.date}>
                Le {formatDate(k.date)} n’est plus dans le calendrier mais a {plural(k.bookings, 'réservation', 'réservations')} : il est conservé.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {detail.periods.length === 0 ? (
        <Text c="dimmed">Aucune période : créez la première avec « Nouvelle période ».</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder aria-label="Périodes du service">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Période</Table.Th>
                <Table.Th>Année scolaire</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Jours</Table.Th>
                <Table.Th>Réservations ouvertes le</Table.Th>
                <Table.Th>Jours d’ouverture</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.periods.map((p) => {
                const opens = p.bookingsOpenAt ? parisWallTime(p.bookingsOpenAt) : null;
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {PERIOD_KIND_LABELS[p.kind]}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.schoolYear}</Table.Td>
                    <Table.Td>
                      du {formatDate(p.startDate)} au {formatDate(p.endDate)}
                    </Table.Td>
                    <Table.Td>
                      {PATTERN_LABELS[p.dayPattern]}
                      {p.weekdays && p.dayPattern !== 'wednesdays' && (
                        <Text size="xs" c="dimmed">
                          {weekdaysLabel(p.weekdays)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{opens ? `${formatDate(opens.date)} à ${formatTime(opens.time)}` : 'Dès maintenant'}</Table.Td>
                    <Table.Td>
                      {plural(p.openDays, 'jour ouvert', 'jours ouverts')}
                      {p.closedDays > 0 && (
                        <Text size="xs" c="dimmed">
                          {plural(p.closedDays, 'fermé', 'fermés')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" miw="max-content">
                        <Anchor component={Link} to={`/services/${serviceId}/periodes/${p.id}`} size="sm" aria-label={`Jours d’ouverture : ${p.name}`}>
                          Jours d’ouverture
                        </Anchor>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Modifier ${p.name}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(p);
                          }}
                        >
                          Modifier
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" aria-label={`Supprimer ${p.name}`} onClick={() => setDeleting(p)}>
                          Supprimer
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Nouvelle période' : 'Modifier la période'}>
        {editing !== null && (
          <PeriodForm
            serviceId={serviceId}
            period={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(change) => {
              setNotice(changeMessage(change, editing === 'new'));
              setLastChange(change);
              setEditing(null);
              reload();
            }}
          />
        )}
      </AppModal>

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Supprimer la période"
        confirmLabel="Supprimer la période"
        errorTitle="Suppression impossible"
        color="red.9"
        onConfirm={async () => {
          if (!deleting) return;
          await servicesApi.deletePeriod(serviceId, deleting.id);
          setNotice(`La période « ${deleting.name} » est supprimée.`);
          setLastChange(null);
          setDeleting(null);
          reload();
        }}
      >
        <Text>
          La période « {deleting?.name} » et ses jours d’ouverture seront supprimés. Une période qui a déjà des réservations ne peut pas être
          supprimée.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
