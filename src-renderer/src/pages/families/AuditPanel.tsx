import { List, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { familiesApi } from '../../familiesApi';
import { auditActionLabel, auditValue, fieldLabel } from '../../familyFormat';
import { formatDateTime } from '../../format';
import type { AuditItem } from '../../types';
import { useResource } from '../../useResource';

function newestFirst(items: AuditItem[]): AuditItem[] {
  return [...items].sort((a, b) => b.at.localeCompare(a.at));
}

function Changes({ changes }: { changes: AuditItem['changes'] }) {
  const entries = changes ? Object.entries(changes) : [];
  if (entries.length === 0) return <Text size="sm">—</Text>;
  return (
    <List size="sm" spacing={2}>
      {entries.map(([field, pair]) => {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        return (
          <List.Item key={field}>
            {fieldLabel(field)} : {auditValue(before, field)} → {auditValue(after, field)}
          </List.Item>
        );
      })}
    </List>
  );
}

/** "Historique": who changed what in the family file, and when (newest first). */
export function AuditPanel({ familyId }: { familyId: number }) {
  const load = useCallback(() => familiesApi.audit(familyId), [familyId]);
  const { state } = useResource(load);
  if (state.status === 'loading') return <Loading label="Chargement de l’historique…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} title="Historique indisponible" />;
  if (state.data.items.length === 0) return <Text c="dimmed">Aucune modification enregistrée.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder aria-label="Historique du dossier" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Auteur</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Modifications</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst(state.data.items).map((item, index) => (
            <Table.Tr key={`${item.at}-${index}`}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatDateTime(item.at)}</Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>{item.actorLabel}</Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>{auditActionLabel(item.action)}</Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Changes changes={item.changes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
