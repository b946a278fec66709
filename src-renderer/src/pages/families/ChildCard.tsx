import { Badge, Button, Divider, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { AppModal } from '../../components/AppModal';
import { Facts } from '../../components/Facts';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { familiesApi } from '../../familiesApi';
import { birthLabel, dietLabel, yesNo } from '../../familyFormat';
import type { AuthorizedPerson, Child, ChildFamilies, ChildSummary } from '../../types';
import { useResource } from '../../useResource';
import { ConfirmModal } from './dialogs';
import { AuthorizedPersonForm, ChildForm, MedicalForm } from './FamilyForms';
import { LinkChildModal } from './LinkChildModal';

/** The guide's rule: 4 authorized persons per child at most. */
export const MAX_AUTHORIZED_PERSONS = 4;

type Editing =
  | { kind: 'child' }
  | { kind: 'medical' }
  | { kind: 'person'; person: AuthorizedPerson | null }
  | { kind: 'removePerson'; person: AuthorizedPerson }
  | { kind: 'link' }
  | null;

function sexLabel(sex: Child['sex']): string {
  if (sex === 'F') return 'Fille';
  if (sex === 'M') return 'Garçon';
  return 'Non précisé';
}

function MedicalSummary({ child }: { child: Child }) {
  const medical = child.medical;
  return (
    <Facts
      facts={[
        { label: 'Allergies', value: medical.allergies ?? 'Aucune déclarée' },
        { label: 'PAI', value: medical.hasPai ? `Oui${medical.paiDetails ? ` — ${medical.paiDetails}` : ''}` : 'Non' },
        {
          label: 'Régime alimentaire',
          value: `${dietLabel(medical.diet)}${medical.dietDetails ? ` — ${medical.dietDetails}` : ''}`,
        },
        {
          label: 'Médecin traitant',
          value: medical.doctorName ? `${medical.doctorName}${medical.doctorPhone ? ` (${medical.doctorPhone})` : ''}` : null,
        },
        {
          label: 'Vaccinations à jour',
          value: `${yesNo(medical.vaccinationsUpToDate)}${medical.vaccinationNotes ? ` — ${medical.vaccinationNotes}` : ''}`,
        },
        { label: 'Autres informations', value: medical.otherNotes },
      ]}
    />
  );
}

function ChildDetails({ child, onEdit }: { child: Child; onEdit: (editing: Editing) => void }) {
  const fullName = `${child.firstName} ${child.lastName}`;
  const persons = child.authorizedPersons;
  return (
    <Stack gap="sm">
      <Facts
        facts={[
          { label: 'Date de naissance', value: birthLabel(child.birthDate) },
          { label: 'Sexe', value: sexLabel(child.sex) },
          { label: 'École', value: child.school },
          { label: 'Classe', value: child.classLevel },
          { label: 'Droit à l’image', value: yesNo(child.imageRights) },
          { label: 'Peut rentrer seul', value: yesNo(child.mayLeaveAlone) },
          ...(child.notes ? [{ label: 'Remarques', value: child.notes }] : []),
        ]}
      />
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => onEdit({ kind: 'child' })} aria-label={`Modifier l’enfant ${fullName}`}>
          Modifier l’enfant
        </Button>
      </Group>

      <Divider />
      <Title order={4} size="h6">
        Fiche sanitaire
      </Title>
      <MedicalSummary child={child} />
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => onEdit({ kind: 'medical' })}
          aria-label={`Modifier la fiche sanitaire de ${fullName}`}
        >
          Modifier la fiche sanitaire
        </Button>
      </Group>

      <Divider />
      <Title order={4} size="h6">
        Personnes autorisées à venir chercher l’enfant ({persons.length}/{MAX_AUTHORIZED_PERSONS})
      </Title>
      {persons.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune personne autorisée.
        </Text>
      ) : (
        <List spacing={4} size="sm" listStyleType="none" ml={0} pl={0}>
          {persons.map((person) => {
            const name = `${person.firstName} ${person.lastName}`;
            return (
              <List.Item key={person.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm">
                    <strong>{name}</strong> — {person.relationship} — {person.mobile}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => onEdit({ kind: 'person', person })}
                    aria-label={`Modifier la personne autorisée ${name}`}
                  >
                    Modifier
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red.9"
                    c="red.9"
                    onClick={() => onEdit({ kind: 'removePerson', person })}
                    aria-label={`Retirer la personne autorisée ${name}`}
                  >
                    Retirer
                  </Button>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => onEdit({ kind: 'person', person: null })}
          disabled={persons.length >= MAX_AUTHORIZED_PERSONS}
          aria-label={`Ajouter une personne autorisée pour ${fullName}`}
        >
          Ajouter une personne autorisée
        </Button>
        {persons.length >= MAX_AUTHORIZED_PERSONS && (
          <Text size="xs" c="dimmed">
            {MAX_AUTHORIZED_PERSONS} personnes autorisées au maximum par enfant.
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** One child of the family: identity, fiche sanitaire, authorized persons, and their edit forms. */
export function ChildCard({
  familyId,
  summary,
  onNotice,
  onFileChanged,
}: {
  familyId: number;
  summary: ChildSummary;
  onNotice: (message: string) => void;
  onFileChanged: () => void;
}) {
  const load = useCallback(() => familiesApi.child(familyId, summary.id), [familyId, summary.id]);
  const { state, setData } = useResource(load);
  const [editing, setEditing] = useState<Editing>(null);
  const fullName = `${summary.firstName} ${summary.lastName}`;
  const titleId = `child-${summary.id}-title`;
  const close = () => setEditing(null);

  function saved(child: Child, message: string) {
    setData(child);
    setEditing(null);
    onNotice(message);
    onFileChanged();
  }

  const child = state.status === 'ready' ? state.data : null;
  const personEditing = editing?.kind === 'person' ? editing : null;
  const personRemoving = editing?.kind === 'removePerson' ? editing : null;

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={titleId} data-testid={`child-${summary.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={3} size="h5" id={titleId}>
            {fullName}
          </Title>
          <Group gap="xs">
            {summary.sharedCustody && (
              <Badge color="grape" variant="dot" tt="none">
                Garde alternée
              </Badge>
            )}
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setEditing({ kind: 'link' })}
              aria-label={`Lier ${fullName} à une autre famille (garde alternée)`}
            >
              Lier à une autre famille (garde alternée)
            </Button>
          </Group>
        </Group>
        {state.status === 'loading' && <Loading label="Chargement de la fiche de l’enfant…" />}
        {state.status === 'error' && (
          <>
            <Facts
              facts={[
                { label: 'Date de naissance', value: birthLabel(summary.birthDate) },
                { label: 'École', value: summary.school },
                { label: 'Classe', value: summary.classLevel },
              ]}
            />
            <ErrorAlert error={state.error} title="Fiche de l’enfant indisponible" />
          </>
        )}
        {child && <ChildDetails child={child} onEdit={setEditing} />}
      </Stack>

      {child && (
        <>
          <AppModal opened={editing?.kind === 'child'} onClose={close} title={`Modifier l’enfant : ${fullName}`}>
            {editing?.kind === 'child' && (
              <ChildForm
                child={child}
                submitLabel="Enregistrer l’enfant"
                onCancel={close}
                onSubmit={async (input) => {
                  saved(await familiesApi.saveChild(familyId, child.id, input), `La fiche de ${input.firstName} est enregistrée.`);
                }}
              />
            )}
          </AppModal>
          <AppModal opened={editing?.kind === 'medical'} onClose={close} title={`Fiche sanitaire : ${fullName}`}>
            {editing?.kind === 'medical' && (
              <MedicalForm
                child={child}
                onCancel={close}
                onSubmit={async (input) => {
                  saved(await familiesApi.saveMedical(familyId, child.id, input), `La fiche sanitaire de ${child.firstName} est enregistrée.`);
                }}
              />
            )}
          </AppModal>
          <AppModal
            opened={personEditing !== null}
            onClose={close}
            title={personEditing?.person ? 'Modifier une personne autorisée' : `Ajouter une personne autorisée pour ${child.firstName}`}
          >
            {personEditing && (
              <AuthorizedPersonForm
                person={personEditing.person}
                submitLabel={personEditing.person ? 'Enregistrer la personne' : 'Ajouter la personne'}
                onCancel={close}
                onSubmit={async (input) => {
                  const target = personEditing.person;
                  const updated = target
                    ? await familiesApi.saveAuthorizedPerson(familyId, child.id, target.id, input)
                    : await familiesApi.addAuthorizedPerson(familyId, child.id, input);
                  saved(updated, `${input.firstName} ${input.lastName} est enregistré(e) parmi les personnes autorisées.`);
                }}
              />
            )}
          </AppModal>
          <ConfirmModal
            opened={personRemoving !== null}
            onClose={close}
            title="Retirer une personne autorisée"
            confirmLabel="Retirer la personne"
            confirmColor="red.9"
            onConfirm={async () => {
              if (!personRemoving) return;
              const person = personRemoving.person;
              saved(
                await familiesApi.removeAuthorizedPerson(familyId, child.id, person.id),
                `${person.firstName} ${person.lastName} ne fait plus partie des personnes autorisées.`,
              );
            }}
          >
            <Text size="sm">
              {personRemoving
                ? `${personRemoving.person.firstName} ${personRemoving.person.lastName} ne pourra plus venir chercher ${child.firstName}.`
                : ''}
            </Text>
          </ConfirmModal>
        </>
      )}
      <LinkChildModal
        opened={editing?.kind === 'link'}
        onClose={close}
        child={summary}
        familyId={familyId}
        onLinked={(result: ChildFamilies) => {
          setEditing(null);
          onNotice(`${summary.firstName} est rattaché(e) aux familles : ${result.families.map((f) => f.displayName).join(', ')}.`);
          onFileChanged();
        }}
      />
    </Paper>
  );
}
