/** Onglet « Accueils et activités »: what a family books on a day, its times, and what cannot be booked together. */
import { Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { UNIT_KINDS, unitInputSchema } from '../../../../shared/schemas/services';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { textOrNull, useForm, zodErrors } from '../../forms';
import { servicesApi, type UnitBody, type UnitDto } from '../../servicesApi';
import { ConfirmModal, FormButtons, useSubmit } from './common';
import { UNIT_KIND_LABELS } from './format';
import type { ServiceTabProps } from './ServicePage';

interface UnitValues {
  code: string;
  name: string;
  kind: string;
  startTime: string;
  endTime: string;
  active: boolean;
  incompatibleWith: number[];
}

function valuesOf(unit: UnitDto | null): UnitValues {
  return {
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    kind: unit?.kind ?? 'accueil',
    startTime: unit?.startTime ?? '',
    endTime: unit?.endTime ?? '',
    active: unit?.active ?? true,
    incompatibleWith: unit?.incompatibleWith ?? [],
  };
}

function toBody(values: UnitValues): UnitBody {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind as UnitDto['kind'],
    startTime: textOrNull(values.startTime),
    endTime: textOrNull(values.endTime),
    active: values.active,
    incompatibleWith: values.incompatibleWith,
  };
}

function UnitForm({
  serviceId,
  unit,
  units,
  onCancel,
  onSaved,
}: {
  serviceId: number;
  unit: UnitDto | null;
  units: UnitDto[];
  onCancel: () => void;
  onSaved: (unit: UnitDto) => void;
}) {
  const form = useForm({ initialValues: valuesOf(unit), validate: (values) => zodErrors(unitInputSchema, toBody(values)) });
  const { saving, error, run } = useSubmit(form);
  const input = form.getInputProps;
  const others = units.filter((u) => u.id !== unit?.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const body = toBody(form.values);
      onSaved(unit ? await servicesApi.updateUnit(serviceId, unit.id, body) : await servicesApi.createUnit(serviceId, body));
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={unit ? 'Modifier l’accueil' : 'Nouvel accueil ou activité'}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Nom" required placeholder="Ex. : Journée (repas compris)" {...input('name')} />
          <TextInput label="Code" required placeholder="Ex. : journee" description="Lettres minuscules, chiffres, « - » ou « _ »." {...input('code')} />
          <NativeSelect
            label="Type"
            description="Un accueil est proposé chaque jour d’ouverture ; une activité (sortie, stage) les jours choisis."
            data={UNIT_KINDS.map((value) => ({ value, label: UNIT_KIND_LABELS[value] }))}
            {...input('kind')}
          />
          <Switch label="Proposé aux familles" mt="lg" {...form.getCheckboxProps('active')} />
          <TextInput label="Heure de début" placeholder="07:30" description="Format HH:MM ; vide si sans horaire." {...input('startTime')} />
          <TextInput label="Heure de fin" placeholder="18:30" {...input('endTime')} />
        </SimpleGrid>
        {others.length > 0 && (
          <Checkbox.Group
            label="Ne peut pas être réservé le même jour que"
            description="L’incompatibilité vaut dans les deux sens : si la journée exclut le matin, le matin exclut la journée."
            value={form.values.incompatibleWith.map(String)}
            onChange={(value) => form.setFieldValue('incompatibleWith', value.map(Number))}
            error={form.errors['incompatibleWith']}
          >
            <Group gap="md" mt={4}>
              {others.map((u) => (
                <Checkbox key={u.id} value={String(u.id)} label={u.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
        <FormButtons saving={saving} submitLabel={unit ? 'Enregistrer' : 'Ajouter'} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function UnitsTab({ detail, reload }: ServiceTabProps) {
  const serviceId = detail.service.id;
  const [editing, setEditing] = useState<UnitDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<UnitDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Map(detail.units.map((u) => [u.id, u.name]));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text maw={720}>
          Ce que les familles cochent pour une journée (repas, matin, soir, journée, après-midi…) avec ses horaires, et les activités
          (sorties, stages) proposées certains jours seulement, depuis les jours d’ouverture d’une période.
        </Text>
        <Button
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          Nouvel accueil ou activité
        </Button>
      </Group>
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {detail.units.length === 0 ? (
        <Text c="dimmed">Aucun accueil : ajoutez-en un avec « Nouvel accueil ou activité ».</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder aria-label="Accueils et activités du service">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nom</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Horaires</Table.Th>
                <Table.Th>Incompatible avec</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.units.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {u.name}
                      </Text>
                      {!u.active && (
                        <Badge color="gray" variant="dot" tt="none">
                          Non proposé
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.code}</Table.Td>
                  <Table.Td>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
                  <Table.Td>{u.startTime && u.endTime ? `${u.startTime} – ${u.endTime}` : '—'}</Table.Td>
                  <Table.Td>{u.incompatibleWith.length > 0 ? u.incompatibleWith.map((id) => names.get(id) ?? id).join(', ') : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" miw="max-content">
                      <Button size="compact-sm" variant="default" aria-label={`Modifier ${u.name}`} onClick={() => setEditing(u)}>
                        Modifier
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" aria-label={`Supprimer ${u.name}`} onClick={() => setDeleting(u)}>
                        Supprimer
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Nouvel accueil ou activité' : 'Modifier l’accueil'}>
        {editing !== null && (
          <UnitForm
            serviceId={serviceId}
            unit={editing === 'new' ? null : editing}
            units={detail.units}
            onCancel={() => setEditing(null)}
            onSaved={(unit) => {
              setNotice(`« ${unit.name} » est enregistré.`);
              setEditing(null);
              reload();
            }}
          />
        )}
      </AppModal>

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Supprimer l’accueil"
        confirmLabel="Supprimer"
        errorTitle="Suppression impossible"
        color="red.9"
        onConfirm={async () => {
          if (!deleting) return;
          await servicesApi.deleteUnit(serviceId, deleting.id);
          setNotice(`« ${deleting.name} » est supprimé.`);
          setDeleting(null);
          reload();
        }}
      >
        <Text>
          « {deleting?.name} » sera supprimé avec ses tarifs. S’il a déjà été réservé, il ne peut pas l’être : décochez plutôt « Proposé aux
          familles ».
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
