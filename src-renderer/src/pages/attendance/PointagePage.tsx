/**
 * Pointage on screen, made for a tablet held in one hand: one list (service, day, accueil, group),
 * one big button per child for présent / absent, the reason of an absence in one more tap, and
 * « présent non inscrit » in two. Each tap is saved at once; the screen shows it before the
 * server answers and puts it back, with the reason, if the server refuses.
 */
import { Alert, Badge, Box, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { attendanceApi, sheetsUrl, type AttendanceService, type ChildCandidate, type DayList, type ListEntry } from '../../attendanceApi';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format';
import { useResource } from '../../useResource';
import { JUSTIFICATION_LABELS, type AttendanceStateInput, type JustificationInput } from '../../../../shared/schemas/attendance';
import { PdfModal, usePdf } from './PdfViewer';

type Child = DayList['children'][number];

const JUSTIFICATION_SHORT: Record<JustificationInput, string> = {
  illness: 'Maladie',
  illness_certificate: 'Certificat',
  school: 'École',
  other: 'Autre',
};

const DIET_LABELS: Record<Child['diet'], string | null> = {
  standard: null,
  sans_porc: 'Sans porc',
  vegetarien: 'Végétarien',
  sans_gluten: 'Sans gluten',
  autre: 'Régime',
};

const REFRESH_MS = 30_000;

function Flags({ child, entry }: { child: Child; entry: ListEntry }) {
  const diet = DIET_LABELS[child.diet];
  return (
    <Group gap={6} wrap="wrap">
      {child.hasPai && (
        <Badge color="red.9" variant="filled" title={child.paiDetails ?? undefined}>
          PAI
        </Badge>
      )}
      {child.allergies && (
        <Badge color="red" variant="outline" styles={{ label: { color: 'var(--mantine-color-red-9)' } }}>
          Allergie : {child.allergies}
        </Badge>
      )}
      {diet && <Badge color="gray" variant="outline" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{diet}</Badge>}
      {child.mayLeaveAlone && <Badge color="gray" variant="outline" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>Part seul</Badge>}
      {!child.imageRights && <Badge color="gray" variant="outline" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>Pas de photo</Badge>}
      {entry.booking?.status === 'pending' && <Badge color="yellow" variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>Demande en attente</Badge>}
      {entry.booking === null && <Badge color="blue" variant="light" styles={{ label: { color: 'var(--mantine-color-blue-9)' } }}>Non inscrit</Badge>}
    </Group>
  );
}

function ChildRow({
  child,
  entry,
  tickable,
  saving,
  onTick,
  onRemove,
}: {
  child: Child;
  entry: ListEntry;
  tickable: boolean;
  saving: boolean;
  onTick: (state: AttendanceStateInput, justification: JustificationInput | null) => void;
  onRemove: () => void;
}) {
  const state = entry.attendance?.state ?? null;
  const absent = state === 'absent_justified' || state === 'absent_unjustified';
  const name = `${child.firstName} ${child.lastName}`;
  const disabled = !tickable || saving;
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`child-${child.childId}`} aria-busy={saving}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 220px', minWidth: 0 }}>
            <Text fw={700} size="lg">
              {name}
            </Text>
            <Text size="sm" c="dimmed">
              {child.age} ans{child.classLevel ? ` · ${child.classLevel}` : ''}
              {entry.attendance ? ` · ${entry.attendance.label}` : ' · à pointer'}
            </Text>
            <Flags child={child} entry={entry} />
          </Stack>
          {entry.booking === null ? (
            <Group gap="sm">
              <Badge size="xl" color="teal.9" variant="filled">
                Présent non inscrit
              </Badge>
              <Button size="lg" variant="default" disabled={disabled || !entry.attendance} onClick={onRemove} aria-label={`Retirer ${name} de la liste`}>
                Retirer
              </Button>
            </Group>
          ) : (
            <Group gap="sm" role="group" aria-label={`Présence de ${name}`}>
              <Button
                size="lg"
                miw={120}
                color="teal.9"
                variant={state === 'present' ? 'filled' : 'default'}
                aria-pressed={state === 'present'}
                disabled={disabled}
                onClick={() => onTick('present', null)}
              >
                Présent
              </Button>
              <Button
                size="lg"
                miw={120}
                color="red.9"
                variant={absent ? 'filled' : 'default'}
                aria-pressed={absent}
                disabled={disabled}
                onClick={() => {
                  if (!absent) onTick('absent_unjustified', null);
                }}
              >
                Absent
              </Button>
            </Group>
          )}
        </Group>
        {absent && (
          <Group gap="xs" role="group" aria-label={`Motif de l’absence de ${name}`} wrap="wrap">
            <Button
              size="md"
              variant={state === 'absent_unjustified' ? 'filled' : 'default'}
              color="dark"
              aria-pressed={state === 'absent_unjustified'}
              disabled={disabled}
              onClick={() => onTick('absent_unjustified', null)}
            >
              Non justifiée
            </Button>
            {(Object.keys(JUSTIFICATION_SHORT) as JustificationInput[]).map((j) => {
              const on = state === 'absent_justified' && entry.attendance?.justification === j;
              return (
                <Button
                  key={j}
                  size="md"
                  color="dark"
                  variant={on ? 'filled' : 'default'}
                  aria-pressed={on}
                  title={JUSTIFICATION_LABELS[j]}
                  aria-label={`Justifiée : ${JUSTIFICATION_LABELS[j]}`}
                  disabled={disabled}
                  onClick={() => onTick('absent_justified', j)}
                >
                  {JUSTIFICATION_SHORT[j]}
                </Button>
              );
            })}
          </Group>
        )}
        {child.guardians.length > 0 && (
          <details>
            <summary style={{ cursor: 'pointer', minHeight: 32 }}>
              <Text span size="sm">
                Parents ({child.guardians.length})
              </Text>
            </summary>
            <Stack gap={2} mt={4}>
              {child.guardians.map((g, i) => (
                <Text key={i} size="sm">
                  {g.name} —{' '}
                  {g.phone ? (
                    <>
                      <a href={`tel:${g.phone.replace(/\s/g, '')}`}>{g.phone}</a>
                      {g.landline ? ' (fixe)' : ''}
                    </>
                  ) : (
                    'pas de téléphone'
                  )}
                </Text>
              ))}
            </Stack>
          </details>
        )}
        {child.authorizedPersons.length > 0 && (
          <details>
            <summary style={{ cursor: 'pointer', minHeight: 32 }}>
              <Text span size="sm">
                Personnes autorisées ({child.authorizedPersons.length})
              </Text>
            </summary>
            <Stack gap={2} mt={4}>
              {child.authorizedPersons.map((p, i) => (
                <Text key={i} size="sm">
                  {p.name} ({p.relationship}) — <a href={`tel:${p.mobile.replace(/\s/g, '')}`}>{p.mobile}</a>
                </Text>
              ))}
            </Stack>
          </details>
        )}
      </Stack>
    </Paper>
  );
}

