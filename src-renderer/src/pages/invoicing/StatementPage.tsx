import { Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { invoicingApi } from '../../invoicingApi';
import { useResource } from '../../useResource';
import { formatEuros, frDate } from './format';

/** A family's account statement: invoices, credit notes and payments with the running balance. */
export function StatementPage() {
  const familyId = Number(useParams().id);
  const { state } = useResource(() => invoicingApi.statement(familyId));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  const s = state.data;
  return (
    <Stack gap="md">
      <PageTitle
        title={`Relevé de compte — ${s.invoices[0]?.familyName ?? `famille n° ${familyId}`}`}
        description={<Link to={`/familles/${familyId}`}>Dossier de la famille</Link>}
      />
      <Text fw={600}>
        Solde : {formatEuros(s.balanceCents)} {s.balanceCents > 0 ? '(dû par la famille)' : s.balanceCents < 0 ? '(en faveur de la famille)' : ''} — reste à payer sur
        les factures : {formatEuros(s.dueCents)}
      </Text>
      {s.entries.length === 0 ? (
        <Text c="dimmed">Aucune facture ni aucun paiement.</Text>
      ) : (
        <Table striped withTableBorder aria-label="Relevé de compte">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Opération</Table.Th>
              <Table.Th>Référence</Table.Th>
              <Table.Th>Débit</Table.Th>
              <Table.Th>Crédit</Table.Th>
              <Table.Th>Solde</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.entries.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{frDate(e.date)}</Table.Td>
                <Table.Td>{e.label}</Table.Td>
                <Table.Td>{e.invoiceId ? <Link to={`/facturation/factures/${e.invoiceId}`}>{e.reference}</Link> : e.reference}</Table.Td>
                <Table.Td>{e.amountCents > 0 ? formatEuros(e.amountCents) : ''}</Table.Td>
                <Table.Td>{e.amountCents < 0 ? formatEuros(-e.amountCents) : ''}</Table.Td>
                <Table.Td>{formatEuros(e.balanceCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
