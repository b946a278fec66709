import { expect, test } from '@playwright/test';
import { BACKOFFICE } from './ports';
import { DEMO_PASSWORD, seriousViolations } from './helpers';

// Acceptance of issue 9 on the demo store (MARELLE_DEMO=1: online payment goes through the PayFiP
// simulator built into the server). The demo parent needs an invoice: the October 2026 run is
// issued through the staff API unless an earlier spec (invoicing) already did.
const NOW = new Date('2026-11-26T09:00:00+01:00');
const MONTH = '2026-10';

test.describe.serial('Paiements — acceptance of issue 9', () => {
  test('the demo parent pays an invoice through the PayFiP simulator and sees it « payée »; staff see the payment', async ({ page, browser, playwright }) => {
    test.setTimeout(90_000);
    const staffApi = await playwright.request.newContext({ baseURL: BACKOFFICE });
    const login = await staffApi.post('/api/staff/auth/login', { data: { email: 'agent@mairie.demo', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const options = (await (await staffApi.get('/api/staff/invoicing/options')).json()) as { services: { id: number; active: boolean }[] };
    const run = await staffApi.post('/api/staff/invoicing/runs', {
      data: { month: MONTH, serviceIds: options.services.filter((s) => s.active).map((s) => s.id) },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect([202, 400, 409]).toContain(run.status());

    await page.clock.setFixedTime(NOW);
    await page.goto('/');
    await page.getByLabel('Identifiant').fill('famille@demo.fr');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/espace$/);

    // Wait for the run to reach the demo family.
    let invoice: { id: number; number: string; month: string; amountDueCents: number; status: string } | undefined;
    await expect
      .poll(
        async () => {
          const list = (await (await page.request.get('/api/family/invoices')).json()) as { invoices: NonNullable<typeof invoice>[] };
          invoice = list.invoices.find((i) => i.month === MONTH);
          return invoice?.number ?? null;
        },
        { timeout: 45_000 },
      )
      .not.toBeNull();
    expect(invoice?.status).not.toBe('paid');

    await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Factures', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: invoice?.number ?? '' }).first();
    await row.getByRole('button', { name: /^Régler/ }).click();

    // PayFiP's page (the simulator): the amount is the invoice's, to the cent. A first attempt is refused.
    await expect(page.getByRole('heading', { name: 'Simulateur PayFiP' })).toBeVisible();
    const euros = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format((invoice?.amountDueCents ?? 0) / 100);
    await expect(page.locator('#montant')).toHaveText(`${euros} €`);
    await page.getByRole('button', { name: 'Simuler un refus de la carte' }).click();
    await expect(page).toHaveURL(/\/espace\/factures\/paiement\/\d+$/);
    await expect(page.getByText('Paiement refusé.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // « Régler » again from the result page, and this time pay.
    await page.getByRole('button', { name: /^Régler/ }).click();
    await expect(page.getByRole('heading', { name: 'Simulateur PayFiP' })).toBeVisible();
    await page.getByRole('button', { name: 'Payer' }).click();

    // Back on the portal: the result, re-read from PayFiP.
    await expect(page).toHaveURL(/\/espace\/factures\/paiement\/\d+$/);
    await expect(page.getByText('Paiement accepté.')).toBeVisible();
    await expect(page.getByText(`La facture ${invoice?.number ?? ''} est payée`)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Retour à mes factures' }).click();
    await expect(page.getByRole('row').filter({ hasText: invoice?.number ?? '' }).first()).toContainText('Payée');

    // Staff see it in « Paiements ».
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await staff.goto(`${BACKOFFICE}/`);
    await staff.getByLabel('Adresse e-mail').fill('agent@mairie.demo');
    await staff.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: 'Se connecter' }).click();
    await expect(staff.getByRole('button', { name: 'Se déconnecter' }).or(staff.getByRole('button', { name: /menu/i })).first()).toBeVisible();
    await staff.goto(`${BACKOFFICE}/#/paiements`);
    await expect(staff.getByRole('heading', { level: 1, name: 'Règlements' })).toBeVisible();
    const paymentRow = staff.getByRole('row').filter({ hasText: invoice?.number ?? '' });
    await expect(paymentRow).toContainText('Carte bancaire (PayFiP)');
    await expect(paymentRow).toContainText('Encaissé');
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByRole('tab', { name: 'Paiements en ligne (PayFiP)' }).click();
    await expect(staff.getByRole('row').filter({ hasText: invoice?.number ?? '' }).first()).toContainText('Payée');
    await staffContext.close();
    await staffApi.dispose();
  });

  test('staff record a cheque at the desk: too much on an invoice is refused, the rest stays as credit, the receipt prints', async ({ browser, playwright }) => {
    // A family with an October invoice still to pay (issued by the previous test).
    const api = await playwright.request.newContext({ baseURL: BACKOFFICE });
    expect((await api.post('/api/staff/auth/login', { data: { email: 'agent@mairie.demo', password: DEMO_PASSWORD } })).status()).toBe(200);
    const page = (await (await api.get(`/api/staff/invoicing/invoices?month=${MONTH}&status=unpaid&kind=invoice`)).json()) as {
      items: { id: number; number: string; familyId: number; amountDueCents: number }[];
    };
    const invoice = page.items.find((i) => i.amountDueCents > 0);
    expect(invoice).toBeDefined();
    const file = (await (await api.get(`/api/staff/families/${invoice?.familyId ?? 0}`)).json()) as { account: { email: string | null }; responsable: { email: string | null } | null };
    const email = file.account.email ?? file.responsable?.email ?? '';
    expect(email).not.toBe('');
    await api.dispose();

    const context = await browser.newContext({ acceptDownloads: true });
    const staff = await context.newPage();
    await staff.clock.setFixedTime(NOW);
    await staff.goto(`${BACKOFFICE}/`);
    await staff.getByLabel('Adresse e-mail').fill('agent@mairie.demo');
    await staff.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: 'Se connecter' }).click();
    await expect(staff.getByRole('button', { name: 'Se déconnecter' }).or(staff.getByRole('button', { name: /menu/i })).first()).toBeVisible();
    await staff.goto(`${BACKOFFICE}/#/paiements/nouveau`);
    await expect(staff.getByRole('heading', { level: 1, name: 'Enregistrer un règlement' })).toBeVisible();
    await staff.getByRole('textbox', { name: 'Famille' }).fill(email);
    await staff.getByRole('button', { name: 'Rechercher' }).click();
    await staff.getByRole('button', { name: new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect(staff.getByText('Reste dû :')).toBeVisible();

    // Too much on the invoice: the shared schema's sentence, nothing recorded.
    const due = invoice?.amountDueCents ?? 0;
    const input = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    await staff.getByLabel('Montant (€)').fill(input(due + 1000));
    await staff.getByLabel(`Montant imputé sur la facture ${invoice?.number ?? ''}`).fill(input(due + 1000));
    await staff.getByLabel('N° du chèque').fill('1234567');
    await staff.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    await expect(staff.getByRole('alert')).toContainText('ne doit plus que');

    await staff.getByLabel(`Montant imputé sur la facture ${invoice?.number ?? ''}`).fill(input(due));
    await staff.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    await expect(staff.getByText('Règlement enregistré')).toBeVisible();
    await expect(staff.getByText(/Avoir de 10,00\s€ conservé/)).toBeVisible();
    expect(await seriousViolations(staff)).toEqual([]);
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: 'Télécharger le reçu (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^recu-R-\d{6}\.pdf$/);
    await context.close();
  });
});
