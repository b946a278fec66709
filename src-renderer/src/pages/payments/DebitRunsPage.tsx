import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import { REJECT_REASONS, type RejectReason } from '../../../../shared/schemas/payments';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from './StatusBadge';
import { paymentsApi, saveFile, type DebitRunResult, type PaymentDto } from '../../paymentsApi';
import { useResource } from '../../useResource';
import { formatEuros, frDate, PAYMENT_STATUS, RUN_STATUS } from './format';

const REASONS = [{ value: '', label: 'Motif du rejet…' }, ...Object.entries(REJECT_REASONS).map(([value, label]) => ({ value, label: `${value} — ${label}` }))];

function RunPayments({ runId, onChange }: { runId: number; onChange: () => void }) {
  const load = useCallback(() => paymentsApi.runPayments(runId), [runId]);
  const { state, reload } = useResource<PaymentDto[]>(load);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const reject = async (p: PaymentDto) => {
    const reason = reasons[p.id];
    setError(null);
    try {
      await paymentsApi.reject(p.id, (reason ?? '') as RejectReason);
      reload();
      onChange();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  return (
    <Stack gap="xs">
      {error && <ErrorAlert error={error} />}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Famille</Table.Th>
            <Table.Th>Facture</Table.Th>
            <Table.Th ta="right">Montant</Table.Th>
            <Table.Th>État</Table.Th>
            <Table.Th>Rejet de la banque</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {state.data.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.familyName}</Table.Td>
              <Table.Td>{p.reference}</Table.Td>
              <Table.Td ta="right">{formatEuros(p.amountCents)}</Table.Td>
              <Table.Td>
                <StatusBadge color={PAYMENT_STATUS[p.status].color} label={PAYMENT_STATUS[p.status].label} />
                {p.rejectionReason && <Text size="sm">{p.rejectionReason}</Text>}
              </Table.Td>
              <Table.Td>
                {p.status !== 'rejected' && (
                  <Group gap="xs">
                    <NativeSelect
                      size="xs"
                      aria-label={`Motif du rejet du prélèvement de ${p.familyName}`}
                      data={REASONS}
                      value={reasons[p.id] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setReasons((r) => ({ ...r, [p.id]: value }));
                      }}
                    />
                    <Button size="xs" color="red" variant="light" onClick={() => void reject(p)}>
                      Enregistrer le rejet
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** « Prélèvements SEPA »: debit runs for a due date, their pain.008 files, and the bank's rejects. */
export function DebitRunsPage() {
  const load = useCallback(() => paymentsApi.runs(), []);
  const { state, reload } = useResource(load);
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<DebitRunResult | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const create = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await paymentsApi.createRun(dueDate));
      reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Stack gap="md">
      <PageTitle
        title="Prélèvements SEPA"
        description="Les factures « en prélèvement » des familles ayant un mandat actif sont réunies dans un fichier pain.008 à transmettre à la banque ; chaque famille est prévenue par e-mail au moins 14 jours avant."
      />
      <Group align="flex-end">
        <TextInput type="date" label="Date d'échéance du prélèvement" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} />
        <Button onClick={() => void create()}>Préparer le prélèvement</Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {result && (
        <Text role="status">
          {result.transactionsCount} prélèvement(s) pour {formatEuros(result.totalCents)} — fichier {result.messageId}.
          {result.skipped.length > 0 && ` Non prélevées : ${result.skipped.map((s) => `${s.invoiceNumber} (${s.reason})`).join(', ')}.`}
        </Text>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <Text c="dimmed">Aucun prélèvement préparé.</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Échéance</Table.Th>
                <Table.Th>Fichier</Table.Th>
                <Table.Th ta="right">Opérations</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th>État</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{frDate(r.dueDate)}</Table.Td>
                  <Table.Td>{r.messageId}</Table.Td>
                  <Table.Td ta="right">
                    {r.transactionsCount}
                    {r.rejectedCount > 0 && ` (${r.rejectedCount} rejeté(s))`}
                  </Table.Td>
                  <Table.Td ta="right">{formatEuros(r.totalCents)}</Table.Td>
                  <Table.Td>{RUN_STATUS[r.status]}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {r.hasFile && (
                        <Button size="xs" variant="light" onClick={() => void paymentsApi.runFile(r.id).then(saveFile, (e: unknown) => setError(toApiError(e)))}>
                          Télécharger le fichier XML
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" onClick={() => setOpen(open === r.id ? null : r.id)} aria-expanded={open === r.id}>
                        {open === r.id ? 'Masquer les opérations' : 'Voir les opérations'}
                      </Button>
                    </Group>
                    {open === r.id && <RunPayments runId={r.id} onChange={reload} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Stack>
  );
}
