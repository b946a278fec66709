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
    <Alert color="red" variant="light" title={title} role="alert">
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