function AddUnbooked({
  serviceId,
  date,
  onAdd,
}: {
  serviceId: number;
  date: string;
  onAdd: (candidate: ChildCandidate) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ChildCandidate[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open || q.trim().length < 2) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      attendanceApi.searchChildren(serviceId, q.trim(), date, controller.signal).then(
        (res) => {
          setError(null);
          setResults(res.children);
        },
        (e: unknown) => {
          const err = toApiError(e);
          if (err.code !== 'aborted') setError(err);
        },
      );
    }, 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [open, q, serviceId, date]);

  // Results of an older, longer query are not shown once the text is too short.
  const shown = q.trim().length >= 2 ? results : [];
  if (!open) {
    return (
      <Button size="lg" variant="light" onClick={() => setOpen(true)}>
        Ajouter un présent non inscrit
      </Button>
    );
  }
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Présent non inscrit
        </Title>
        <TextInput
          size="lg"
          label="Nom ou prénom de l’enfant"
          description="Enfants des familles qui utilisent ce service."
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
          autoFocus
        />
        {error && <ErrorAlert error={error} />}
        {q.trim().length >= 2 && shown.length === 0 && !error && <Text c="dimmed">Aucun enfant trouvé.</Text>}
        <Stack gap="xs">
          {shown.map((c) => (
            <Button
              key={`${c.childId}-${c.familyId}`}
              size="lg"
              variant="default"
              justify="flex-start"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                onAdd(c)
                  .then(() => {
                    setOpen(false);
                    setQ('');
                  })
                  .finally(() => setBusy(false));
              }}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
            >
              {c.firstName} {c.lastName} — {c.age} ans{c.classLevel ? `, ${c.classLevel}` : ''} ({c.familyLabel})
            </Button>
          ))}
        </Stack>
        <Group>
          <Button size="md" variant="subtle" onClick={() => setOpen(false)}>
            Fermer
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Counters({ entries }: { entries: ListEntry[] }) {
  const present = entries.filter((e) => e.attendance?.state === 'present' || e.attendance?.state === 'present_unbooked').length;
  const absent = entries.filter((e) => e.attendance?.state === 'absent_justified' || e.attendance?.state === 'absent_unjustified').length;
  const todo = entries.filter((e) => !e.attendance).length;
  return (
    <Text fw={600} aria-live="polite" data-testid="counters">
      {present} présent{present > 1 ? 's' : ''} · {absent} absent{absent > 1 ? 's' : ''} · {todo} à pointer
    </Text>
  );
}

