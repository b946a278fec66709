import { Alert, Button, Checkbox, Group, NativeSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { STAFF_REASON_MAX, STAFF_REASON_REQUIRED_MESSAGE, STAFF_REASON_TOO_LONG_MESSAGE } from '../../../../shared/schemas/staffBookings';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import {
  staffBookingsApi,
  type CatalogDto,
  type ChildPlanningDto,
  type RequestLineInput,
  type RequestRecapDto,
  type SubmittedRequestDto,
} from '../../staffBookingsApi';
import { formatEuros, RecapTable } from './FamilyBookingsRecap';

const LIVE = new Set(['pending', 'waitlisted', 'accepted', 'cancellation_pending']);
const WEEKDAYS: { value: number; label: string }[] = [
  { value: 1, label: 'Lundi' },
  { value: 2, label: 'Mardi' },
  { value: 3, label: 'Mercredi' },
  { value: 4, label: 'Jeudi' },
  { value: 5, label: 'Vendredi' },
  { value: 6, label: 'Samedi' },
];

/** ISO weekday of a `YYYY-MM-DD` (1 = Monday), computed in UTC so the machine's zone does not matter. */
function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function reasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return STAFF_REASON_REQUIRED_MESSAGE;
  if (trimmed.length > STAFF_REASON_MAX) return STAFF_REASON_TOO_LONG_MESSAGE;
  return null;
}

/**
 * The request's lines: every open day of the planning in the chosen dates (today or later) × the
 * chosen units offered that day, minus what the child already holds (the server would refuse the
 * whole request for one such line).
 */
export function linesFor(
  planning: ChildPlanningDto,
  unitIds: readonly number[],
  days: { from: string; to: string; weekdays: readonly number[] | null },
): RequestLineInput[] {
  const lines: RequestLineInput[] = [];
  for (const day of planning.days) {
    if (!day.open || day.date < planning.today || day.date < days.from || day.date > days.to) continue;
    if (days.weekdays && !days.weekdays.includes(weekday(day.date))) continue;
    for (const unitId of unitIds) {
      const offered = day.units.some((u) => u.unitId === unitId) || day.activities.some((a) => a.unitId === unitId);
      const held = day.bookings.some((b) => b.unitId === unitId && LIVE.has(b.status));
      if (offered && !held) lines.push({ action: 'book', childId: planning.child.id, date: day.date, unitId });
    }
  }
  return lines;
}

type Step = { kind: 'edit' } | { kind: 'recap'; lines: RequestLineInput[]; recap: RequestRecapDto };

