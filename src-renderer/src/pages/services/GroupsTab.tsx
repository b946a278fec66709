/** Onglet « Groupes »: the age groups of the service and their places. */
import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { groupInputSchema } from '../../../../shared/schemas/services';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/Feedback';
import { Notice } from '../../components/Notice';
import { inputToInteger, integerToInput, useForm, zodErrors } from '../../forms';
import { servicesApi, type GroupBody, type GroupDto } from '../../servicesApi';
import { ConfirmModal, FormButtons, useSubmit } from './common';
import type { ServiceTabProps } from './ServicePage';

interface GroupValues {
  name: string;
  minAge: string;
  maxAge: string;
  maxPlaces: string;
}

const valuesOf = (group: GroupDto | null): GroupValues => ({
  name: group?.name ?? '',
  minAge: integerToInput(group?.minAge ?? null),
  maxAge: integerToInput(group?.maxAge ?? null),
  maxPlaces: integerToInput(group?.maxPlaces ?? null),
});

const toBody = (values: GroupValues): GroupBody => ({
  name: values.name.trim(),
  minAge: inputToInteger(values.minAge),
  maxAge: inputToInteger(values.maxAge),
  maxPlaces: inputToInteger(values.maxPlaces),
});

function GroupForm({
  serviceId,
  group,
  onCancel,
  onSaved,
}: {
  serviceId: number;
  group: GroupDto | null;
  onCancel: () => void;
  onSaved: (group: GroupDto) => void;
}) {
  const form = useForm({
    initialValues: valuesOf(group),
    validate: (values) => {
      const errors = zodErrors(groupInputSchema, toBody(values));
      if (values.minAge.trim() === '') errors['minAge'] = 'Saisissez l’âge minimum.';
      if (values.maxAge.trim() === '') errors['maxAge'] = 'Saisissez l’âge maximum.';
      return errors;
    },
  });
  const { saving, error, run } = useSubmit(form);
  const input = form.getInputProps;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const body = toBody(form.values);
      onSaved(group ? await servicesApi.updateGroup(serviceId, group.id, body) : await servicesApi.createGroup(serviceId, body));
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={group ? 'Modifier le groupe' : 'Nouveau groupe'}>
      <Stack gap="md">
        <TextInput label="Nom du groupe" required placeholder="Ex. : 3-5 ans" {...input('name')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Âge minimum (ans)" required inputMode="numeric" {...input('minAge')} />
          <TextInput label="Âge maximum (ans)" required inputMode="numeric" {...input('maxAge')} />
          <TextInput label="Places par jour" inputMode="numeric" description="Vide : sans limite propre." {...input('maxPlaces')} />
        </SimpleGrid>
        {error && <ErrorAlert error={error} title="Enregistrement impossible" />}
        <FormButtons saving={saving} submitLabel={group ? 'Enregistrer' : 'Ajouter le groupe'} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function GroupsTab({ detail, reload }: ServiceTabProps) {
  const serviceId = detail.service.id;
  const [editing, setEditing] = useState<GroupDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GroupDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text maw={720}>
          Les enfants sont accueillis par groupe d’âge (3-5 ans, 6-11 ans…) : chaque groupe a ses places et son encadrement.
        </Text>
        <Button
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          Nouveau groupe
        </Button>
      </Group>
      {notice && <Notice message={notice} onClose={() => setNotice(null)} />}
      {detail.groups.length === 0 ? (
        <Text c="dimmed">Aucun groupe : ajoutez-en un avec « Nouveau groupe ».</Text>
      ) : (
        <Table striped withTableBorder aria-label="Groupes d’âge du service">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Groupe</Table.Th>
              <Table.Th>Âges</Table.Th>
              <Table.Th>Places par jour</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.groups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{g.name}</Table.Td>
                <Table.Td>
                  de {g.minAge} à {g.maxAge} ans
                </Table.Td>
                <Table.Td>{g.maxPlaces ?? 'Sans limite'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" miw="max-content">
                    <Button size="compact-sm" variant="default" aria-label={`Modifier ${g.name}`} onClick={() => setEditing(g)}>
                      Modifier
                    </Button>
                    <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" aria-label={`Supprimer ${g.name}`} onClick={() => setDeleting(g)}>
                      Supprimer
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Nouveau groupe' : 'Modifier le groupe'} size="md">
        {editing !== null && (
          <GroupForm
            serviceId={serviceId}
            group={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(group) => {
              setNotice(`Le groupe « ${group.name} » est enregistré.`);
              setEditing(null);
              reload();
            }}
          />
        )}
      </AppModal>

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Supprimer le groupe"
        confirmLabel="Supprimer"
        errorTitle="Suppression impossible"
        color="red.9"
        onConfirm={async () => {
          if (!deleting) return;
          await servicesApi.deleteGroup(serviceId, deleting.id);
          setNotice(`Le groupe « ${deleting.name} » est supprimé.`);
          setDeleting(null);
          reload();
        }}
      >
        <Text>Le groupe « {deleting?.name} » et ses règles d’encadrement seront supprimés.</Text>
      </ConfirmModal>
    </Stack>
  );
}
