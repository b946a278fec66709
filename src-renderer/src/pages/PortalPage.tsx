import { Alert, Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, toApiError, type ApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { PortalCard } from '../components/PortalCard';
import { useSession } from '../session';
import type { PortalStatus } from '../types';
import { useResource } from '../useResource';

const MESSAGE_MAX_LENGTH = 2000;

function MaintenanceForm({ portal, onSaved }: { portal: PortalStatus; onSaved: (portal: PortalStatus) => void }) {
  const [enabled, setEnabled] = useState(portal.maintenance.enabled);
  const [message, setMessage] = useState(portal.maintenance.message ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const trimmed = message.trim();
      const updated = await api.setPortalMaintenance({ enabled, message: trimmed === '' ? null : trimmed });
      setEnabled(updated.maintenance.enabled);
      setMessage(updated.maintenance.message ?? '');
      setSaved(true);
      onSaved(updated);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="maintenance-title">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="maintenance-title">
        <Stack gap="md">
          <Title order={2} size="h4" id="maintenance-title">
            Maintenance du portail
          </Title>
          <Switch
            label="Fermer le portail pour maintenance"
            description="Les familles ne peuvent plus se connecter ni réserver tant que le portail est fermé."
            checked={enabled}
            onChange={(event) => {
              setEnabled(event.currentTarget.checked);
              setSaved(false);
            }}
          />
          <Textarea
            label="Message affiché aux familles"
            description="Par exemple : « Le portail est fermé pour maintenance jusqu’à 14 h. »"
            autosize
            minRows={3}
            maxLength={MESSAGE_MAX_LENGTH}
            value={message}
            onChange={(event) => {
              setMessage(event.currentTarget.value);
              setSaved(false);
            }}
          />
          {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
          {saved && (
            <Alert color="green" variant="light" role="status">
              Réglages du portail enregistrés.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReadOnlyMaintenance({ portal }: { portal: PortalStatus }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="maintenance-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="maintenance-title">
          Maintenance du portail
        </Title>
        <Text>
          {portal.maintenance.enabled ? 'Le portail est fermé pour maintenance.' : 'Le portail n’est pas en maintenance.'}
        </Text>
        {portal.maintenance.message && (
          <Text>
            Message affiché aux familles : <Text span fs="italic">{portal.maintenance.message}</Text>
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Seul un administrateur peut fermer ou rouvrir le portail.
        </Text>
      </Stack>
    </Paper>
  );
}

export function PortalPage() {
  const { user } = useSession();
  const { state, setData } = useResource(api.portal);
  return (
    <Stack gap="lg">
      <PageTitle title="Portail" description="Le portail famille publié par Marelle." />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' && (
        <>
          <PortalCard portal={state.data} />
          {user.role === 'admin' ? (
            <MaintenanceForm portal={state.data} onSaved={setData} />
          ) : (
            <ReadOnlyMaintenance portal={state.data} />
          )}
        </>
      )}
    </Stack>
  );
}
