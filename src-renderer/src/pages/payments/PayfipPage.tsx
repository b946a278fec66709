import { Button, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from './StatusBadge';
import { paymentsApi } from '../../paymentsApi';
import { useResource } from '../../useResource';
import { formatEuros, frDateTime, PAYFIP_STATUS } from './format';

/** « Paiements en ligne »: each PayFiP operation and its state; an open one can be checked again. */
export function PayfipPage() {
  const load = useCallback(() => paymentsApi.payfip(), []);
  const { state, reload } = useResource(load);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = async (id: number) => {
    setError(null);
    try {
      await paymentsApi.refreshPayfip(id);
      reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Stack gap="md">
      <PageTitle title="Paiements en ligne (PayFiP)" description="L'état de chaque paiement est relu auprès de PayFiP : à la notification, au retour de la famille, puis toutes les heures." />
      {error && <ErrorAlert error={error} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <Text c="dimmed">Aucun paiement en ligne pour le moment.</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Début</Table.Th>
                <Table.Th>Famille</Table.Th>
                <Table.Th>Facture</Table.Th>
                <Table.Th ta="right">Montant</Table.Th>
                <Table.Th>État</Table.Th>
                <Table.Th>Résultat</Table.Th>
                <Table.Th>Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.data.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{frDateTime(t.createdAt)}</Table.Td>
                  <Table.Td>{t.familyName}</Table.Td>
                  <Table.Td>{t.invoiceNumber}</Table.Td>
                  <Table.Td ta="right">{formatEuros(t.amountCents)}</Table.Td>
                  <Table.Td>
                    <StatusBadge color={PAYFIP_STATUS[t.status].color} label={PAYFIP_STATUS[t.status].label} />
                  </Table.Td>
                  <Table.Td>
                    {t.resultCode ?? ''} {t.resolvedAt ? `— ${frDateTime(t.resolvedAt)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {t.status === 'created' && (
                      <Button size="xs" variant="light" onClick={() => void refresh(t.id)}>
                        Vérifier auprès de PayFiP
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
