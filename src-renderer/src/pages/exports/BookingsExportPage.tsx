import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { bookingExportQuerySchema } from '../../../../shared/schemas/staffBookings';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { zodErrors, type FormErrors } from '../../forms';
import { staffBookingsApi, saveBlob } from '../../staffBookingsApi';
import { useResource } from '../../useResource';

/**
 * « Exporter les réservations »: the bookings of a day or a period of one service (one group, or
 * all of them, one sheet each) as an Excel file, for the animators' lists and the kitchen.
 */
export function BookingsExportForm({ defaultDate }: { defaultDate?: string }) {
  const { state } = useResource(staffBookingsApi.exportOptions);
  const [serviceId, setServiceId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [from, setFrom] = useState(defaultDate ?? '');
  const [to, setTo] = useState(defaultDate ?? '');
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  if (state.status === 'loading') return <Loading label="Chargement des services…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Services indisponibles" />;
  const services = state.data.services;
  const service = services.find((s) => String(s.id) === serviceId) ?? null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setError(null);
    const query = { serviceId: serviceId === '' ? undefined : Number(serviceId), from, to: to === '' ? from : to, groupId: groupId === '' ? undefined : groupId };
    const found = zodErrors(bookingExportQuerySchema, query);
    if (serviceId === '') found.serviceId = 'Choisissez un service.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const file = await staffBookingsApi.exportFile({ serviceId: Number(serviceId), from, to: query.to, groupId: groupId === '' ? null : Number(groupId) });
      saveBlob(file.blob, file.fileName);
      setDone(`Le fichier ${file.fileName} est téléchargé.`);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Exporter les réservations">
      <Stack gap="sm">
        <Group align="flex-start" gap="md" wrap="wrap">
          <NativeSelect
            label="Service"
            required
            value={serviceId}
            onChange={(event) => {
              setServiceId(event.currentTarget.value);
              setGroupId('');
            }}
            data={[{ value: '', label: 'Choisir un service' }, ...services.map((s) => ({ value: String(s.id), label: s.name }))]}
            error={errors.serviceId}
            style={{ flex: '1 1 220px' }}
          />
          <NativeSelect
            label="Groupe"
            value={groupId}
            onChange={(event) => setGroupId(event.currentTarget.value)}
            data={[{ value: '', label: 'Tous les groupes (une feuille chacun)' }, ...(service?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))]}
            error={errors.groupId}
            disabled={!service || service.groups.length === 0}
            style={{ flex: '1 1 220px' }}
          />
        </Group>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput type="date" label="Du" required value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={errors.from} />
          <TextInput
            type="date"
            label="Au"
            description="Vide : la seule journée du début."
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={errors.to}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Colonnes : date, accueil, enfant, âge ce jour-là, groupe, école et classe, allergies, régime, PAI, état, absence exceptionnelle,
          famille et téléphone. Un an au plus par fichier.
        </Text>
        {error && <ErrorAlert error={error} title="Export impossible" />}
        {done && (
          <Alert color="green" variant="light" role="status">
            {done}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            Télécharger le fichier Excel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The page of the exports (to wire into the back-office's navigation). */
export function BookingsExportPage() {
  return (
    <Stack gap="lg">
      <PageTitle title="Exports des réservations" description="Les réservations d’une journée ou d’une période, par service et par groupe, au format Excel." />
      <BookingsExportForm />
    </Stack>
  );
}
