import { ConfirmAction } from '../../../components/ConfirmAction';
import { EditableSection } from '../../../components/EditableSection';
import { Facts } from '../../../components/Facts';
import { removeConjoint, saveConjoint } from '../../../family/api';
import type { FamilyFile, Guardian } from '../../../family/types';
import { guardianFacts } from '../profil/GuardianSection';
import { GuardianForm } from '../profil/GuardianForm';

/** "Votre conjoint": the second adult of the household, added, edited or removed here. */
export function ConjointSection({ conjoint, onSaved }: { conjoint: Guardian | null; onSaved: (file: FamilyFile) => void }) {
  return (
    <EditableSection
      title="Conjoint"
      editLabel="Modifier le conjoint"
      addLabel={conjoint ? undefined : 'Ajouter un conjoint'}
      form={({ close, saved }) => (
        <GuardianForm
          guardian={conjoint}
          groups={['personnelles', 'coordonnees', 'professionnelles']}
          conjoint
          save={saveConjoint}
          submitLabel="Enregistrer"
          onCancel={close}
          onSaved={(file) => {
            onSaved(file);
            saved(conjoint ? 'Les informations du conjoint sont enregistrées.' : 'Le conjoint est ajouté à votre foyer.');
          }}
        />
      )}
    >
      {(notify) =>
        conjoint ? (
          <>
            <Facts
              items={[
                ...guardianFacts(conjoint, 'personnelles'),
                { label: 'Adresse e-mail', value: conjoint.email },
                ...guardianFacts(conjoint, 'coordonnees'),
                ...guardianFacts(conjoint, 'professionnelles'),
              ]}
            />
            <ConfirmAction
              label="Retirer le conjoint"
              question={`Retirer ${conjoint.firstName} ${conjoint.lastName} de votre foyer ?`}
              confirmLabel="Oui, retirer le conjoint"
              onConfirm={async () => {
                onSaved(await removeConjoint());
                notify('Le conjoint est retiré de votre foyer.');
              }}
            />
          </>
        ) : (
          <p className="muted">Aucun conjoint n’est renseigné.</p>
        )
      }
    </EditableSection>
  );
}
