import { ConfirmAction } from '../../../components/ConfirmAction';
import { Facts } from '../../../components/Facts';
import { revokeMandate } from '../../../family/api';
import { MANDATE_STATUS_LABELS } from '../../../family/labels';
import type { Mandate } from '../../../family/types';
import { formatDate } from '../../../format';

export function MandateItem({ mandate, onRevoked }: { mandate: Mandate; onRevoked: () => Promise<void> }) {
  const revocable = mandate.status === 'pending' || mandate.status === 'active';
  return (
    <li className="item">
      <h3>Mandat {mandate.rum}</h3>
      <Facts
        items={[
          { label: 'IBAN', value: <span className="mono">{mandate.ibanMasked}</span> },
          { label: 'BIC', value: mandate.bic },
          { label: 'Titulaire du compte', value: mandate.holderName },
          { label: 'Date de signature', value: formatDate(mandate.signatureDate) },
          { label: 'État', value: MANDATE_STATUS_LABELS[mandate.status] },
        ]}
      />
      {revocable && (
        <ConfirmAction
          label={`Révoquer le mandat ${mandate.rum}`}
          visibleLabel="Révoquer"
          question={`Révoquer le mandat ${mandate.rum} ? Vos factures ne seront plus prélevées sur ce compte.`}
          confirmLabel="Oui, révoquer"
          onConfirm={async () => {
            await revokeMandate(mandate.id);
            await onRevoked();
          }}
        />
      )}
    </li>
  );
}
