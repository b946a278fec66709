import { EditableSection } from '../../../components/EditableSection';
import { Facts, type Fact } from '../../../components/Facts';
import { saveChild } from '../../../family/api';
import { SEX_LABELS } from '../../../family/labels';
import type { Child } from '../../../family/types';
import { formatDate } from '../../../format';
import { CHILD_GROUP_TITLES, type ChildGroup } from './ChildFields';
import { ChildForm } from './ChildForm';

const EDIT_LABELS: Record<ChildGroup, string> = {
  identite: 'Modifier l’identité',
  ecole: 'Modifier l’école et la classe',
  complementaires: 'Modifier les informations complémentaires',
};

const yesNo = (v: boolean) => (v ? 'Oui' : 'Non');

function facts(c: Child, group: ChildGroup): Fact[] {
  switch (group) {
    case 'identite':
      return [
        { label: 'Nom', value: c.lastName },
        { label: 'Prénom', value: c.firstName },
        { label: 'Date de naissance', value: formatDate(c.birthDate) },
        { label: 'Sexe', value: c.sex && SEX_LABELS[c.sex] },
      ];
    case 'ecole':
      return [
        { label: 'École', value: c.school },
        { label: 'Classe', value: c.classLevel },
      ];
    case 'complementaires':
      return [
        { label: 'Droit à l’image', value: c.imageRights ? 'Autorisé' : 'Non autorisé' },
        { label: 'Rentre seul', value: yesNo(c.mayLeaveAlone) },
        { label: 'Autres informations', value: c.notes },
      ];
  }
}

/** Identité, École et classe, Informations complémentaires: parts of one ChildInput. */
export function ChildSection({ group, child, onSaved }: { group: ChildGroup; child: Child; onSaved: (c: Child) => void }) {
  return (
    <EditableSection
      title={CHILD_GROUP_TITLES[group]}
      editLabel={EDIT_LABELS[group]}
      form={({ close, saved }) => (
        <ChildForm
          child={child}
          groups={[group]}
          save={(input) => saveChild(child.id, input)}
          submitLabel="Enregistrer"
          onCancel={close}
          onSaved={(c) => {
            onSaved(c);
            saved(`${CHILD_GROUP_TITLES[group]} : modifications enregistrées.`);
          }}
        />
      )}
    >
      <Facts items={facts(child, group)} />
    </EditableSection>
  );
}
