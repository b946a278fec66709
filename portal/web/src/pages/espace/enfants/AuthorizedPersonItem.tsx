import { ConfirmAction } from '../../../components/ConfirmAction';
import { EditableSection } from '../../../components/EditableSection';
import { Facts } from '../../../components/Facts';
import { removeAuthorizedPerson, saveAuthorizedPerson } from '../../../family/api';
import type { AuthorizedPerson, Child } from '../../../family/types';
import { telHref } from '../../../format';
import { AuthorizedPersonForm } from './AuthorizedPersonForm';

export function AuthorizedPersonItem({
  childId,
  person,
  onChanged,
  onRemoved,
}: {
  childId: number;
  person: AuthorizedPerson;
  onChanged: (c: Child, notice: string) => void;
  onRemoved: (c: Child, notice: string) => void;
}) {
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <li className="item">
      <EditableSection
        variant="sub"
        level={3}
        title={name}
        editLabel={`Modifier ${name}`}
        form={({ close }) => (
          <AuthorizedPersonForm
            person={person}
            submitLabel="Enregistrer"
            save={(input) => saveAuthorizedPerson(childId, person.id, input)}
            onCancel={close}
            onSaved={(c) => {
              onChanged(c, `${name} : modifications enregistrées.`);
              close();
            }}
          />
        )}
      >
        <Facts
          items={[
            { label: 'Portable', value: <a href={telHref(person.mobile)}>{person.mobile}</a> },
            { label: 'Lien avec l’enfant', value: person.relationship },
          ]}
        />
        <ConfirmAction
          label={`Retirer ${name}`}
          visibleLabel="Retirer"
          question={`Retirer ${name} des personnes autorisées ?`}
          confirmLabel="Oui, retirer"
          onConfirm={async () => {
            onRemoved(await removeAuthorizedPerson(childId, person.id), `${name} est retiré(e) des personnes autorisées.`);
          }}
        />
      </EditableSection>
    </li>
  );
}
