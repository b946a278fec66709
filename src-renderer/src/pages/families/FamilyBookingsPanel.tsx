import { ActionIcon, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Timeline } from '@mantine/core';
import { useCallback, useState } from 'react';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { formatDate, formatDateTime } from '../../format';
import { staffBookingsApi, type BookingEventDto, type StaffBookingDto, type SubmittedRequestDto } from '../../staffBookingsApi';
import { useResource } from '../../useResource';
import { BookingsExportForm } from '../exports/BookingsExportPage';
import { ReasonModal } from './dialogs';
import { FamilyBookingForm, FamilyCancelForm } from './FamilyBookingsForm';
import { StatusBadge } from './FamilyBookingsRecap';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function shiftMonth(month: string, delta: number): string {
  const [y = 2000, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthLabel(month: string): string {
  const [y, m = 1] = month.split('-').map(Number);
  return `${MONTHS[m - 1] ?? ''} ${y ?? ''}`;
}

function addOneDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function requestNotice(result: SubmittedRequestDto, kind: 'book' | 'cancel'): string {
  const accepted = result.lines.filter((l) => l.outcome === 'accepted').length;
  const refused = result.lines.filter((l) => l.outcome === 'refused').length;
  const others = result.lines.length - accepted - refused;
  if (kind === 'cancel') {
    return `${result.lines.length === 1 ? 'La réservation est annulée' : `${result.lines.length} réservations sont annulées`} ; la famille est prévenue par courriel.`;
  }
  const parts = [`${accepted} acceptée${accepted > 1 ? 's' : ''}`];
  if (refused > 0) parts.push(`${refused} refusée${refused > 1 ? 's' : ''}`);
  if (others > 0) parts.push(`${others} en attente`);
  return `Demande enregistrée (${parts.join(', ')}) ; la famille est prévenue par courriel.`;
}

function HistoryList({ familyId, bookingId }: { familyId: number; bookingId: number }) {
  const load = useCallback(() => staffBookingsApi.history(familyId, bookingId), [familyId, bookingId]);
  const { state } = useResource(load);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Historique indisponible" />;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={state.data.items.length}>
      {state.data.items.map((event: BookingEventDto, index) => (
        <Timeline.Item key={index} title={`${event.toStatusLabel} — ${formatDateTime(event.at)}`}>
          <Text size="sm">{event.actorLabel}</Text>
          {event.reason && (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <em>{event.reason}</em>
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

type Dialog =
  | { kind: 'book' }
  | { kind: 'cancel' }
  | { kind: 'export' }
  | { kind: 'history'; booking: StaffBookingDto }
  | { kind: 'absence'; booking: StaffBookingDto }
  | null;

/** The « Réservations » tab of a family: the month's bookings, booking and cancelling for the family, exceptional absences. */
export function FamilyBookingsPanel({ familyId, kids }: { familyId: number; kids: { id: number; firstName: string; lastName: string }[] }) {
  // Null: the server's current month (its clock, not the office PC's).
  const [chosenMonth, setMonth] = useState<string | null>(null);
  const [childId, setChildId] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    () => staffBookingsApi.list(familyId, { month: chosenMonth, childId: childId === '' ? null : Number(childId) }),
    [familyId, chosenMonth, childId],
  );
  const { state, reload } = useResource(load);
  const month = chosenMonth ?? (state.status === 'ready' ? state.data.month : '');
  const close = () => setDialog(null);
  const today = state.status === 'ready' ? state.data.today : null;

  const done = (result: SubmittedRequestDto, kind: 'book' | 'cancel') => {
    setDialog(null);
    setSelected([]);
    setNotice(requestNotice(result, kind));
    reload();
  };

  const items = state.status === 'ready' ? state.data.items : [];
  const toggle = (id: number, checked: boolean) => setSelected((current) => (checked ? [...current, id] : current.filter((x) => x !== id)));

  return (
    <Stack gap="md">
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" gap="xs" wrap="wrap">
          <ActionIcon variant="default" size="lg" aria-label="Mois précédent" disabled={month === ''} onClick={() => setMonth(shiftMonth(month, -1))}>
            ‹
          </ActionIcon>
          <TextInput
            type="month"
            label="Mois"
            value={month}
            onChange={(event) => {
              if (/^\d{4}-\d{2}$/.test(event.currentTarget.value)) setMonth(event.currentTarget.value);
            }}
          />
          <ActionIcon variant="default" size="lg" aria-label="Mois suivant" disabled={month === ''} onClick={() => setMonth(shiftMonth(month, 1))}>
            ›
          </ActionIcon>
          <NativeSelect
            label="Enfant"
            value={childId}
            onChange={(event) => setChildId(event.currentTarget.value)}
            data={[{ value: '', label: 'Tous les enfants' }, ...kids.map((k) => ({ value: String(k.id), label: `${k.firstName} ${k.lastName}` }))]}
          />
        </Group>
        <Group gap="xs">
          <Button onClick={() => setDialog({ kind: 'book' })}>Réserver pour la famille</Button>
          <Button variant="outline" color="red.9" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'cancel' })}>
            Annuler la sélection{selected.length > 0 ? ` (${selected.length})` : ''}
          </Button>
          <Button variant="default" onClick={() => setDialog({ kind: 'export' })}>
            Exports
          </Button>
        </Group>
      </Group>

      {state.status === 'loading' && <Loading label="Chargement des réservations…" />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Réservations indisponibles" />}
      {state.status === 'ready' &&
        (items.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            Aucune réservation en {monthLabel(month)}.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder striped fz="sm" aria-label={`Réservations de ${monthLabel(month)}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <span className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                      Sélection
                    </span>
                  </Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Enfant</Table.Th>
                  <Table.Th>Service</Table.Th>
                  <Table.Th>Accueil</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((b) => {
                  const label = `${b.childName}, ${b.unitName}, ${formatDate(b.date)}`;
                  return (
                    <Table.Tr key={b.id} data-testid={`booking-${b.id}`}>
                      <Table.Td>
                        {b.cancellable && (
                          <Checkbox aria-label={`Sélectionner ${label}`} checked={selected.includes(b.id)} onChange={(event) => toggle(b.id, event.currentTarget.checked)} />
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(b.date)}</Table.Td>
                      <Table.Td>{b.childName}</Table.Td>
                      <Table.Td>{b.serviceName}</Table.Td>
                      <Table.Td>{b.unitName}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <StatusBadge status={b.status} />
                          {b.exceptionalAbsence && (
                            <Badge color="indigo.9" variant="outline" tt="none">
                              Absence exceptionnelle
                            </Badge>
                          )}
                          {b.bookedByStaff && (
                            <Badge color="dark" variant="outline" tt="none">
                              Par le service
                            </Badge>
                          )}
                        </Group>
                        {b.statusReason && <Text size="xs">{b.statusReason}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" aria-label={`Historique : ${label}`} onClick={() => setDialog({ kind: 'history', booking: b })}>
                            Historique
                          </Button>
                          {b.exceptionalAllowed && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              aria-label={`${b.exceptionalAbsence ? 'Retirer l’absence exceptionnelle' : 'Absence exceptionnelle'} : ${label}`}
                              onClick={() => setDialog({ kind: 'absence', booking: b })}
                            >
                              {b.exceptionalAbsence ? 'Retirer l’absence' : 'Absence exceptionnelle'}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}

      <AppModal opened={dialog?.kind === 'book'} onClose={close} title="Réserver pour la famille" size="xl">
        {dialog?.kind === 'book' && today && (
          <FamilyBookingForm familyId={familyId} defaultDate={addOneDay(today)} onCancel={close} onDone={(result) => done(result, 'book')} />
        )}
      </AppModal>
      <AppModal opened={dialog?.kind === 'cancel'} onClose={close} title="Annuler pour la famille" size="xl">
        {dialog?.kind === 'cancel' && (
          <FamilyCancelForm familyId={familyId} bookingIds={selected} onCancel={close} onDone={(result) => done(result, 'cancel')} />
        )}
      </AppModal>
      <AppModal opened={dialog?.kind === 'export'} onClose={close} title="Exporter les réservations">
        {dialog?.kind === 'export' && <BookingsExportForm defaultDate={today ?? undefined} />}
      </AppModal>
      <AppModal opened={dialog?.kind === 'history'} onClose={close} title="Historique de la réservation">
        {dialog?.kind === 'history' && (
          <Stack gap="sm">
            <Text size="sm">
              {dialog.booking.childName} — {dialog.booking.serviceName}, {dialog.booking.unitName}, le {formatDate(dialog.booking.date)}
            </Text>
            <HistoryList familyId={familyId} bookingId={dialog.booking.id} />
          </Stack>
        )}
      </AppModal>
      <ReasonModal
        opened={dialog?.kind === 'absence'}
        onClose={close}
        title={dialog?.kind === 'absence' && dialog.booking.exceptionalAbsence ? 'Retirer l’absence exceptionnelle' : 'Absence exceptionnelle'}
        intro={
          dialog?.kind === 'absence'
            ? dialog.booking.exceptionalAbsence
              ? `La journée du ${formatDate(dialog.booking.date)} (${dialog.booking.childName}) sera de nouveau facturée.`
              : `La journée du ${formatDate(dialog.booking.date)} (${dialog.booking.childName}) reste ACCEPTÉE mais ne sera pas facturée.`
            : undefined
        }
        label="Motif"
        placeholder="Ex. : hospitalisation, certificat médical fourni."
        confirmLabel={dialog?.kind === 'absence' && dialog.booking.exceptionalAbsence ? 'Retirer l’absence' : 'Enregistrer l’absence'}
        onConfirm={async (reason) => {
          if (dialog?.kind !== 'absence') return;
          // A refusal throws: the dialog shows its French sentence and stays open.
          const updated = await staffBookingsApi.setExceptionalAbsence(familyId, dialog.booking.id, { exceptional: !dialog.booking.exceptionalAbsence, reason });
          setDialog(null);
          setNotice(updated.exceptionalAbsence ? 'L’absence exceptionnelle est enregistrée : la journée ne sera pas facturée.' : 'L’absence exceptionnelle est retirée.');
          reload();
        }}
      />
    </Stack>
  );
}
