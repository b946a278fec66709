import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { api } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { PortalCard } from '../components/PortalCard';
import { formatCount } from '../format';
import { useSession } from '../session';
import type { DashboardCounts as Counts } from '../types';
import { useResource } from '../useResource';

const CARDS: { key: keyof Counts; label: string }[] = [
  { key: 'familiesAwaitingValidation', label: 'Familles en attente de validation' },
  { key: 'familiesValidated', label: 'Familles validées' },
  { key: 'children', label: 'Enfants' },
  { key: 'pendingBookings', label: 'Demandes en attente' },
  { key: 'outboxPending', label: 'Courriels en attente' },
];

function CountCard({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-labelledby={id}>
      <Text id={id} size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.2}>
        {formatCount(value)}
      </Text>
    </Paper>
  );
}

function DashboardCounts() {
  const { state } = useResource(api.dashboard);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    // Not allowed to see the counts: the welcome text is enough.
    if (state.error.status === 403) return null;
    return <ErrorAlert error={state.error} title="Chiffres indisponibles" />;
  }
  return (
    <section aria-labelledby="dashboard-counts-title">
      <Title order={2} size="h4" id="dashboard-counts-title" mb="sm">
        En un coup d’œil
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }}>
        {CARDS.map((card) => (
          <CountCard key={card.key} id={`count-${card.key}`} label={card.label} value={state.data[card.key]} />
        ))}
      </SimpleGrid>
    </section>
  );
}

function DashboardPortal() {
  const { state } = useResource(api.portal);
  if (state.status === 'loading') return <Loading label="Chargement de l’état du portail…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="État du portail indisponible" />;
  return <PortalCard portal={state.data} />;
}

export function DashboardPage() {
  const { user } = useSession();
  const office = user.role === 'admin' || user.role === 'agent';
  return (
    <Stack gap="lg">
      <PageTitle title="Tableau de bord" />
      <Text>
        Bonjour {user.firstName}, bienvenue dans le back-office Marelle.
      </Text>
      {office && <DashboardCounts />}
      <DashboardPortal />
    </Stack>
  );
}
