import { Alert, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, toApiError, type ApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime, formatSize } from '../format';
import type { Backup, BackupList } from '../types';
import { useResource } from '../useResource';

function newestFirst(items: Backup[]): Backup[] {
  return [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

function BackupTable({ items }: { items: Backup[] }) {
  if (items.length === 0) return <Text c="dimmed">Aucune sauvegarde pour l’instant.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped withTableBorder aria-label="Sauvegardes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fichier</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Taille</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst(items).map((backup) => (
            <Table.Tr key={backup.file}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{backup.file}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(backup.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(backup.sizeBytes)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Backups() {
  const { state, setData } = useResource(api.backups);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Backup | null>(null);

  async function backupNow() {
    if (saving) return;
    setSaving(true);
    setError(null);
    setCreated(null);
    try {
      const backup = await api.createBackup();
      setCreated(backup);
      const current: BackupList = state.status === 'ready' ? state.data : { items: [] };
      setData({ items: [backup, ...current.items.filter((item) => item.file !== backup.file)] });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="backups-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="backups-title">
          Sauvegardes
        </Title>
        <Text size="sm" c="dimmed">
          Une copie complète des données de Marelle, faite sans interrompre le service.
        </Text>
        <div>
          <Button onClick={() => void backupNow()} loading={saving}>
            Sauvegarder maintenant
          </Button>
        </div>
        {error && <ErrorAlert error={error} title="Sauvegarde impossible" />}
        {created && (
          <Alert color="green" variant="light" role="status">
            Sauvegarde créée : {created.file} ({formatSize(created.sizeBytes)}).
          </Alert>
        )}
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorAlert error={state.error} />}
        {state.status === 'ready' && <BackupTable items={state.data.items} />}
      </Stack>
    </Paper>
  );
}

export function SettingsPage() {
  return (
    <Stack gap="lg">
      <PageTitle title="Paramètres" />
      <Backups />
    </Stack>
  );
}
