import { Link } from 'react-router';
import { hasValidQf } from '../../../../../../shared/tariffs/rules';
import type { Household } from '../../../family/types';
import { todayInFrance } from '../../../format';

/**
 * Without a valid QF (none, not checked yet, or past its validity date) the highest bracket
 * applies: the family is told so, and where to send the justificatif. Families living outside the
 * commune pay the Extérieur tariff whatever their QF, so they are not asked for one.
 */
export function QfTariffNotice({ household, today = todayInFrance() }: { household: Household; today?: string }) {
  if (household.outsideCommune || hasValidQf(household, today)) return null;
  return (
    <p className="notice" data-testid="qf-tariff-notice">
      Sans quotient familial valide, le tarif de la tranche la plus haute s’applique. Transmettez votre justificatif de QF dans{' '}
      <Link to="/espace/documents?type=justificatif_qf">Documents</Link>.
    </p>
  );
}
