import { Tabs } from '@mantine/core';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../session';
import { DebitRunsPage } from './DebitRunsPage';
import { DeskPaymentPage } from './DeskPaymentPage';
import { PayfipPage } from './PayfipPage';
import { PaymentListPage } from './PaymentListPage';
import { PaymentSettingsPage } from './PaymentSettingsPage';

const TABS = [
  { value: 'liste', label: 'Règlements' },
  { value: 'nouveau', label: 'Enregistrer un règlement' },
  { value: 'payfip', label: 'Paiements en ligne (PayFiP)' },
  { value: 'prelevements', label: 'Prélèvements SEPA' },
  { value: 'parametres', label: 'Paramètres', admin: true },
] as const;

/** The « Paiements » area: payments list, desk payments, PayFiP transactions, debit runs, settings. */
export function PaymentsArea() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const sub = /\/paiements\/?([^/]*)/.exec(location.pathname)?.[1] || 'liste';
  const tabs = TABS.filter((t) => !('admin' in t) || user.role === 'admin');
  return (
    <>
      <Tabs value={sub} onChange={(value) => void navigate(value && value !== 'liste' ? `/paiements/${value}` : '/paiements')} mb="md">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<PaymentListPage />} />
        <Route path="nouveau" element={<DeskPaymentPage />} />
        <Route path="payfip" element={<PayfipPage />} />
        <Route path="prelevements" element={<DebitRunsPage />} />
        <Route path="parametres" element={<PaymentSettingsPage />} />
      </Routes>
    </>
  );
}