function DayListView({
  service,
  date,
  unitId,
  groupId,
}: {
  service: AttendanceService;
  date: string;
  unitId: number;
  groupId: number | undefined;
}) {
  const filter = useMemo(() => ({ serviceId: service.id, date, unitId, groupId }), [service.id, date, unitId, groupId]);
  const [list, setList] = useState<DayList | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pdf = usePdf();

  // The server is the truth: the list is read when shown, after a conflict, and now and then
  // while nothing is being saved (other animators tick too).
  const reload = useCallback(() => {
    attendanceApi.day(filter).then(
      (data) => {
        setLoadError(null);
        setList(data);
      },
      (e: unknown) => setLoadError(toApiError(e)),
    );
  }, [filter]);
  useEffect(() => {
    reload();
  }, [reload]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (saving.size === 0 && document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload, saving]);

  const replaceEntry = (childId: number, entry: ListEntry | null) => {
    setList((current) => {
      if (!current) return current;
      const same = (e: ListEntry) => e.childId === childId && e.unitId === unitId;
      const entries = entry
        ? current.entries.some(same)
          ? current.entries.map((e) => (same(e) ? entry : e))
          : [...current.entries, entry]
        : current.entries.filter((e) => !same(e));
      return { ...current, entries };
    });
  };

  const save = async (childId: number, run: () => Promise<ListEntry | null>, optimistic: ListEntry | null, before: ListEntry | null) => {
    setMessage(null);
    setNotice(null);
    setSaving((s) => new Set(s).add(childId));
    if (optimistic) replaceEntry(childId, optimistic);
    try {
      const fresh = await run();
      replaceEntry(childId, fresh);
    } catch (e) {
      const error = toApiError(e);
      // Rolled back to what the server had; a conflict reloads the list as it is now.
      if (before) replaceEntry(childId, before);
      else replaceEntry(childId, null);
      setMessage(error);
      if (error.status === 409) reload();
    } finally {
      setSaving((s) => {
        const next = new Set(s);
        next.delete(childId);
        return next;
      });
    }
  };

  const tick = (entry: ListEntry, next: AttendanceStateInput, justification: JustificationInput | null) => {
    const optimistic: ListEntry = {
      ...entry,
      attendance: {
        state: next,
        justification,
        label: next === 'present' ? 'Présent' : next === 'absent_justified' && justification ? `Absent : ${JUSTIFICATION_LABELS[justification].toLowerCase()}` : 'Absent (non justifié)',
        version: entry.attendance?.version ?? 0,
        recordedAt: new Date().toISOString(),
        recordedBy: null,
      },
    };
    void save(
      entry.childId,
      () => attendanceApi.tick(date, unitId, entry.childId, { state: next, justification, version: entry.attendance?.version ?? null }),
      optimistic,
      entry,
    );
  };

  const addUnbooked = async (c: ChildCandidate) => {
    if (list?.entries.some((e) => e.childId === c.childId && e.unitId === unitId)) {
      setNotice(`${c.firstName} ${c.lastName} est déjà sur la liste.`);
      return;
    }
    await save(c.childId, () => attendanceApi.tick(date, unitId, c.childId, { state: 'present_unbooked', familyId: c.familyId, version: null }), null, null);
    // The new child's card comes with the list.
    reload();
    setNotice(`${c.firstName} ${c.lastName} est ajouté(e) comme présent non inscrit.`);
  };

  if (loadError && !list) return <ErrorAlert error={loadError} title="Liste indisponible" />;
  if (!list) return <Loading label="Chargement de la liste…" />;
  const cards = new Map(list.children.map((c) => [c.childId, c]));
  const entries = list.entries.filter((e) => e.unitId === unitId);
  const unit = list.units.find((u) => u.id === unitId);
  const group = list.groups.find((g) => g.id === groupId);
  const title = `${service.name} — ${unit?.name ?? ''}${group ? ` — ${group.name}` : ''} — ${formatDate(date)}`;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Counters entries={entries} />
        <Group gap="sm">
          <Button
            size="md"
            variant="default"
            onClick={() => pdf.open({ url: sheetsUrl(filter), title: `Feuille de présence — ${title}`, fileName: `presences-${date}.pdf` })}
          >
            Imprimer la feuille
          </Button>
          <Button
            size="md"
            variant="default"
            onClick={() => pdf.open({ url: sheetsUrl({ serviceId: service.id, date }), title: `Feuilles de présence — ${service.name} — ${formatDate(date)}`, fileName: `presences-${date}.pdf` })}
          >
            Imprimer tout le service
          </Button>
        </Group>
      </Group>
      {!list.tickable && (
        <Alert color="blue" title="Jour à venir" styles={{ title: { color: 'var(--mantine-color-blue-9)' } }}>
          Ce jour n’est pas encore arrivé : la liste peut être imprimée, pas encore pointée.
        </Alert>
      )}
      <Box aria-live="assertive">
        {message && <ErrorAlert error={message} title={message.status === 409 ? 'Pointage modifié entre-temps' : 'Pointage non enregistré'} />}
        {notice && (
          <Alert color="green" title="C’est noté" role="status" styles={{ title: { color: 'var(--mantine-color-green-9)' } }}>
            {notice}
          </Alert>
        )}
      </Box>
      {entries.length === 0 && <Text c="dimmed">Aucun enfant inscrit sur cette liste.</Text>}
      <Stack gap="sm" aria-label={`Liste : ${title}`}>
        {entries.map((entry) => {
          const child = cards.get(entry.childId);
          if (!child) return null;
          return (
            <ChildRow
              key={`${entry.childId}-${entry.unitId}`}
              child={child}
              entry={entry}
              tickable={list.tickable}
              saving={saving.has(entry.childId)}
              onTick={(next, j) => tick(entry, next, j)}
              onRemove={() => {
                const version = entry.attendance?.version;
                if (version === undefined) return;
                void save(entry.childId, () => attendanceApi.untick(date, unitId, entry.childId, version).then((r) => r.entry), null, entry);
              }}
            />
          );
        })}
      </Stack>
      {list.tickable && <AddUnbooked serviceId={service.id} date={date} onAdd={addUnbooked} />}
      <PdfModal pdf={pdf.pdf} onClose={pdf.close} />
    </Stack>
  );
}

