/**
 * « Jours d'ouverture » of a period: one month grid per month, each day open, closed, in the school
 * holidays or a public holiday. A click opens the day: close it with a note, open it, offer activities.
 */
import { Alert, Anchor, Box, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type CSSProperties } from 'react';
import { Link, useParams } from 'react-router';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { formatDate } from '../../format';
import { servicesApi, type CalendarDayDto, type PeriodCalendarDto, type RegenerationReport } from '../../servicesApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { ConfirmModal } from './common';
import { DAY_STATUS_LABELS, formatLongDate, formatMonth, PATTERN_LABELS, plural, WEEKDAYS } from './format';
import type { ServiceTabProps } from './ServicePage';

// Light backgrounds with near-black text (gray.9): every pair passes the 4.5:1 contrast ratio; the
// status is also written in the cell, never told by the colour alone.
const TEXT = 'var(--mantine-color-gray-9)';
const STATUS_STYLES: Record<CalendarDayDto['status'], CSSProperties> = {
  open: { background: 'var(--mantine-color-green-1)', color: TEXT, borderColor: 'var(--mantine-color-green-7)' },
  closed: { background: 'var(--mantine-color-red-1)', color: TEXT, borderColor: 'var(--mantine-color-red-7)' },
  school_holiday: { background: 'var(--mantine-color-blue-0)', color: TEXT, borderColor: 'var(--mantine-color-blue-3)' },
  public_holiday: { background: 'var(--mantine-color-yellow-1)', color: TEXT, borderColor: 'var(--mantine-color-yellow-6)' },
  no_service: { background: 'var(--mantine-color-gray-0)', color: 'var(--mantine-color-gray-7)', borderColor: 'var(--mantine-color-gray-3)' },
};

const SHORT_STATUS: Record<CalendarDayDto['status'], string> = {
  open: 'Ouvert',
  closed: 'Fermé',
  school_holiday: 'Vacances',
  public_holiday: 'Férié',
  no_service: '',
};

/** What a screen reader says of a day: "mercredi 18 novembre 2026 : fermé — Journée pédagogique". */
function dayLabel(day: CalendarDayDto): string {
  let text = `${formatLongDate(day.date)} : ${DAY_STATUS_LABELS[day.status]}`;
  if (day.holiday && day.status !== 'open' && day.status !== 'closed') text += ` (${day.holiday})`;
  if (day.note) text += ` — ${day.note}`;
  if (day.bookings > 0) text += `, ${plural(day.bookings, 'réservation', 'réservations')}`;
  if (day.activities.length > 0) text += `, ${plural(day.activities.length, 'activité', 'activités')}`;
  return text;
}

function months(days: CalendarDayDto[]): [string, CalendarDayDto[]][] {
  const map = new Map<string, CalendarDayDto[]>();
  for (const d of days) {
    const key = d.date.slice(0, 7);
    map.set(key, [...(map.get(key) ?? []), d]);
  }
  return [...map.entries()];
}

