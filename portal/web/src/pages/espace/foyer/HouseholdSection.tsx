import { Link } from 'react-router';
import { EditableSection } from '../../../components/EditableSection';
import { Facts } from '../../../components/Facts';
import { INVOICE_DELIVERY_LABELS } from '../../../family/labels';
import type { FamilyFile, Household } from '../../../family/types';
import { formatDate } from '../../../format';
import { HouseholdForm } from './HouseholdForm';
import { QfTariffNotice } from './QfTariffNotice';

/** "Les informations complémentaires": QF, CAF, personnes à charge, réception des factures. */
export function HouseholdSection({ household, onSaved }: { household: Household; onSaved: (file: FamilyFile) => void }) {
  const qf =
    household.qf === null
      ? null
      : household.qfValidUntil
        ? `${household.qf} (valable jusqu’au ${formatDate(household.qfValidUntil)})`
        : String(household.qf);
  return (
    <EditableSection
      title="Informations complémentaires"
      editLabel="Modifier les informations complémentaires"
      form={({ close, saved }) => (
        <HouseholdForm
          household={household}
          onCancel={close}
          onSaved={(file) => {
            onSaved(file);
            saved('Les informations complémentaires sont enregistrées.');
          }}
        />
      )}
    >
      <QfTariffNotice household={household} />
      <Facts
        items={[
          { label: 'Quotient familial (QF)', value: qf },
          { label: 'Numéro d’allocataire CAF', value: household.cafNumber },
          { label: 'Nom de l’allocataire', value: household.allocataireName },
          {
            label: 'Personnes à charge',
            value: household.dependantsCount === null ? null : String(household.dependantsCount),
          },
          { label: 'Réception des factures', value: INVOICE_DELIVERY_LABELS[household.invoiceDelivery] },
        ]}
      />
      <p className="field__hint">
        Votre quotient familial fixe vos tarifs : transmettez-en le justificatif dans{' '}
        <Link to="/espace/documents?type=justificatif_qf">Documents</Link>.
      </p>
    </EditableSection>
  );
}