export function PointagePage() {
  const { state } = useResource(attendanceApi.services);
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [groupId, setGroupId] = useState<number | undefined>(undefined);

  if (state.status === 'loading') return <Loading label="Chargement des services…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Présences indisponibles" />;
  const { services, today } = state.data;
  const service = services.find((s) => s.id === serviceId) ?? services[0];
  const day = date ?? today;
  const unit = service?.units.find((u) => u.id === unitId) ?? service?.units[0];

  return (
    <Stack gap="lg">
      <PageTitle title="Pointage" description="Touchez Présent ou Absent pour chaque enfant : chaque touche est enregistrée aussitôt." />
      {!service ? (
        <Alert color="yellow" title="Aucun service" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>
          Vous n’êtes affecté(e) à aucun service : demandez à la mairie de vous affecter à vos accueils.
        </Alert>
      ) : (
        <>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              size="md"
              label="Service"
              value={String(service.id)}
              data={services.map((s) => ({ value: String(s.id), label: s.name }))}
              onChange={(e) => {
                setServiceId(Number(e.currentTarget.value));
                setUnitId(null);
                setGroupId(undefined);
              }}
            />
            <TextInput size="md" type="date" label="Jour" value={day} onChange={(e) => setDate(e.currentTarget.value || today)} />
            <NativeSelect
              size="md"
              label="Accueil"
              value={unit ? String(unit.id) : ''}
              data={service.units.map((u) => ({ value: String(u.id), label: u.startTime ? `${u.name} (${u.startTime}–${u.endTime ?? ''})` : u.name }))}
              onChange={(e) => setUnitId(Number(e.currentTarget.value))}
            />
            {service.groups.length > 1 && (
              <NativeSelect
                size="md"
                label="Groupe"
                value={groupId === undefined ? '' : String(groupId)}
                data={[{ value: '', label: 'Tous les groupes' }, ...service.groups.map((g) => ({ value: String(g.id), label: g.name }))]}
                onChange={(e) => setGroupId(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
              />
            )}
          </Group>
          {unit ? (
            <DayListView key={`${service.id}-${day}-${unit.id}-${groupId ?? ''}`} service={service} date={day} unitId={unit.id} groupId={groupId} />
          ) : (
            <Text c="dimmed">Ce service n’a pas d’accueil.</Text>
          )}
        </>
      )}
    </Stack>
  );
}
