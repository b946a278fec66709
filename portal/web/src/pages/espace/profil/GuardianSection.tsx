import { EditableSection } from '../../../components/EditableSection';
import { Facts, type Fact } from '../../../components/Facts';
import { useRefreshMe } from '../../../espaceContext';
import type { FamilyFile, Guardian, GuardianInput } from '../../../family/types';
import { formatDate } from '../../../format';
import { GUARDIAN_GROUP_TITLES, type GuardianGroup } from './GuardianFields';
import { GuardianForm } from './GuardianForm';

const EDIT_LABELS: Record<GuardianGroup, string> = {
  coordonnees: 'Modifier les coordonnées',
  personnelles: 'Modifier les informations personnelles',
  professionnelles: 'Modifier les informations professionnelles',
};

const SAVED: Record<GuardianGroup, string> = {
  coordonnees: 'Vos coordonnées sont enregistrées.',
  personnelles: 'Vos informations personnelles sont enregistrées.',
  professionnelles: 'Vos informations professionnelles sont enregistrées.',
};

const CIVILITY_LABELS = { 'M.': 'Monsieur', Mme: 'Madame' } as const;

function lines(...parts: (string | null)[]) {
  const kept = parts.filter((p): p is string => Boolean(p));
  if (kept.length === 0) return null;
  return kept.map((line, i) => (
    <span key={i} className="facts__line">
      {line}
    </span>
  ));
}

export function guardianFacts(g: Guardian, group: GuardianGroup): Fact[] {
  switch (group) {
    case 'coordonnees':
      return [
        { label: 'Adresse', value: lines(g.addressLine1, g.addressLine2, [g.postalCode, g.city].filter(Boolean).join(' ')) },
        { label: 'Téléphone portable', value: g.phoneMobile },
        { label: 'Téléphone fixe', value: g.phoneHome },
      ];
    case 'personnelles':
      return [
        { label: 'Civilité', value: g.civility && CIVILITY_LABELS[g.civility] },
        { label: 'Nom', value: g.lastName },
        { label: 'Prénom', value: g.firstName },
        { label: 'Date de naissance', value: g.birthDate && formatDate(g.birthDate) },
      ];
    case 'professionnelles':
      return [
        { label: 'Employeur', value: g.employer },
        { label: 'Profession', value: g.profession },
        { label: 'Téléphone professionnel', value: g.phoneWork },
      ];
  }
}

/** One block of "Mon profil", read-only until its pencil is clicked. */
export function GuardianSection({
  group,
  guardian,
  save,
  onSaved,
}: {
  group: GuardianGroup;
  guardian: Guardian;
  save: (input: GuardianInput) => Promise<FamilyFile>;
  onSaved: (file: FamilyFile) => void;
}) {
  const refreshMe = useRefreshMe();
  return (
    <EditableSection
      title={GUARDIAN_GROUP_TITLES[group]}
      editLabel={EDIT_LABELS[group]}
      form={({ close, saved }) => (
        <GuardianForm
          guardian={guardian}
          groups={[group]}
          save={save}
          submitLabel="Enregistrer"
          onCancel={close}
          onSaved={(file) => {
            onSaved(file);
            saved(SAVED[group]);
            // The family's name is shown in the header.
            if (group === 'personnelles') void refreshMe().catch(() => undefined);
          }}
        />
      )}
    >
      <Facts items={guardianFacts(guardian, group)} />
    </EditableSection>
  );
}
