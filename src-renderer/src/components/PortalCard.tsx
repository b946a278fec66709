import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { PortalStatus } from '../types';

export function portalStateLabel(portal: PortalStatus): string {
  if (portal.maintenance.enabled) return 'Portail fermé pour maintenance';
  if (portal.published) return 'Portail publié';
  return 'Portail non publié';
}

/** Whether the family portal is open, and where. */
export function PortalCard({ portal, headingOrder = 2 }: { portal: PortalStatus; headingOrder?: 2 | 3 }) {
  const label = portalStateLabel(portal);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="portal-card-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={headingOrder} size="h4" id="portal-card-title">
            Portail famille
          </Title>
          <Badge color={portal.published && !portal.maintenance.enabled ? 'green' : 'orange'} variant="dot" size="lg" tt="none">
            {label}
          </Badge>
        </Group>
        <Text>
          Adresse :{' '}
          <Anchor href={portal.url} target="_blank" rel="noopener noreferrer">
            {portal.url}
          </Anchor>
        </Text>
        {portal.maintenance.enabled && portal.maintenance.message && (
          <Text size="sm">
            Message affiché aux familles : <Text span fs="italic">{portal.maintenance.message}</Text>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