/** « Réserver pour la famille »: child, service, period, units, one day or several, the reason; recap, then validation. */
export function FamilyBookingForm({
  familyId,
  defaultDate,
  onCancel,
  onDone,
}: {
  familyId: number;
  defaultDate: string;
  onCancel: () => void;
  onDone: (result: SubmittedRequestDto) => void;
}) {
  const [catalog, setCatalog] = useState<CatalogDto | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [childId, setChildId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [periodId, setPeriodId] = useState('');
  const [loaded, setLoaded] = useState<{ key: string; data: ChildPlanningDto | null; error: ApiError | null } | null>(null);
  const [unitIds, setUnitIds] = useState<number[]>([]);
  const [mode, setMode] = useState<'one' | 'several'>('one');
  const [date, setDate] = useState(defaultDate);
  const [from, setFrom] = useState(defaultDate);
  const [to, setTo] = useState(defaultDate);
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'edit' });

  useEffect(() => {
    let cancelled = false;
    staffBookingsApi.catalog(familyId).then(
      (data) => {
        if (cancelled) return;
        setCatalog(data);
        setChildId(data.children[0] ? String(data.children[0].id) : '');
      },
      (caught: unknown) => {
        if (!cancelled) setLoadError(toApiError(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [familyId]);

  const service = catalog?.services.find((s) => String(s.id) === serviceId) ?? null;

  // The planning of the chosen child × period; an answer for an earlier choice is ignored.
  const planningKey = childId !== '' && periodId !== '' ? `${childId}|${periodId}` : null;
  useEffect(() => {
    if (planningKey === null) return;
    let cancelled = false;
    staffBookingsApi.planning(familyId, Number(childId), Number(periodId)).then(
      (data) => {
        if (!cancelled) setLoaded({ key: planningKey, data, error: null });
      },
      (caught: unknown) => {
        if (!cancelled) setLoaded({ key: planningKey, data: null, error: toApiError(caught) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [familyId, childId, periodId, planningKey]);
  const current = loaded && loaded.key === planningKey ? loaded : null;
  const planning = current?.data ?? null;
  const planningError = current?.error ?? null;

  /** A new service: the period holding the chosen date is the likeliest, its first unit the usual one. */
  function chooseService(value: string) {
    setServiceId(value);
    const next = catalog?.services.find((s) => String(s.id) === value) ?? null;
    const target = mode === 'one' ? date : from;
    const period = next ? (next.periods.find((p) => p.startDate <= target && p.endDate >= target) ?? next.periods[0]) : undefined;
    setPeriodId(period ? String(period.id) : '');
    setUnitIds(next ? next.units.filter((u) => u.kind === 'accueil').slice(0, 1).map((u) => u.id) : []);
  }

  if (loadError) return <ErrorAlert error={loadError} title="Réservation impossible" />;
  if (!catalog) return <Loading label="Chargement des services…" />;
  if (catalog.children.length === 0) return <Text size="sm">Aucun enfant dans ce dossier.</Text>;

  function collect(): RequestLineInput[] | null {
    const found: Record<string, string> = {};
    if (serviceId === '') found.serviceId = 'Choisissez un service.';
    if (periodId === '') found.periodId = 'Choisissez une période.';
    if (unitIds.length === 0) found.unitIds = 'Cochez au moins un accueil.';
    const days = mode === 'one' ? { from: date, to: date, weekdays: null } : { from, to, weekdays };
    if (mode === 'one' && !date) found.date = 'Indiquez la date.';
    if (mode === 'several') {
      if (!from) found.from = 'Indiquez la date de début.';
      if (!to) found.to = 'Indiquez la date de fin.';
      if (from && to && from > to) found.to = 'La date de fin doit être après la date de début.';
      if (weekdays.length === 0) found.weekdays = 'Cochez au moins un jour de la semaine.';
    }
    const reasonError = reasonProblem(reason);
    if (reasonError) found.reason = reasonError;
    if (Object.keys(found).length === 0 && planning) {
      const lines = linesFor(planning, unitIds, days);
      if (lines.length === 0) {
        found.date =
          mode === 'one'
            ? 'Ce jour n’est pas un jour d’accueil de la période, ou l’enfant y est déjà inscrit (ou il est passé).'
            : 'Aucun jour d’accueil à réserver dans ces dates (jours fermés, passés ou déjà réservés).';
      }
      setProblems(found);
      return Object.keys(found).length === 0 ? lines : null;
    }
    setProblems(found);
    return null;
  }

  async function next(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const lines = collect();
    if (!lines) return;
    setBusy(true);
    try {
      const recap = await staffBookingsApi.preview(familyId, { lines, reason: reason.trim() });
      setStep({ kind: 'recap', lines, recap });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function validate(lines: RequestLineInput[]) {
    setError(null);
    setBusy(true);
    try {
      onDone(await staffBookingsApi.submit(familyId, { lines, reason: reason.trim() }));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  if (step.kind === 'recap') {
    return (
      <Stack gap="sm">
        <Text size="sm">
          Récapitulatif : la demande n’est pas encore enregistrée. Motif : <em>{reason.trim()}</em>
        </Text>
        <RecapTable lines={step.recap.lines} label="Récapitulatif de la demande" />
        <Text size="sm" fw={500}>
          Total des journées acceptées ou en attente : {formatEuros(step.recap.totalCents)}
        </Text>
        <Text size="xs" c="dimmed">
          La famille recevra un courriel avec l’état de chaque ligne.
        </Text>
        {error && <ErrorAlert error={error} title="Demande non enregistrée" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setStep({ kind: 'edit' })} disabled={busy}>
            Modifier
          </Button>
          <Button onClick={() => void validate(step.lines)} loading={busy}>
            Valider la demande
          </Button>
        </Group>
      </Stack>
    );
  }

  const accueils = service?.units.filter((u) => u.kind === 'accueil') ?? [];
  const activities = service?.units.filter((u) => u.kind === 'activite') ?? [];
  const toggleUnit = (id: number, checked: boolean) =>
    setUnitIds((current) => (checked ? [...current.filter((u) => u !== id), id] : current.filter((u) => u !== id)));

  return (
    <form onSubmit={(event) => void next(event)} noValidate aria-label="Réserver pour la famille">
      <Stack gap="sm">
        <Group align="flex-start" gap="md" wrap="wrap">
          <NativeSelect
            label="Enfant"
            value={childId}
            onChange={(event) => setChildId(event.currentTarget.value)}
            data={catalog.children.map((c) => ({ value: String(c.id), label: `${c.firstName} ${c.lastName}` }))}
            style={{ flex: '1 1 180px' }}
          />
          <NativeSelect
            label="Service"
            value={serviceId}
            onChange={(event) => chooseService(event.currentTarget.value)}
            data={[{ value: '', label: 'Choisir un service' }, ...catalog.services.map((s) => ({ value: String(s.id), label: s.name }))]}
            error={problems.serviceId}
            style={{ flex: '1 1 200px' }}
          />
          <NativeSelect
            label="Période"
            value={periodId}
            onChange={(event) => setPeriodId(event.currentTarget.value)}
            data={[{ value: '', label: 'Choisir une période' }, ...(service?.periods ?? []).map((p) => ({ value: String(p.id), label: p.name }))]}
            error={problems.periodId}
            disabled={!service}
            style={{ flex: '1 1 200px' }}
          />
        </Group>
        {service && (
          <Checkbox.Group label="Accueils" value={unitIds.map(String)} error={problems.unitIds}>
            <Group gap="md" mt={4}>
              {[...accueils, ...activities].map((u) => (
                <Checkbox
                  key={u.id}
                  value={String(u.id)}
                  label={u.kind === 'activite' ? `${u.name} (activité)` : u.name}
                  checked={unitIds.includes(u.id)}
                  onChange={(event) => toggleUnit(u.id, event.currentTarget.checked)}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value === 'several' ? 'several' : 'one')}
          data={[
            { value: 'one', label: 'Une journée' },
            { value: 'several', label: 'Plusieurs jours' },
          ]}
          aria-label="Journées"
          style={{ alignSelf: 'flex-start' }}
        />
        {mode === 'one' ? (
          <TextInput type="date" label="Date" value={date} onChange={(event) => setDate(event.currentTarget.value)} error={problems.date} style={{ maxWidth: 220 }} />
        ) : (
          <>
            <Group align="flex-start" gap="md" wrap="wrap">
              <TextInput type="date" label="Du" value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={problems.from} />
              <TextInput type="date" label="Au" value={to} onChange={(event) => setTo(event.currentTarget.value)} error={problems.to ?? problems.date} />
            </Group>
            <Checkbox.Group label="Les jours" value={weekdays.map(String)} onChange={(values) => setWeekdays(values.map(Number))} error={problems.weekdays}>
              <Group gap="md" mt={4}>
                {WEEKDAYS.map((d) => (
                  <Checkbox key={d.value} value={String(d.value)} label={d.label} />
                ))}
              </Group>
            </Checkbox.Group>
          </>
        )}
        {planningError && <ErrorAlert error={planningError} title="Planning indisponible" />}
        {service && periodId !== '' && !planning && !planningError && <Loading label="Chargement du planning…" />}
        <Textarea
          label="Motif (conservé dans l’historique)"
          description="Besoin imprévisible, demande faite à l’accueil ou par téléphone…"
          required
          autosize
          minRows={2}
          maxLength={STAFF_REASON_MAX + 50}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problems.reason}
        />
        <Text size="xs" c="dimmed">
          Le service réserve sans délai ni majoration ; les places restent comptées (au-delà, la ligne est refusée ou mise en liste d’attente).
        </Text>
        {error && <ErrorAlert error={error} title="Demande impossible" />}
        {Object.keys(problems).length > 0 && (
          <Alert color="red" variant="light" role="alert" styles={{ title: { color: 'var(--mantine-color-red-9)' } }}>
            Corrigez les champs signalés.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Fermer
          </Button>
          <Button type="submit" loading={busy} disabled={!planning}>
            Suivant
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** « Annuler la sélection »: the reason, whether the days stay billed; recap, then validation. */
export function FamilyCancelForm({
  familyId,
  bookingIds,
  onCancel,
  onDone,
}: {
  familyId: number;
  bookingIds: number[];
  onCancel: () => void;
  onDone: (result: SubmittedRequestDto) => void;
}) {
  const [reason, setReason] = useState('');
  const [billed, setBilled] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [recap, setRecap] = useState<RequestRecapDto | null>(null);
  const lines: RequestLineInput[] = bookingIds.map((bookingId) => ({ action: 'cancel', bookingId }));

  async function next(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = reasonProblem(reason);
    setProblem(found);
    if (found) return;
    setBusy(true);
    try {
      setRecap(await staffBookingsApi.preview(familyId, { lines, reason: reason.trim(), billed }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function validate() {
    setError(null);
    setBusy(true);
    try {
      onDone(await staffBookingsApi.submit(familyId, { lines, reason: reason.trim(), billed }));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  if (recap) {
    return (
      <Stack gap="sm">
        <Text size="sm">
          Récapitulatif : l’annulation n’est pas encore enregistrée. Motif : <em>{reason.trim()}</em>
        </Text>
        <RecapTable lines={recap.lines} label="Récapitulatif de l’annulation" />
        {error && <ErrorAlert error={error} title="Annulation non enregistrée" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRecap(null)} disabled={busy}>
            Modifier
          </Button>
          <Button color="red.9" onClick={() => void validate()} loading={busy}>
            Valider l’annulation
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(event) => void next(event)} noValidate aria-label="Annuler pour la famille">
      <Stack gap="sm">
        <Text size="sm">
          {bookingIds.length === 1 ? '1 réservation sélectionnée.' : `${bookingIds.length} réservations sélectionnées.`} Le service annule sans
          délai, y compris les réservations définitives des vacances.
        </Text>
        <Textarea
          label="Motif (conservé dans l’historique)"
          required
          autosize
          minRows={2}
          maxLength={STAFF_REASON_MAX + 50}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problem}
        />
        <Checkbox label="Les journées annulées restent facturées" checked={billed} onChange={(event) => setBilled(event.currentTarget.checked)} />
        {error && <ErrorAlert error={error} title="Annulation impossible" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Fermer
          </Button>
          <Button type="submit" loading={busy}>
            Suivant
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
