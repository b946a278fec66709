import { Alert, Button, Checkbox, Group, Progress, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Fragment, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { invoicingRunSchema } from '../../../../shared/schemas/invoicing';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { zodErrors, type FormErrors } from '../../forms';
import { invoicingApi, type InvoicingOptions, type PreviewDto, type RunDto } from '../../invoicingApi';
import { useResource } from '../../useResource';
import { ofMonthLabel } from '../../../../shared/invoicing/compute';
import { formatEuros, period } from './format';

function RunProgress({ run }: { run: RunDto }) {
  const value = run.familiesTotal === 0 ? 100 : Math.round((run.familiesDone / run.familiesTotal) * 100);
  return (
    <Stack gap={4} aria-live="polite">
      <Text fw={600}>
        {run.status === 'running'
          ? `Émission en cours : ${run.familiesDone} / ${run.familiesTotal} familles traitées`
          : run.status === 'completed'
            ? `Facturation ${ofMonthLabel(run.monthLabel)} terminée : ${run.invoicesIssued} facture${run.invoicesIssued > 1 ? 's' : ''} émise${run.invoicesIssued > 1 ? 's' : ''} pour ${formatEuros(run.totalCents)}.`
            : `La facturation ${ofMonthLabel(run.monthLabel)} s’est interrompue.`}
      </Text>
      <Progress value={run.status === 'running' ? value : 100} color={run.status === 'failed' ? 'red' : undefined} aria-label="Progression de la facturation" />
      {run.message && (
        <Alert color={run.status === 'failed' ? 'red' : 'yellow'} title={run.status === 'failed' ? 'Erreur' : 'À vérifier'}>
          {run.message}
        </Alert>
      )}
    </Stack>
  );
}

function Preview({ preview }: { preview: PreviewDto }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Stack gap="xs">
      <Text>
        {preview.invoicesToIssue} facture{preview.invoicesToIssue > 1 ? 's' : ''} à émettre pour {preview.monthLabel}, total {formatEuros(preview.totalCents)}
        {preview.alreadyInvoiced > 0 && ` (${preview.alreadyInvoiced} déjà émise${preview.alreadyInvoiced > 1 ? 's' : ''})`}.
      </Text>
      <Table striped withTableBorder aria-label="Aperçu par famille">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Famille</Table.Th>
            <Table.Th>QF</Table.Th>
            <Table.Th>Lignes</Table.Th>
            <Table.Th>Montant</Table.Th>
            <Table.Th>Détail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.families.map((f) => (
            <Fragment key={f.familyId}>
              <Table.Tr>
                <Table.Td>{f.familyName}</Table.Td>
                <Table.Td>{f.qf ?? '—'}</Table.Td>
                <Table.Td>{f.lines.length}</Table.Td>
                <Table.Td>{f.anomalies.length > 0 ? <Text c="red">Tarif manquant</Text> : formatEuros(f.totalCents)}</Table.Td>
                <Table.Td>
                  <Button variant="default" size="xs" onClick={() => setOpen(open === f.familyId ? null : f.familyId)} aria-expanded={open === f.familyId}>
                    {open === f.familyId ? 'Masquer' : 'Voir les lignes'}
                    <VisuallyHidden> de {f.familyName}</VisuallyHidden>
                  </Button>
                </Table.Td>
              </Table.Tr>
              {open === f.familyId && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Stack gap={4}>
                      {f.anomalies.map((a) => (
                        <Text key={a} c="red" size="sm">
                          {a}
                        </Text>
                      ))}
                      {f.lines.map((l, i) => (
                        <Text key={i} size="sm">
                          <strong>{l.childName}</strong> — {l.serviceName} — {l.label} {period(l.dateFrom, l.dateTo)} : {l.quantity} × {formatEuros(l.unitPriceCents)} ={' '}
                          {formatEuros(l.amountCents)}. <em>{l.explanation}</em>
                        </Text>
                      ))}
                      {f.notBilled.map((n, i) => (
                        <Text key={`n${i}`} size="sm" c="dimmed">
                          {n.childName} — {n.serviceName} — {n.unitName} : {n.dates.length} jour{n.dates.length > 1 ? 's' : ''} non facturé{n.dates.length > 1 ? 's' : ''} ({n.explanation})
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function RunForm({ options }: { options: InvoicingOptions }) {
  const [month, setMonth] = useState(options.defaultMonth);
  const [serviceIds, setServiceIds] = useState<string[]>(options.services.filter((s) => s.active).map((s) => String(s.id)));
  const [errors, setErrors] = useState<FormErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<PreviewDto | null>(null);
  const [run, setRun] = useState<RunDto | null>(null);
  const [busy, setBusy] = useState(false);

  const input = { month, serviceIds: serviceIds.map(Number) };

  useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(() => {
      invoicingApi.run(run.id).then(setRun, (e: unknown) => setError(toApiError(e)));
    }, 500);
    return () => clearTimeout(timer);
  }, [run]);

  function check(): boolean {
    const found = zodErrors(invoicingRunSchema, input);
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setRun(null);
    if (!check()) return;
    setBusy(true);
    try {
      setPreview(await invoicingApi.preview(input.month, input.serviceIds));
    } catch (caught) {
      setPreview(null);
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function issue() {
    setError(null);
    if (!check()) return;
    setBusy(true);
    try {
      setRun(await invoicingApi.start(input.month, input.serviceIds));
      setPreview(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      <form onSubmit={(event) => void showPreview(event)} noValidate aria-label="Facturer un mois">
        <Stack gap="sm">
          <TextInput type="month" label="Mois à facturer" required value={month} onChange={(e) => setMonth(e.currentTarget.value)} error={errors.month} style={{ maxWidth: 220 }} />
          <Checkbox.Group label="Services" value={serviceIds} onChange={setServiceIds} error={errors.serviceIds}>
            <Group mt={4}>
              {options.services.map((s) => (
                <Checkbox key={s.id} value={String(s.id)} label={s.name} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" variant="default" loading={busy && !run}>
              Aperçu
            </Button>
            <Button onClick={() => void issue()} disabled={busy || run?.status === 'running'}>
              Émettre les factures
            </Button>
          </Group>
        </Stack>
      </form>
      {error && <ErrorAlert error={error} title="Facturation impossible" />}
      {run && <RunProgress run={run} />}
      {run?.status === 'completed' && (
        <Text>
          <Link to={`/facturation/factures?month=${run.month}`}>Voir les factures {ofMonthLabel(run.monthLabel)}</Link>
        </Text>
      )}
      {preview && <Preview preview={preview} />}
    </Stack>
  );
}

/** « Facturation du mois »: choose the month and services, preview every family's lines and why, then issue. */
export function RunPage() {
  const { state } = useResource(invoicingApi.options);
  return (
    <Stack gap="md">
      <PageTitle
        title="Facturation"
        description="Un mois terminé se facture une fois : chaque famille reçoit une facture, numérotée sans trou. Vérifiez l’aperçu avant d’émettre ; une erreur se corrige ensuite par un avoir."
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'ready' && <RunForm options={state.data} />}
    </Stack>
  );
}
