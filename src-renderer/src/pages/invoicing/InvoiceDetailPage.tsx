import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { creditNoteSchema } from '../../../../shared/schemas/invoicing';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { zodErrors, type FormErrors } from '../../forms';
import { invoicePdfHref, invoicingApi, type InvoiceDto } from '../../invoicingApi';
import { useResource } from '../../useResource';
import { formatEuros, frDate, period } from './format';

function CreditNoteForm({ invoice, onDone }: { invoice: InvoiceDto; onDone: (note: InvoiceDto) => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = zodErrors(creditNoteSchema, { amount, reason });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await invoicingApi.creditNote(invoice.id, { amount, reason }));
      setAmount('');
      setReason('');
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Émettre un avoir">
      <Stack gap="xs">
        <Text fw={600}>Émettre un avoir</Text>
        <Text size="sm" c="dimmed">
          Une facture émise ne se modifie pas : un avoir (numéroté dans la même suite) corrige tout ou partie de son montant.
        </Text>
        <Group align="flex-start">
          <TextInput label="Montant (€)" required value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} style={{ width: 140 }} />
          <TextInput label="Motif" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} style={{ flex: 1 }} />
        </Group>
        {error && <ErrorAlert error={error} title="Avoir refusé" />}
        <Group>
          <Button type="submit" loading={busy}>
            Émettre l’avoir
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Detail({ invoice, reload }: { invoice: InvoiceDto; reload: () => void }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <PageTitle
        title={`${invoice.kind === 'invoice' ? 'Facture' : 'Avoir'} n° ${invoice.number}`}
        description={`${invoice.family.name} — ${invoice.monthLabel} — émise le ${frDate(invoice.issueDate)}${invoice.kind === 'invoice' ? `, échéance le ${frDate(invoice.dueDate)}` : ''} — ${invoice.statusLabel}`}
        actions={
          <Anchor href={invoicePdfHref(invoice.id)} target="_blank" rel="noopener">
            Ouvrir le PDF
          </Anchor>
        }
      />
      <Text>
        <Link to={`/facturation/familles/${invoice.familyId}`}>Relevé de compte de la famille</Link>
        {invoice.creditedInvoiceId && (
          <>
            {' '}
            — avoir sur la <Link to={`/facturation/factures/${invoice.creditedInvoiceId}`}>facture n° {invoice.creditedInvoiceNumber}</Link>
          </>
        )}
      </Text>
      <Table withTableBorder aria-label="Lignes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Enfant</Table.Th>
            <Table.Th>Prestation</Table.Th>
            <Table.Th>Période</Table.Th>
            <Table.Th>Qté</Table.Th>
            <Table.Th>Prix unitaire</Table.Th>
            <Table.Th>Montant</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.childName}</Table.Td>
              <Table.Td>
                {l.label}
                {l.serviceName && <Text size="xs" c="dimmed">{l.serviceName}</Text>}
                {l.explanation && <Text size="xs" c="dimmed">{l.explanation}</Text>}
              </Table.Td>
              <Table.Td>{period(l.dateFrom, l.dateTo)}</Table.Td>
              <Table.Td>{l.quantity}</Table.Td>
              <Table.Td>{formatEuros(l.unitPriceCents)}</Table.Td>
              <Table.Td>{formatEuros(l.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600}>
        Total : {formatEuros(invoice.totalCents)}
        {invoice.kind === 'invoice' && ` — payé : ${formatEuros(invoice.paidCents)} — avoirs : ${formatEuros(invoice.creditedCents)} — reste dû : ${formatEuros(invoice.amountDueCents)}`}
      </Text>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {invoice.kind === 'invoice' && invoice.totalCents - invoice.creditedCents > 0 && (
        <CreditNoteForm
          invoice={invoice}
          onDone={(note) => {
            setNotice(`Avoir n° ${note.number} de ${formatEuros(note.totalCents)} émis et envoyé à la famille.`);
            reload();
          }}
        />
      )}
    </Stack>
  );
}

/** One invoice or credit note: its lines and why, the PDF, and the credit note form. */
export function InvoiceDetailPage() {
  const id = Number(useParams().id);
  const { state, reload } = useResource(() => invoicingApi.invoice(id));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorAlert error={state.error} />;
  return <Detail invoice={state.data} reload={reload} />;
}
