import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { paymentsApi, type PayfipSettings, type PaymentSettings, type SepaCreditor } from '../../paymentsApi';
import { useResource } from '../../useResource';

const ONLINE: Record<PaymentSettings['onlinePayment'], string> = {
  simulator: 'Paiement en ligne ouvert avec le simulateur PayFiP (démonstration : aucun paiement réel).',
  payfip: 'Paiement en ligne ouvert avec PayFiP.',
  closed: "Paiement en ligne fermé : renseignez le numéro client PayFiP (le simulateur ne fonctionne qu'en démonstration).",
};

/** A settings form: its values, and saving them (the server's answer replaces them). */
function useSettingsForm<T>(initial: T, saveOnServer: (values: T) => Promise<T>) {
  const [v, setV] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      setV(await saveOnServer(v));
      setSaved(true);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return { v, setV, error, saved, save };
}

function PayfipForm({ initial }: { initial: PayfipSettings }) {
  const { v, setV, error, saved, save } = useSettingsForm(initial, paymentsApi.savePayfip);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        PayFiP
      </Title>
      <Group align="flex-start" wrap="wrap">
        <TextInput label="Numéro client (numcli)" value={v.numcli} onChange={(e) => setV({ ...v, numcli: e.currentTarget.value.trim() })} />
        <NativeSelect
          label="Mode de saisie"
          data={[
            { value: 'T', label: 'T — test' },
            { value: 'X', label: 'X — activation' },
            { value: 'W', label: 'W — production' },
          ]}
          value={v.saisie}
          onChange={(e) => setV({ ...v, saisie: e.currentTarget.value as PayfipSettings['saisie'] })}
        />
      </Group>
      <TextInput label="Adresse du service web (WSDL sans ?wsdl)" value={v.wsUrl} onChange={(e) => setV({ ...v, wsUrl: e.currentTarget.value.trim() })} />
      <TextInput label="Page de paiement" value={v.paymentPageUrl} onChange={(e) => setV({ ...v, paymentPageUrl: e.currentTarget.value.trim() })} />
      <Checkbox label="Utiliser le simulateur PayFiP (serveur de démonstration uniquement)" checked={v.simulator} onChange={(e) => setV({ ...v, simulator: e.currentTarget.checked })} />
      {error && <ErrorAlert error={error} />}
      {saved && <Text role="status">Paramètres PayFiP enregistrés.</Text>}
      <Group>
        <Button onClick={() => void save()}>Enregistrer PayFiP</Button>
      </Group>
    </Stack>
  );
}

function SepaForm({ initial }: { initial: SepaCreditor }) {
  const { v, setV, error, saved, save } = useSettingsForm(initial, paymentsApi.saveSepa);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Créancier SEPA
      </Title>
      <Group align="flex-start" wrap="wrap">
        <TextInput label="Identifiant créancier SEPA (ICS)" value={v.ics} onChange={(e) => setV({ ...v, ics: e.currentTarget.value })} />
        <TextInput label="Nom du créancier" value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} />
        <TextInput label="IBAN du compte de la régie" value={v.iban} onChange={(e) => setV({ ...v, iban: e.currentTarget.value })} />
        <TextInput label="BIC" value={v.bic} onChange={(e) => setV({ ...v, bic: e.currentTarget.value })} />
      </Group>
      {error && <ErrorAlert error={error} />}
      {saved && <Text role="status">Créancier SEPA enregistré.</Text>}
      <Group>
        <Button onClick={() => void save()}>Enregistrer le créancier</Button>
      </Group>
    </Stack>
  );
}

/** « Paramètres » (admin): PayFiP and the SEPA creditor. */
export function PaymentSettingsPage() {
  const load = useCallback(() => paymentsApi.settings(), []);
  const { state } = useResource(load);
  return (
    <Stack gap="lg">
      <PageTitle title="Paramètres des paiements" />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' && (
        <>
          <Alert color={state.data.onlinePayment === 'closed' ? 'yellow' : 'blue'}>{ONLINE[state.data.onlinePayment]}</Alert>
          <PayfipForm initial={state.data.payfip} />
          <SepaForm initial={state.data.sepaCreditor} />
        </>
      )}
    </Stack>
  );
}
