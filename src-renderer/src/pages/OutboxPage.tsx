import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime, OUTBOX_STATUS_COLORS, outboxStatusLabel } from '../format';
import type { OutboxItem, OutboxStatus } from '../types';
import { useResource } from '../useResource';

function StatusBadge({ status }: { status: OutboxStatus }) {
  return (
    <Badge color={OUTBOX_STATUS_COLORS[status]} variant="dot" tt="none">
      {outboxStatusLabel(status)}
    </Badge>
  );
}

function OutboxMessageBody({ id }: { id: number }) {
  const load = useCallback(() => api.outboxMessage(id), [id]);
  const { state } = useResource(load);
  if (state.status === 'loading') return <Loading label="Chargement du courriel…" />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  const message = state.data;
  return (
    <Stack gap="sm">
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={140}>Destinataire</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{message.to}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>État</Table.Th>
            <Table.Td>
              <StatusBadge status={message.status} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Créé le</Table.Th>
            <Table.Td>{formatDateTime(message.createdAt)}</Table.Td>
          </Table.Tr>
          {message.sentAt && (
            <Table.Tr>
              <Table.Th>Envoyé le</Table.Th>
              <Table.Td>{formatDateTime(message.sentAt)}</Table.Td>
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Th>Tentatives</Table.Th>
            <Table.Td>{message.attempts}</Table.Td>
          </Table.Tr>
          {message.lastError && (
            <Table.Tr>
              <Table.Th>Dernière erreur</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{message.lastError}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="sm" radius="sm" bg="gray.0">
        <Text
          component="pre"
          size="sm"
          m={0}
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }}
          aria-label="Texte du courriel"
        >
          {message.textBody}
        </Text>
      </Paper>
    </Stack>
  );
}

function newestFirst(items: OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

function OutboxTable({ items, onOpen }: { items: OutboxItem[]; onOpen: (item: OutboxItem) => void }) {
  if (items.length === 0) return <Text c="dimmed">Aucun courriel pour l’instant.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover striped withTableBorder aria-label="Courriels">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Destinataire</Table.Th>
            <Table.Th>Objet</Table.Th>
            <Table.Th>État</Table.Th>
            <Table.Th>Tentatives</Table.Th>
            <Table.Th>Date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} onClick={() => onOpen(item)} style={{ cursor: 'pointer' }}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.to}</Table.Td>
              <Table.Td>
                {/* The row is clickable; this button makes it reachable from the keyboard (the click bubbles to the row). */}
                <UnstyledButton aria-haspopup="dialog" style={{ textAlign: 'left' }}>
                  <Text size="sm" fw={500} td="underline">
                    {item.subject}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>{item.attempts}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function OutboxPage() {
  const { state, reload } = useResource(api.outbox);
  // Kept after closing so that the modal's exit transition still shows the message.
  const [selected, setSelected] = useState<OutboxItem | null>(null);
  const [opened, setOpened] = useState(false);
  // Each opening loads the message afresh (its state may have changed since).
  const [openings, setOpenings] = useState(0);
  const openItem = (item: OutboxItem) => {
    setSelected(item);
    setOpened(true);
    setOpenings((value) => value + 1);
  };

  return (
    <Stack gap="lg">
      <PageTitle
        title="Courriels"
        description="Les courriels envoyés aux familles par Marelle, du plus récent au plus ancien."
        actions={
          <Group>
            <Button variant="default" onClick={reload}>
              Actualiser
            </Button>
          </Group>
        }
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' && <OutboxTable items={newestFirst(state.data.items)} onOpen={openItem} />}
      {/* Compound form: Mantine's default modal header is a <header> element, which would add a second "banner" landmark. */}
      <Modal.Root opened={opened} onClose={() => setOpened(false)} size="lg" transitionProps={{ duration: 0 }}>
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header role="none">
            <Modal.Title fw={600}>{selected?.subject ?? ''}</Modal.Title>
            <Modal.CloseButton aria-label="Fermer" />
          </Modal.Header>
          <Modal.Body>{selected && <OutboxMessageBody key={openings} id={selected.id} />}</Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </Stack>
  );
}
