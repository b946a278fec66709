import { Alert, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api';

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden="true" />
      <Text c="dimmed">{label}</Text>
    </Group>
  );
}

/** A server or network error, announced to assistive technologies (role="alert"). */
export function ErrorAlert({ error, title = 'Erreur', children }: { error: ApiError; title?: string; children?: ReactNode }) {
  return (
    // The title in red.9: Mantine's default shade falls below 4.5:1 on the alert's tint.
    <Alert color="red" variant="light" title={title} role="alert" styles={{ title: { color: 'var(--mantine-color-red-9)' } }}>
      <Text size="sm">{error.message}</Text>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue, index) => (
            <li key={index}>
              <Text size="sm">{issue.message}</Text>
            </li>
          ))}
        </ul>
      )}
      {children}
    </Alert>
  );
}
