import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from './StatusBadge';
import { paymentsApi, saveFile, type PaymentDto } from '../../paymentsApi';
import { useResource } from '../../useResource';
import { formatEuros, frDateTime, METHOD_LABELS, parisToday, PAYMENT_STATUS } from './format';

const METHODS = [{ value: '', label: 'Tous les modes' }, ...Object.entries(METHOD_LABELS).filter(([k]) => k !== 'credit').map(([value, label]) => ({ value, label }))];

/** « Règlements »: every payment received, filters, receipts, and the day's cash journal. */
export function PaymentListPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [method, setMethod] = useState('');
  const [journalDay, setJournalDay] = useState(parisToday());
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => paymentsApi.list({ from, to, method }), [from, to, method]);
  const { state } = useResource<PaymentDto[]>(load);

  const run = async (job: () => Promise<{ blob: Blob; fileName: string }>) => {
    setError(null);
    setMessage(null);
    try {
      const file = await job();
      saveFile(file);
      setMessage(`Le fichier ${file.fileName} est téléchargé.`);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Stack gap="md">
      <PageTitle title="Règlements" description="Paiements en ligne, prélèvements et règlements reçus en mairie." />
      <Group align="flex-end" wrap="wrap">
        <TextInput type="date" label="Du" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="Au" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <NativeSelect label="Mode de règlement" data={METHODS} value={method} onChange={(e) => setMethod(e.currentTarget.value)} />
        <TextInput type="date" label="Journal de caisse du" value={journalDay} onChange={(e) => setJournalDay(e.currentTarget.value)} />
        <Button variant="light" onClick={() => void run(() => paymentsApi.cashJournal(journalDay))}>
          Exporter le journal de caisse (Excel)
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {message && (
        <Text role="status" c="green.9">
          {message}
        </Text>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <Text c="dimmed">Aucun règlement pour ces critères.</Text>
        ) : (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Famille</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Référence</Table.Th>
                <Table.Th>Factures</Table.Th>
                <Table.Th ta="right">Montant</Table.Th>
                <Table.Th>État</Table.Th>
                <Table.Th>Reçu</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{frDateTime(p.receivedAt)}</Table.Td>
                  <Table.Td>{p.familyName}</Table.Td>
                  <Table.Td>{METHOD_LABELS[p.method]}</Table.Td>
                  <Table.Td>{p.reference ?? ''}</Table.Td>
                  <Table.Td>
                    {p.allocations.map((a) => `${a.invoiceNumber} (${formatEuros(a.amountCents)})`).join(', ')}
                    {p.unallocatedCents > 0 && <Text size="sm">Avoir : {formatEuros(p.unallocatedCents)}</Text>}
                  </Table.Td>
                  <Table.Td ta="right">{formatEuros(p.amountCents)}</Table.Td>
                  <Table.Td>
                    <StatusBadge color={PAYMENT_STATUS[p.status].color} label={PAYMENT_STATUS[p.status].label} />
                    {p.rejectionReason && <Text size="sm">{p.rejectionReason}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {p.status !== 'rejected' && (
                      <Button size="xs" variant="subtle" onClick={() => void run(() => paymentsApi.receipt(p.id))} aria-label={`Télécharger le reçu du règlement de ${p.familyName}`}>
                        PDF
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Stack>
  );
}
