import { Tabs } from '@mantine/core';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { InvoiceDetailPage } from './InvoiceDetailPage';
import { InvoiceListPage } from './InvoiceListPage';
import { RunPage } from './RunPage';
import { StatementPage } from './StatementPage';

/** The « Facturation » area: the monthly run, the invoices, the families' statements. */
export function InvoicingArea() {
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.includes('/facturation/factures') || location.pathname.includes('/facturation/familles') ? 'factures' : 'run';
  return (
    <>
      <Tabs value={tab} onChange={(value) => void navigate(value === 'factures' ? '/facturation/factures' : '/facturation')} mb="md">
        <Tabs.List>
          <Tabs.Tab value="run">Facturation du mois</Tabs.Tab>
          <Tabs.Tab value="factures">Factures et avoirs</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<RunPage />} />
        <Route path="factures" element={<InvoiceListPage />} />
        <Route path="factures/:id" element={<InvoiceDetailPage />} />
        <Route path="familles/:id" element={<StatementPage />} />
      </Routes>
    </>
  );
}
