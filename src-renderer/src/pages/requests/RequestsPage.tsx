import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { refusalReasonSchema } from '../../../../shared/schemas/processing';
import { toApiError, type ApiError } from '../../api';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format';
import {
  requestsApi,
  type DecisionResult,
  type LineRef,
  type ProcessingFilters,
  type ProcessingLine,
  type ProcessingOptions,
} from '../../requestsApi';
import { useResource } from '../../useResource';

const OTHER_REASON = '__other__';

function weekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString('fr-FR', { weekday: 'long' });
}

const lineName = (l: ProcessingLine): string => `n° ${l.bookingId} (${l.childName}, ${formatDate(l.date)})`;

function PlacesBadge({ left }: { left: number | null }) {
  // Dot badges: the light variant's text falls below 4.5:1 on its tint.
  if (left === null) return <Badge variant="dot" color="gray" tt="none">Sans limite</Badge>;
  if (left <= 0) return <Badge variant="dot" color="red" tt="none">Complet</Badge>;
  return (
    <Badge variant="dot" color={left <= 2 ? 'orange' : 'green'} tt="none">
      {left === 1 ? '1 place' : `${left} places`}
    </Badge>
  );
}

function KindCell({ line }: { line: ProcessingLine }) {
  if (line.kind === 'cancel') {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>Annulation demandée</Text>
        <Text size="xs" c="dimmed">{line.stillBilledIfCancelled ? `Reste facturée : ${line.reason ?? 'hors délai'}` : 'Non facturée'}</Text>
      </Stack>
    );
  }
  if (line.status === 'waitlisted') {
    return (
      <Stack gap={2}>
        <Text size="sm">Liste d’attente</Text>
        {line.offerExpiresAt && <Text size="xs" fw={600}>Place proposée jusqu’au {formatDateTime(line.offerExpiresAt)}</Text>}
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Text size="sm">Réservation</Text>
      {line.reason && <Text size="xs" c="dimmed">{line.reason}</Text>}
    </Stack>
  );
}

