import { Badge, Button, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { invoicingApi, type InvoicePage } from '../../invoicingApi';
import { saveBlob } from '../../staffBookingsApi';
import { formatEuros, frDate } from './format';

const STATUSES = [
  { value: '', label: 'Tous les états' },
  { value: 'due', label: 'À payer (tous)' },
  { value: 'unpaid', label: 'À payer' },
  { value: 'partially_paid', label: 'Partiellement payée' },
  { value: 'paid', label: 'Payée' },
  { value: 'direct_debit', label: 'En prélèvement' },
  { value: 'credited', label: 'Annulée par avoir / avoir' },
];

/** « Factures et avoirs »: search by number or family, filters by month and state, the treasury export. */
export function InvoiceListPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const [data, setData] = useState<InvoicePage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exportMessage, setExportMessage] = useState<string | null>(null);

  const set = useCallback(
    (changes: Record<string, string>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) {
        if (v === '') next.delete(k);
        else next.set(k, v);
      }
      if (!('page' in changes)) next.delete('page');
      setParams(next);
    },
    [params, setParams],
  );

  useEffect(() => {
    let cancelled = false;
    invoicingApi.invoices({ month, status, q, page }).then(
      (result) => !cancelled && (setData(result), setError(null)),
      (e: unknown) => !cancelled && setError(toApiError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [month, status, q, page]);

  async function exportMonth() {
    setExportMessage(null);
    try {
      const file = await invoicingApi.exportMonth(month);
      saveBlob(file.blob, file.fileName);
      setExportMessage(`Le fichier ${file.fileName} est téléchargé.`);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  return (
    <Stack gap="md">
      <PageTitle title="Factures et avoirs" />
      <Group align="flex-end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: text.trim() });
          }}
          role="search"
        >
          <Group align="flex-end" gap="xs">
            <TextInput label="Rechercher" description="N° de facture ou nom de la famille" value={text} onChange={(e) => setText(e.currentTarget.value)} />
            <Button type="submit" variant="default">
              Rechercher
            </Button>
          </Group>
        </form>
        <TextInput type="month" label="Mois" value={month} onChange={(e) => set({ month: e.currentTarget.value })} />
        <NativeSelect label="État" value={status} data={STATUSES} onChange={(e) => set({ status: e.currentTarget.value })} />
        <Button variant="default" disabled={month === ''} onClick={() => void exportMonth()} title={month === '' ? 'Choisissez un mois' : undefined}>
          Exporter le mois (Excel)
        </Button>
      </Group>
      {exportMessage && <Text role="status">{exportMessage}</Text>}
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <Text size="sm" c="dimmed">
            {data.total} résultat{data.total > 1 ? 's' : ''}
          </Text>
          <Table striped withTableBorder aria-label="Factures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>N°</Table.Th>
                <Table.Th>Famille</Table.Th>
                <Table.Th>Mois</Table.Th>
                <Table.Th>Émise le</Table.Th>
                <Table.Th>Montant</Table.Th>
                <Table.Th>Reste dû</Table.Th>
                <Table.Th>État</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Link to={`/facturation/factures/${i.id}`}>{i.kind === 'credit_note' ? `Avoir ${i.number}` : i.number}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Link to={`/facturation/familles/${i.familyId}`}>{i.familyName}</Link>
                  </Table.Td>
                  <Table.Td>{i.monthLabel}</Table.Td>
                  <Table.Td>{frDate(i.issueDate)}</Table.Td>
                  <Table.Td>{i.kind === 'credit_note' ? `− ${formatEuros(i.totalCents)}` : formatEuros(i.totalCents)}</Table.Td>
                  <Table.Td>{i.kind === 'invoice' ? formatEuros(i.amountDueCents) : ''}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.status === 'paid' ? 'green' : i.kind === 'credit_note' ? 'gray' : i.amountDueCents > 0 ? 'orange' : 'blue'}>
                      {i.statusLabel}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total > data.pageSize && <Pagination total={Math.ceil(data.total / data.pageSize)} value={page} onChange={(p) => set({ page: String(p) })} />}
        </>
      )}
    </Stack>
  );
}
