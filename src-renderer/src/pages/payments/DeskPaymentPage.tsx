import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { deskPaymentSchema } from '../../../../shared/schemas/payments';
import { centsToInput } from '../../../../shared/tariffs/money';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { familiesApi } from '../../familiesApi';
import { issuesToErrors, zodErrors, type FormErrors } from '../../forms';
import { paymentsApi, saveFile, type DeskPaymentBody, type FamilyAccount, type RecordedPayment } from '../../paymentsApi';
import type { FamilyListItem } from '../../types';
import { formatEuros, frDate, parisToday } from './format';

const METHODS = [
  { value: 'cheque', label: 'Chèque' },
  { value: 'cash', label: 'Espèces' },
  { value: 'cesu', label: 'CESU' },
  { value: 'transfer', label: 'Virement' },
];

/** « Enregistrer un règlement »: a payment received at the town hall, allocated to the family's invoices. */
export function DeskPaymentPage() {
  const [query, setQuery] = useState('');
  const [families, setFamilies] = useState<FamilyListItem[] | null>(null);
  const [family, setFamily] = useState<FamilyListItem | null>(null);
  const [account, setAccount] = useState<FamilyAccount | null>(null);
  const [method, setMethod] = useState<DeskPaymentBody['method']>('cheque');
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState(parisToday());
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [shares, setShares] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<RecordedPayment | null>(null);

  const search = async () => {
    setError(null);
    try {
      setFamilies((await familiesApi.search({ q: query.trim(), status: null })).items);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const choose = async (f: FamilyListItem) => {
    setError(null);
    setDone(null);
    setFamily(f);
    try {
      const acc = await paymentsApi.account(f.id);
      setAccount(acc);
      setShares(Object.fromEntries(acc.openInvoices.map((i) => [i.id, ''])));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  /** Fills the shares oldest first, up to the amount typed. */
  const spread = () => {
    if (!account) return;
    const parsed = deskPaymentSchema(receivedOn).shape.amount.safeParse(amount);
    if (!parsed.success) return;
    let left = parsed.data;
    const next: Record<number, string> = {};
    for (const inv of account.openInvoices) {
      const cents = Math.min(left, inv.payableCents);
      next[inv.id] = cents > 0 ? centsToInput(cents) : '';
      left -= Math.max(0, cents);
    }
    setShares(next);
  };

  const submit = async () => {
    if (!family) return;
    setError(null);
    const allocations = Object.entries(shares)
      .filter(([, v]) => v.trim() !== '')
      .map(([invoiceId, v]) => ({ invoiceId: Number(invoiceId), amount: v }));
    const body: DeskPaymentBody = {
      familyId: family.id,
      method,
      amount,
      receivedOn,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(allocations.length > 0 ? { allocations } : {}),
    };
    const local = zodErrors(deskPaymentSchema(parisToday()), body);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const result = await paymentsApi.record(body);
      setDone(result);
      setAmount('');
      setReference('');
      setNotes('');
      await choose(family);
      setDone(result);
    } catch (e) {
      const err = toApiError(e);
      setErrors(issuesToErrors(err.issues));
      setError(err);
    }
  };

  const allocationError = Object.entries(errors).find(([key]) => key.startsWith('allocations'))?.[1];

  return (
    <Stack gap="md">
      <PageTitle title="Enregistrer un règlement" description="Chèque, espèces, CESU ou virement reçus en mairie, imputés sur une ou plusieurs factures ; un trop-perçu reste en avoir." />
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <Group align="flex-end">
          <TextInput label="Famille" description="Nom, e-mail, téléphone ou prénom d'un enfant" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
          <Button type="submit" variant="light">
            Rechercher
          </Button>
        </Group>
      </form>
      {families && families.length === 0 && <Text c="dimmed">Aucune famille ne correspond.</Text>}
      {families && families.length > 0 && !family && (
        <Stack gap={4}>
          {families.slice(0, 20).map((f) => (
            <Button key={f.id} variant="subtle" justify="flex-start" onClick={() => void choose(f)}>
              {f.displayName} {f.email ? `— ${f.email}` : ''}
            </Button>
          ))}
        </Stack>
      )}
      {error && <ErrorAlert error={error} />}
      {done && (
        <Alert color="teal" title="Règlement enregistré" role="status" styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}>
          <Text size="sm">
            {done.allocations.map((a) => `${a.invoiceNumber} : ${formatEuros(a.amountCents)}`).join(' ; ') || 'Aucune facture à régler.'}
            {done.creditCents > 0 ? ` Avoir de ${formatEuros(done.creditCents)} conservé pour les prochaines factures.` : ''}
          </Text>
          <Button mt="xs" size="xs" onClick={() => void paymentsApi.receipt(done.paymentId).then(saveFile, (e: unknown) => setError(toApiError(e)))}>
            Télécharger le reçu (PDF)
          </Button>
        </Alert>
      )}
      {family && account && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={700}>{family.displayName}</Text>
            <Button variant="subtle" size="xs" onClick={() => (setFamily(null), setAccount(null), setDone(null))}>
              Changer de famille
            </Button>
          </Group>
          <Text>
            Reste dû : <strong>{formatEuros(account.balance.dueCents)}</strong>
            {account.balance.pendingDebitCents > 0 && ` (dont ${formatEuros(account.balance.pendingDebitCents)} en cours de prélèvement)`}
            {account.balance.creditCents > 0 && ` — avoir disponible : ${formatEuros(account.balance.creditCents)}`}
          </Text>
          <Group align="flex-start" wrap="wrap">
            <NativeSelect label="Mode de règlement" data={METHODS} value={method} onChange={(e) => setMethod(e.currentTarget.value as DeskPaymentBody['method'])} error={errors.method} />
            <TextInput label="Montant (€)" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} required />
            <TextInput type="date" label="Reçu le" value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={errors.receivedOn} />
            <TextInput
              label={method === 'cheque' ? 'N° du chèque' : method === 'cesu' ? 'N° des titres CESU' : 'Référence'}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
              required={method === 'cheque' || method === 'cesu'}
            />
          </Group>
          {account.openInvoices.length === 0 ? (
            <Text c="dimmed">Aucune facture à régler : le montant sera conservé en avoir.</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Facture</Table.Th>
                  <Table.Th>Échéance</Table.Th>
                  <Table.Th ta="right">Reste à payer</Table.Th>
                  <Table.Th>Montant imputé (€)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {account.openInvoices.map((inv) => (
                  <Table.Tr key={inv.id}>
                    <Table.Td>{inv.number}</Table.Td>
                    <Table.Td>{frDate(inv.dueDate)}</Table.Td>
                    <Table.Td ta="right">
                      {formatEuros(inv.payableCents)}
                      {inv.status === 'direct_debit' && ' (prélèvement)'}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Montant imputé sur la facture ${inv.number}`}
                        value={shares[inv.id] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setShares((s) => ({ ...s, [inv.id]: value }));
                        }}
                        size="xs"
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {account.openInvoices.length > 0 && (
            <Group>
              <Button variant="light" size="xs" onClick={spread}>
                Répartir le montant sur les factures les plus anciennes
              </Button>
            </Group>
          )}
          {allocationError && (
            <Text c="red.9" size="sm" role="alert">
              {allocationError}
            </Text>
          )}
          <Textarea label="Remarque" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} autosize minRows={1} />
          <Group>
            <Button onClick={() => void submit()}>Enregistrer le règlement</Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