function MonthGrid({ month, days, onOpen }: { month: string; days: CalendarDayDto[]; onOpen: (day: CalendarDayDto) => void }) {
  const byDay = new Map(days.map((d) => [Number(d.date.slice(8, 10)), d]));
  const [year, m] = month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const firstWeekday = ((new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7) + 1;
  const cells: (number | null)[] = [...Array.from({ length: firstWeekday - 1 }, () => null), ...Array.from({ length }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const title = formatMonth(month);

  return (
    <Paper withBorder p="sm" radius="md">
      <table style={{ borderCollapse: 'separate', borderSpacing: 3, width: '100%', tableLayout: 'fixed' }} aria-label={title}>
        <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>{title}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d.value} scope="col" style={{ fontSize: 12, fontWeight: 500 }}>
                <abbr title={d.label} style={{ textDecoration: 'none' }}>
                  {d.short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, index) => (
            <tr key={index}>
              {week.map((n, i) => {
                const day = n === null ? undefined : byDay.get(n);
                if (n === null || !day) {
                  return (
                    <td key={i} style={{ height: 48, textAlign: 'center', color: 'var(--mantine-color-gray-6)', fontSize: 12 }}>
                      {n ?? ''}
                    </td>
                  );
                }
                const style = STATUS_STYLES[day.status];
                return (
                  <td key={i} style={{ padding: 0 }}>
                    <button
                      type="button"
                      onClick={() => onOpen(day)}
                      aria-label={dayLabel(day)}
                      data-status={day.status}
                      data-date={day.date}
                      style={{
                        ...style,
                        width: '100%',
                        height: 48,
                        borderWidth: 1,
                        borderStyle: day.manual ? 'dashed' : 'solid',
                        borderRadius: 6,
                        cursor: 'pointer',
                        padding: 2,
                        font: 'inherit',
                        lineHeight: 1.1,
                        textDecoration: day.status === 'closed' ? 'line-through' : 'none',
                      }}
                    >
                      <span style={{ display: 'block', fontWeight: 700, fontSize: 14 }}>{n}</span>
                      <span style={{ display: 'block', fontSize: 10 }}>
                        {SHORT_STATUS[day.status]}
                        {day.activities.length > 0 ? ' ★' : ''}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  );
}

function Legend() {
  const items: CalendarDayDto['status'][] = ['open', 'closed', 'school_holiday', 'public_holiday', 'no_service'];
  return (
    <Group gap="md" wrap="wrap" aria-label="Légende">
      {items.map((status) => (
        <Group key={status} gap={6}>
          <Box w={16} h={16} style={{ ...STATUS_STYLES[status], borderWidth: 1, borderStyle: 'solid', borderRadius: 4 }} aria-hidden="true" />
          <Text size="sm">{DAY_STATUS_LABELS[status].charAt(0).toUpperCase() + DAY_STATUS_LABELS[status].slice(1)}</Text>
        </Group>
      ))}
      <Text size="sm">Bordure en pointillés : jour modifié à la main · ★ : activité proposée</Text>
    </Group>
  );
}

function DayDialog({
  serviceId,
  periodId,
  day,
  activities,
  onClose,
  onChanged,
}: {
  serviceId: number;
  periodId: number;
  day: CalendarDayDto;
  activities: PeriodCalendarDto['activities'];
  onClose: () => void;
  onChanged: (day: CalendarDayDto, message: string) => void;
}) {
  const [note, setNote] = useState(day.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [chosen, setChosen] = useState<Map<number, string>>(
    () => new Map(day.activities.map((a) => [a.unitId, a.places === null ? '' : String(a.places)])),
  );
  const label = formatLongDate(day.date);
  const isOpen = day.status === 'open';

  async function act(send: () => Promise<CalendarDayDto>, message: (d: CalendarDayDto) => string) {
    setBusy(true);
    setError(null);
    try {
      const next = await send();
      onChanged(next, message(next));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  const setDay = (closed: boolean) =>
    act(
      () => servicesApi.setDay(serviceId, periodId, day.date, { closed, note: note.trim() === '' ? null : note.trim() }),
      (d) =>
        closed
          ? `Le ${label} est fermé.${d.bookings > 0 ? ` Attention : ${plural(d.bookings, 'réservation est', 'réservations sont')} à traiter ce jour-là.` : ''}`
          : `Le ${label} est ouvert.`,
    );

  const saveActivities = () =>
    act(
      () =>
        servicesApi.setActivities(
          serviceId,
          periodId,
          day.date,
          [...chosen.entries()].map(([unitId, places]) => ({
            unitId,
            places: places.trim() === '' ? null : /^\d+$/.test(places.trim()) ? Number(places.trim()) : places,
          })),
        ),
      () => `Les activités du ${label} sont enregistrées.`,
    );

  return (
    <Stack gap="md">
      <Text>
        {DAY_STATUS_LABELS[day.status].charAt(0).toUpperCase() + DAY_STATUS_LABELS[day.status].slice(1)}
        {day.holiday ? ` — ${day.holiday}` : ''}
        {day.manual ? ' (modifié à la main)' : ''}.
      </Text>
      {day.bookings > 0 && (
        <Alert color="yellow" variant="light" styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}>
          {plural(day.bookings, 'réservation', 'réservations')} ce jour-là : en le fermant, pensez à prévenir les familles.
        </Alert>
      )}
      <TextInput
        label={isOpen ? 'Motif de la fermeture (facultatif)' : 'Note (facultative)'}
        placeholder={isOpen ? 'Ex. : journée pédagogique' : 'Ex. : ouverture exceptionnelle'}
        value={note}
        maxLength={200}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={busy}>
          Annuler
        </Button>
        {isOpen ? (
          <Button color="red.9" loading={busy} onClick={() => void setDay(true)}>
            Fermer ce jour
          </Button>
        ) : (
          <Button loading={busy} onClick={() => void setDay(false)}>
            {day.status === 'closed' ? 'Rouvrir ce jour' : 'Ouvrir exceptionnellement ce jour'}
          </Button>
        )}
        {day.status === 'closed' && (
          <Button variant="default" loading={busy} onClick={() => void setDay(true)}>
            Enregistrer la note
          </Button>
        )}
      </Group>
      {isOpen && activities.length > 0 && (
        <Stack gap="xs" component="section" aria-label="Activités du jour">
          <Title order={3} size="h5">
            Activités proposées ce jour
          </Title>
          <Text size="sm" c="dimmed">
            Cochez les sorties et stages de la journée ; laissez les places vides pour ne pas les limiter.
          </Text>
          {activities.map((a) => {
            const places = chosen.get(a.id);
            return (
              <Group key={a.id} gap="sm" align="center" wrap="nowrap">
                <Checkbox
                  label={a.name}
                  checked={places !== undefined}
                  onChange={(event) => {
                    const next = new Map(chosen);
                    if (event.currentTarget.checked) next.set(a.id, '');
                    else next.delete(a.id);
                    setChosen(next);
                  }}
                  style={{ flex: 1 }}
                />
                <TextInput
                  aria-label={`Places : ${a.name}`}
                  placeholder="Places : sans limite"
                  inputMode="numeric"
                  w={170}
                  disabled={places === undefined}
                  value={places ?? ''}
                  onChange={(event) => {
                    const next = new Map(chosen);
                    next.set(a.id, event.currentTarget.value);
                    setChosen(next);
                  }}
                />
              </Group>
            );
          })}
          <Group justify="flex-end">
            <Button variant="default" loading={busy} onClick={() => void saveActivities()}>
              Enregistrer les activités
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function reportMessage(report: RegenerationReport): string {
  const parts = [`${plural(report.days, 'jour d’ouverture', 'jours d’ouverture')}`];
  parts.push(report.added.length > 0 ? plural(report.added.length, 'jour ajouté', 'jours ajoutés') : 'aucun jour ajouté');
  parts.push(report.removed.length > 0 ? plural(report.removed.length, 'jour retiré', 'jours retirés') : 'aucun jour retiré');
  if (report.keptEdited.length > 0) parts.push(`${plural(report.keptEdited.length, 'jour modifié à la main conservé', 'jours modifiés à la main conservés')}`);
  return `Jours d’ouverture régénérés : ${parts.join(', ')}.`;
}

export function OpeningDaysPage({ detail, reload: reloadService }: ServiceTabProps) {
  const params = useParams();
  const periodId = Number(params.periodId);
  const serviceId = detail.service.id;
  const load = useCallback(() => servicesApi.calendar(serviceId, periodId), [serviceId, periodId]);
  const { state, reload } = useResource(load);
  const [open, setOpen] = useState<CalendarDayDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [report, setReport] = useState<RegenerationReport | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!Number.isSafeInteger(periodId) || periodId <= 0) return <NotFoundPage />;
  const back = (
    <Anchor component={Link} to={`/services/${serviceId}/periodes`}>
      ← Retour aux périodes
    </Anchor>
  );
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={state.error} title="Jours d’ouverture indisponibles" />
      </Stack>
    );
  }
  const { period, days, activities, zone } = state.data;
  const openCount = days.filter((d) => d.status === 'open').length;
  const closedCount = days.filter((d) => d.status === 'closed').length;

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Jours d’ouverture — {period.name}
          </Title>
          <Text c="dimmed">
            Du {formatDate(period.startDate)} au {formatDate(period.endDate)} · {PATTERN_LABELS[period.dayPattern]} · zone {zone} ·{' '}
            {plural(openCount, 'jour ouvert', 'jours ouverts')}
            {closedCount > 0 ? `, ${plural(closedCount, 'fermé', 'fermés')}` : ''}
          </Text>
        </Stack>
        <Button variant="default" onClick={() => setConfirming(true)}>
          Régénérer
        </Button>
      </Group>
      <Text size="sm">Cliquez sur un jour pour le fermer (avec un motif), le rouvrir, l’ouvrir exceptionnellement ou y proposer une activité.</Text>
      <Legend />
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {report && (report.warnings.length > 0 || report.keptWithBookings.length > 0) && (
        <Alert color="yellow" variant="light" title="À vérifier" styles={{ title: { color: 'var(--mantine-color-yellow-9)' } }}>
          <ul style={{ margin: 0 }}>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
            {report.keptWithBookings.map((k) => (
              <li key={k.date}>
                Le {formatLongDate(k.date)} n’est plus dans le calendrier mais a {plural(k.bookings, 'réservation', 'réservations')} : il est
                conservé.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {months(days).map(([month, list]) => (
          <MonthGrid key={month} month={month} days={list} onOpen={setOpen} />
        ))}
      </SimpleGrid>

      <AppModal opened={open !== null} onClose={() => setOpen(null)} title={open ? formatLongDate(open.date) : ''} size="md">
        {open && (
          <DayDialog
            key={open.date}
            serviceId={serviceId}
            periodId={periodId}
            day={open}
            activities={activities.filter((a) => a.active || open.activities.some((x) => x.unitId === a.id))}
            onClose={() => setOpen(null)}
            onChanged={(_day, message) => {
              setOpen(null);
              setReport(null);
              setNotice(message);
              reload();
              reloadService();
            }}
          />
        )}
      </AppModal>

      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Régénérer les jours d’ouverture"
        confirmLabel="Régénérer"
        errorTitle="Régénération impossible"
        onConfirm={async () => {
          const result = await servicesApi.regenerate(serviceId, periodId);
          setConfirming(false);
          setReport(result);
          setNotice(reportMessage(result));
          reload();
          reloadService();
        }}
      >
        <Text>
          Les jours sont recalculés d’après les dates de la période, les vacances scolaires de la zone et les jours fériés. Les jours fermés,
          annotés ou ouverts à la main sont conservés tels quels, et un jour qui a des réservations n’est jamais retiré.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
