import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { SERVICE_KINDS, serviceCreateSchema } from '../../../../shared/schemas/services';
import { defaultRules } from '../../../../shared/services/rules';
import { toApiError, type ApiError } from '../../api';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { PageTitle } from '../../components/PageTitle';
import { issuesToErrors, useForm, zodErrors } from '../../forms';
import { servicesApi, type ServiceSummaryDto } from '../../servicesApi';
import { useResource } from '../../useResource';
import { NotFoundPage } from '../SimplePages';
import { APPROVAL_LABELS, KIND_LABELS, rulesSentences } from './format';
import { ServicePage } from './ServicePage';

function ServicesTable({ items }: { items: ServiceSummaryDto[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover withTableBorder aria-label="Services de la commune">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Validation des demandes</Table.Th>
            <Table.Th>Années scolaires</Table.Th>
            <Table.Th>Périodes</Table.Th>
            <Table.Th>Accueils</Table.Th>
            <Table.Th>Groupes</Table.Th>
            <Table.Th>État</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/services/${s.id}`} fw={600}>
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{KIND_LABELS[s.kind]}</Table.Td>
              <Table.Td>{APPROVAL_LABELS[s.approvalMode]}</Table.Td>
              <Table.Td>{s.schoolYears.length > 0 ? s.schoolYears.join(', ') : '—'}</Table.Td>
              <Table.Td>{s.periods}</Table.Td>
              <Table.Td>{s.units}</Table.Td>
              <Table.Td>{s.groups}</Table.Td>
              <Table.Td>
                <Badge color={s.active ? 'green' : 'gray'} variant="dot" tt="none">
                  {s.active ? 'Actif' : 'Inactif'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ServicesList() {
  const { state } = useResource(servicesApi.list);
  return (
    <Stack gap="lg">
      <PageTitle
        title="Services"
        description="Ce que la commune propose aux familles : périodes, jours d’ouverture, accueils, groupes d’âge, règles de réservation et encadrement."
        actions={
          <Button component={Link} to="/services/nouveau">
            Nouveau service
          </Button>
        }
      />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} title="Services indisponibles" />}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <Text c="dimmed">Aucun service pour l’instant : créez le premier avec « Nouveau service ».</Text>
        ) : (
          <ServicesTable items={state.data.items} />
        ))}
    </Stack>
  );
}

/** "ALSH du mercredi" → "alsh_du_mercredi": a code the admin may keep or change. */
function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

type Kind = (typeof SERVICE_KINDS)[number];

function NewServicePage() {
  const navigate = useNavigate();
  const [codeTouched, setCodeTouched] = useState(false);
  const form = useForm({
    initialValues: { name: '', code: '', kind: 'alsh_mercredi' as string },
    validate: (values) => zodErrors(serviceCreateSchema, values),
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const kind = (SERVICE_KINDS as readonly string[]).includes(form.values.kind) ? (form.values.kind as Kind) : 'autre';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || !form.validate()) return;
    setSaving(true);
    setError(null);
    try {
      const created = await servicesApi.create({ name: form.values.name.trim(), code: form.values.code.trim(), kind });
      void navigate(`/services/${created.service.id}`);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      form.setErrors(issuesToErrors(apiError.issues));
      setSaving(false);
    }
  }

  return (
    <Stack gap="lg">
      <PageTitle title="Nouveau service" />
      <Anchor component={Link} to="/services">
        ← Retour aux services
      </Anchor>
      <Paper withBorder p="md" radius="md" maw={720}>
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Nouveau service">
          <Stack gap="md">
            <TextInput
              label="Nom du service"
              required
              placeholder="Ex. : Accueil de loisirs du mercredi"
              {...form.getInputProps('name')}
              onChange={(event) => {
                const value = event.currentTarget.value;
                form.setFieldValue('name', value);
                if (!codeTouched) form.setFieldValue('code', slugOf(value));
              }}
            />
            <TextInput
              label="Code"
              required
              description="Lettres minuscules sans accent, chiffres, « - » ou « _ » : il sert dans les exports."
              {...form.getInputProps('code')}
              onChange={(event) => {
                setCodeTouched(true);
                form.setFieldValue('code', event.currentTarget.value);
              }}
            />
            <NativeSelect
              label="Type de service"
              data={SERVICE_KINDS.map((value) => ({ value, label: KIND_LABELS[value] }))}
              {...form.getInputProps('kind')}
            />
            <Stack gap={4}>
              <Text fw={600} size="sm">
                Règles appliquées au départ (celles du guide), modifiables ensuite dans l’onglet « Règles » :
              </Text>
              <ul style={{ margin: 0 }}>
                {rulesSentences(defaultRules(kind)).map((sentence) => (
                  <li key={sentence}>
                    <Text size="sm">{sentence}</Text>
                  </li>
                ))}
              </ul>
            </Stack>
            {error && <ErrorAlert error={error} title="Création impossible" />}
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/services">
                Annuler
              </Button>
              <Button type="submit" loading={saving}>
                Créer le service
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

/** The "Services" area (admin): /services, /services/nouveau, /services/:id/… */
export function ServicesArea() {
  return (
    <Routes>
      <Route index element={<ServicesList />} />
      <Route path="nouveau" element={<NewServicePage />} />
      <Route path=":serviceId/*" element={<ServicePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
