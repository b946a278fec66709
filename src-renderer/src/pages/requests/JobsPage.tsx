import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { requestsApi, type ScheduledJob } from '../../requestsApi';
import { useResource } from '../../useResource';

function StatusBadge({ status }: { status: ScheduledJob['status'] }) {
  if (status === 'ok') return <Badge variant="dot" color="green" tt="none">Réussie</Badge>;
  if (status === 'failed') return <Badge variant="dot" color="red" tt="none">En échec</Badge>;
  return <Badge variant="dot" color="gray" tt="none">Jamais lancée</Badge>;
}

/** « Tâches planifiées »: what the server runs by itself (at start, then every hour), with its last run. */
export function JobsPage() {
  const load = useCallback(() => requestsApi.jobs(), []);
  const { state } = useResource(load);
  return (
    <Stack gap="lg">
      <PageTitle
        title="Tâches planifiées"
        description="Le serveur lance ces tâches à son démarrage puis toutes les heures : une tâche manquée pendant un arrêt est rattrapée au démarrage suivant."
        actions={
          <Anchor component={Link} to="/demandes">
            Retour aux demandes
          </Anchor>
        }
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Tâches indisponibles" />}
      {state.status === 'ready' &&
        (state.data.jobs.length === 0 ? (
          <Text c="dimmed">Aucune tâche n’a encore été lancée.</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped withTableBorder aria-label="Tâches planifiées">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tâche</Table.Th>
                  <Table.Th>Dernier passage</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>Résultat</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {state.data.jobs.map((job) => (
                  <Table.Tr key={job.name}>
                    <Table.Td>
                      <Text size="sm" fw={600}>{job.label}</Text>
                    </Table.Td>
                    <Table.Td>{job.lastRunAt ? formatDateTime(job.lastRunAt) : '—'}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={job.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{job.result ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
    </Stack>
  );
}
