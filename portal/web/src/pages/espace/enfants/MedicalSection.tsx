import { Link } from 'react-router';
import { EditableSection } from '../../../components/EditableSection';
import { Facts } from '../../../components/Facts';
import { DIET_LABELS } from '../../../family/labels';
import type { Child } from '../../../family/types';
import { MedicalForm } from './MedicalForm';

/** The fiche sanitaire: allergies, PAI, régime, médecin, vaccinations. */
export function MedicalSection({ child, onSaved }: { child: Child; onSaved: (c: Child) => void }) {
  const m = child.medical;
  const diet = m.dietDetails ? `${DIET_LABELS[m.diet]} — ${m.dietDetails}` : DIET_LABELS[m.diet];
  const vaccinations =
    m.vaccinationsUpToDate === null ? null : m.vaccinationsUpToDate ? 'À jour' : 'Pas à jour';
  return (
    <EditableSection
      title="Fiche sanitaire"
      editLabel="Modifier la fiche sanitaire"
      form={({ close, saved }) => (
        <MedicalForm
          child={child}
          onCancel={close}
          onSaved={(c) => {
            onSaved(c);
            saved('La fiche sanitaire est enregistrée.');
          }}
        />
      )}
    >
      <Facts
        items={[
          { label: 'Allergies', value: m.allergies ?? 'Aucune allergie signalée' },
          { label: 'PAI (projet d’accueil individualisé)', value: m.hasPai ? (m.paiDetails ?? 'Oui') : 'Non' },
          { label: 'Régime alimentaire', value: diet },
          {
            label: 'Médecin traitant',
            value: [m.doctorName, m.doctorPhone].filter(Boolean).join(' — '),
          },
          {
            label: 'Vaccinations',
            value: [vaccinations, m.vaccinationNotes].filter(Boolean).join(' — '),
          },
          { label: 'Autres informations médicales', value: m.otherNotes },
        ]}
      />
      {m.hasPai && (
        <p className={m.paiDocumentId ? 'muted' : 'notice'}>
          {m.paiDocumentId ? 'Le document du PAI est transmis. ' : 'Transmettez le document du PAI signé. '}
          <Link to={`/espace/documents?type=pai&enfant=${child.id}`}>Documents</Link>
        </p>
      )}
    </EditableSection>
  );
}