function LinesTable({
  lines,
  label,
  selected,
  onToggle,
  onToggleAll,
  onAccept,
  onRefuse,
}: {
  lines: ProcessingLine[];
  label: string;
  selected: Set<number>;
  onToggle: (id: number) => void;
  onToggleAll: (ids: number[], on: boolean) => void;
  onAccept: (lines: ProcessingLine[]) => void;
  onRefuse: (lines: ProcessingLine[]) => void;
}) {
  const ids = lines.map((l) => l.bookingId);
  const chosen = ids.filter((id) => selected.has(id)).length;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover withTableBorder aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Checkbox
                aria-label={`Tout sélectionner : ${label}`}
                checked={chosen > 0 && chosen === ids.length}
                indeterminate={chosen > 0 && chosen < ids.length}
                onChange={(event) => onToggleAll(ids, event.currentTarget.checked)}
              />
            </Table.Th>
            <Table.Th>Arrivée</Table.Th>
            <Table.Th>Enfant</Table.Th>
            <Table.Th>Famille</Table.Th>
            <Table.Th>Jour</Table.Th>
            <Table.Th>Service et accueil</Table.Th>
            <Table.Th>Groupe</Table.Th>
            <Table.Th>Places restantes</Table.Th>
            <Table.Th>Demande</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.bookingId} data-testid={`line-${line.bookingId}`}>
              <Table.Td>
                <Checkbox
                  aria-label={`Sélectionner la ligne ${lineName(line)}`}
                  checked={selected.has(line.bookingId)}
                  onChange={() => onToggle(line.bookingId)}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(line.arrivedAt)}</Text>
                {line.requestId !== null && <Text size="xs" c="dimmed">Demande n° {line.requestId}</Text>}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>{line.childName}</Text>
                <Text size="xs" c="dimmed">{line.age} ans ce jour-là</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/familles/${line.familyId}`} size="sm">
                  {line.familyName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(line.date)}</Text>
                <Text size="xs" c="dimmed">{weekday(line.date)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{line.serviceName}</Text>
                <Text size="xs" c="dimmed">{line.unitName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{line.groupName ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <PlacesBadge left={line.placesLeft} />
              </Table.Td>
              <Table.Td>
                <KindCell line={line} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" onClick={() => onAccept([line])} aria-label={`Accepter la ligne ${lineName(line)}`}>
                    Accepter
                  </Button>
                  <Button size="xs" variant="default" onClick={() => onRefuse([line])} aria-label={`Refuser la ligne ${lineName(line)}`}>
                    Refuser
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RefuseModal({
  lines,
  options,
  onClose,
  onDone,
}: {
  lines: ProcessingLine[];
  options: ProcessingOptions;
  onClose: () => void;
  onDone: (result: DecisionResult) => void;
}) {
  const cancellations = lines.every((l) => l.kind === 'cancel');
  const [choice, setChoice] = useState(cancellations ? (options.reasons.find((r) => r.startsWith('Annulation')) ?? OTHER_REASON) : (options.reasons[0] ?? OTHER_REASON));
  const [text, setText] = useState(choice === OTHER_REASON ? '' : choice);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = refusalReasonSchema.safeParse(text);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Motif invalide.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await requestsApi.refuse(lines.map(ref), parsed.data));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AppModal opened onClose={onClose} title={lines.length === 1 ? 'Refuser la ligne' : `Refuser ${lines.length} lignes`} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {lines.length === 1 && lines[0] ? `Ligne ${lineName(lines[0])}.` : `${lines.length} lignes sélectionnées.`} La famille recevra un e-mail avec ce motif.
          </Text>
          <NativeSelect
            label="Motif"
            value={choice}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setChoice(value);
              setText(value === OTHER_REASON ? '' : value);
              setFieldError(null);
            }}
            data={[...options.reasons.map((r) => ({ value: r, label: r })), { value: OTHER_REASON, label: 'Autre motif (texte libre)' }]}
          />
          <Textarea
            label="Motif du refus"
            description={`Tel que la famille le lira (${text.length} / ${options.reasonMaxLength} caractères).`}
            value={text}
            autosize
            minRows={2}
            error={fieldError}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setFieldError(null);
            }}
          />
          {error && <ErrorAlert error={error} title="Refus impossible" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Annuler
            </Button>
            <Button type="submit" color="red" loading={busy}>
              Refuser
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

const ref = (l: ProcessingLine): LineRef => ({ bookingId: l.bookingId, version: l.version });
const toNumber = (value: string): number | undefined => (value === '' ? undefined : Number(value));

function Filters({ options, filters, onChange }: { options: ProcessingOptions; filters: ProcessingFilters; onChange: (f: ProcessingFilters) => void }) {
  const service = options.services.find((s) => s.id === filters.serviceId);
  return (
    <Group align="flex-end" gap="md" wrap="wrap" role="search" aria-label="Filtres des demandes">
      <NativeSelect
        label="Service"
        value={filters.serviceId === undefined ? '' : String(filters.serviceId)}
        onChange={(event) => onChange({ ...filters, serviceId: toNumber(event.currentTarget.value), periodId: undefined, groupId: undefined })}
        data={[{ value: '', label: 'Tous les services' }, ...options.services.map((s) => ({ value: String(s.id), label: s.name }))]}
      />
      <NativeSelect
        label="Période"
        disabled={!service}
        value={filters.periodId === undefined ? '' : String(filters.periodId)}
        onChange={(event) => onChange({ ...filters, periodId: toNumber(event.currentTarget.value) })}
        data={[{ value: '', label: 'Toutes les périodes' }, ...(service?.periods ?? []).map((p) => ({ value: String(p.id), label: p.name }))]}
      />
      <NativeSelect
        label="Groupe"
        disabled={!service}
        value={filters.groupId === undefined ? '' : String(filters.groupId)}
        onChange={(event) => onChange({ ...filters, groupId: toNumber(event.currentTarget.value) })}
        data={[{ value: '', label: 'Tous les groupes' }, ...(service?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))]}
      />
      <TextInput
        label="Jour"
        type="date"
        value={filters.date ?? ''}
        onChange={(event) => onChange({ ...filters, date: event.currentTarget.value || undefined })}
      />
      <Button variant="subtle" onClick={() => onChange({})}>
        Effacer les filtres
      </Button>
    </Group>
  );
}

/** « Demandes »: the lines waiting for staff, in arrival order, with the places left; accept or refuse. */
export function RequestsPage() {
  const [filters, setFilters] = useState<ProcessingFilters>({});
  const loadOptions = useCallback(() => requestsApi.options(), []);
  const options = useResource(loadOptions);
  const loadList = useCallback(() => requestsApi.list(filters), [filters]);
  const list = useResource(loadList);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [accepting, setAccepting] = useState<ProcessingLine[] | null>(null);
  const [refusing, setRefusing] = useState<ProcessingLine[] | null>(null);
  const [notice, setNotice] = useState<{ message: string; details: string[] } | null>(null);

  const all = useMemo(() => (list.state.status === 'ready' ? [...list.state.data.lines, ...list.state.data.waitlisted] : []), [list.state]);
  const chosen = all.filter((l) => selected.has(l.bookingId));

  function toggle(id: number) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }
  function toggleAll(ids: number[], on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }
  function done(result: DecisionResult) {
    setAccepting(null);
    setRefusing(null);
    setSelected(new Set());
    setNotice({ message: result.message, details: result.notAccepted.map((n) => n.message) });
    list.reload();
  }
  function changeFilters(next: ProcessingFilters) {
    setFilters(next);
    setSelected(new Set());
  }

  return (
    <Stack gap="lg">
      <PageTitle
        title="Demandes"
        description="Les demandes des familles à traiter, dans l’ordre d’arrivée, avec les places restantes du jour pour le groupe de l’enfant. La famille reçoit un e-mail par décision."
        actions={
          <Button component={Link} to="taches" variant="default">
            Tâches planifiées
          </Button>
        }
      />
      {options.state.status === 'error' && <ErrorAlert error={options.state.error} title="Filtres indisponibles" />}
      {options.state.status === 'ready' && <Filters options={options.state.data} filters={filters} onChange={changeFilters} />}
      {notice && (
        <Stack gap="xs">
          <Notice message={notice.message} onClose={() => setNotice(null)} />
          {notice.details.length > 0 && (
            <ul aria-label="Lignes non acceptées">
              {notice.details.map((d) => (
                <li key={d}>
                  <Text size="sm">{d}</Text>
                </li>
              ))}
            </ul>
          )}
        </Stack>
      )}
      <Group gap="sm" role="toolbar" aria-label="Actions sur la sélection">
        <Text size="sm" aria-live="polite">
          {chosen.length === 0 ? 'Aucune ligne sélectionnée.' : chosen.length === 1 ? '1 ligne sélectionnée.' : `${chosen.length} lignes sélectionnées.`}
        </Text>
        <Button disabled={chosen.length === 0} onClick={() => setAccepting(chosen)}>
          Accepter la sélection
        </Button>
        <Button variant="default" disabled={chosen.length === 0} onClick={() => setRefusing(chosen)}>
          Refuser la sélection
        </Button>
      </Group>
      {list.state.status === 'loading' && <Loading />}
      {list.state.status === 'error' && <ErrorAlert error={list.state.error} title="Demandes indisponibles" />}
      {list.state.status === 'ready' && (
        <>
          {list.state.data.truncated && <Text c="dimmed">Seules les 1000 premières lignes sont affichées : précisez les filtres.</Text>}
          <Stack gap="xs">
            <Title order={2} size="h3">
              À traiter ({list.state.data.lines.length})
            </Title>
            {list.state.data.lines.length === 0 ? (
              <Text c="dimmed">Aucune demande en attente de traitement.</Text>
            ) : (
              <LinesTable
                lines={list.state.data.lines}
                label="Demandes à traiter"
                selected={selected}
                onToggle={toggle}
                onToggleAll={toggleAll}
                onAccept={setAccepting}
                onRefuse={setRefusing}
              />
            )}
          </Stack>
          <Stack gap="xs">
            <Title order={2} size="h3">
              Liste d’attente ({list.state.data.waitlisted.length})
            </Title>
            {list.state.data.waitlisted.length === 0 ? (
              <Text c="dimmed">Personne sur liste d’attente.</Text>
            ) : (
              <LinesTable
                lines={list.state.data.waitlisted}
                label="Liste d’attente"
                selected={selected}
                onToggle={toggle}
                onToggleAll={toggleAll}
                onAccept={setAccepting}
                onRefuse={setRefusing}
              />
            )}
          </Stack>
        </>
      )}
      {accepting && (
        <ConfirmModal
          opened
          onClose={() => setAccepting(null)}
          title={accepting.length === 1 ? 'Accepter la ligne' : `Accepter ${accepting.length} lignes`}
          confirmLabel="Accepter"
          errorTitle="Acceptation impossible"
          focusConfirm
          onConfirm={async () => done(await requestsApi.accept(accepting.map(ref)))}
        >
          <Text size="sm">
            {accepting.length === 1 && accepting[0]
              ? `Ligne ${lineName(accepting[0])} : ${accepting[0].kind === 'cancel' ? 'l’annulation sera confirmée' : 'la réservation sera acceptée si une place reste'}.`
              : `Les réservations sont acceptées dans l’ordre d’arrivée tant qu’il reste des places ; les annulations sont confirmées.`}{' '}
            La famille recevra un e-mail.
          </Text>
        </ConfirmModal>
      )}
      {refusing && options.state.status === 'ready' && (
        <RefuseModal lines={refusing} options={options.state.data} onClose={() => setRefusing(null)} onDone={done} />
      )}
    </Stack>
  );
}
