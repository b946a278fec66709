import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { waitForMail } from './mailbox';
import { BACKOFFICE, PORTAL_URL } from './ports';

// Acceptance of issue 6 (requests to process) against the demo store (tests/browser/server.ts,
// clock 2026-11-26 09:00): the demo parent asks for a Wednesday of ALSH (manual approval), the
// agent sees the line in « Demandes » and accepts it, the parent receives ACCEPTÉE over SMTP.

const DEMO_PASSWORD = 'Marelle-Demo-2026';
const PARENT = 'famille@demo.fr';
const DAY = '2027-01-27';

async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function staffLogin(page: Page, email: string) {
  await page.goto(`${BACKOFFICE}/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
}

/** The parent's request through the portal's API, as the portal app sends it. */
async function parentBooksWednesday(request: APIRequestContext): Promise<{ requestId: number; bookingId: number }> {
  const login = await request.post(`${PORTAL_URL}/api/auth/login`, { data: { email: PARENT, password: DEMO_PASSWORD }, headers: { origin: PORTAL_URL } });
  expect(login.status()).toBe(200);
  const state = await request.storageState();
  const csrf = state.cookies.find((c) => c.name === 'marelle_csrf')?.value ?? '';
  const catalog = (await (await request.get(`${PORTAL_URL}/api/family/booking/catalog`)).json()) as {
    children: { id: number; firstName: string }[];
    services: { code: string; units: { id: number; code: string }[] }[];
  };
  const leo = catalog.children.find((c) => c.firstName === 'Léo');
  const journee = catalog.services.find((s) => s.code === 'alsh_mercredi')?.units.find((u) => u.code === 'journee');
  expect(leo && journee).toBeTruthy();
  const res = await request.post(`${PORTAL_URL}/api/family/requests`, {
    data: { lines: [{ action: 'book', childId: leo?.id, date: DAY, unitId: journee?.id }] },
    headers: { 'x-csrf-token': csrf, origin: PORTAL_URL },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { requestId: number; lines: { bookingId: number; outcome: string }[] };
  expect(body.lines[0]?.outcome).toBe('pending');
  return { requestId: body.requestId, bookingId: body.lines[0]?.bookingId ?? 0 };
}

test.describe('back-office — demandes', () => {
  test('a parent’s Wednesday request is accepted by staff; the parent receives ACCEPTÉE by e-mail', async ({ page, request }) => {
    test.setTimeout(60_000);
    const { requestId, bookingId } = await parentBooksWednesday(request);
    await waitForMail((m) => m.to.includes(PARENT) && m.subject.startsWith(`Votre demande de réservation n° ${requestId}`));

    await staffLogin(page, 'agent@mairie.demo');
    await page.getByRole('link', { name: 'Demandes', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demandes' })).toBeVisible();
    const filters = page.getByRole('search', { name: 'Filtres des demandes' });
    await filters.getByLabel('Service').selectOption({ label: 'ALSH du mercredi' });
    await filters.getByLabel('Jour').fill(DAY);
    const table = page.getByRole('table', { name: 'Demandes à traiter' });
    const line = table.getByTestId(`line-${bookingId}`);
    await expect(line).toContainText('Léo Lefèvre');
    await expect(line).toContainText('Famille Lefèvre');
    await expect(line).toContainText('48 places');
    await expect(table.getByRole('row')).toHaveCount(2);
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the line's checkbox, then the selection's « Accepter ».
    const checkbox = line.getByRole('checkbox', { name: `Sélectionner la ligne n° ${bookingId} (Léo Lefèvre, 27/01/2027)` });
    await checkbox.focus();
    await page.keyboard.press('Space');
    await expect(checkbox).toBeChecked();
    await expect(page.getByText('1 ligne sélectionnée.')).toBeVisible();
    await page.getByRole('button', { name: 'Accepter la sélection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accepter la ligne' });
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Accepter' }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 ligne acceptée.' })).toBeVisible();
    await expect(table).toBeHidden();
    await expect(page.getByText('Aucune demande en attente de traitement.')).toBeVisible();

    const mail = await waitForMail((m) => m.to.includes(PARENT) && m.subject.startsWith(`Suite donnée à votre demande n° ${requestId}`));
    expect(mail.text).toContain(`Votre demande n° ${requestId} du 26/11/2026 :`);
    expect(mail.text).toContain('27/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : ACCEPTÉE');

    // The scheduled jobs, linked from the area.
    await page.getByRole('link', { name: 'Tâches planifiées' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tâches planifiées' })).toBeVisible();
    const jobs = page.getByRole('table', { name: 'Tâches planifiées' });
    await expect(jobs.getByRole('row', { name: /Refus automatique des demandes sans place/ })).toContainText('Réussie');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a refusal needs a reason of at most 300 characters', async ({ page }) => {
    await staffLogin(page, 'agent@mairie.demo');
    await page.goto(`${BACKOFFICE}/#/demandes`);
    const table = page.getByRole('table', { name: 'Demandes à traiter' });
    const first = table.getByRole('button', { name: /^Refuser la ligne/ }).first();
    await first.click();
    const dialog = page.getByRole('dialog', { name: 'Refuser la ligne' });
    await dialog.getByLabel('Motif', { exact: true }).selectOption({ label: 'Autre motif (texte libre)' });
    await dialog.getByLabel('Motif du refus').fill('x'.repeat(301));
    await dialog.getByRole('button', { name: 'Refuser' }).click();
    await expect(dialog.getByText('Le motif du refus ne peut pas dépasser 300 caractères : raccourcissez-le.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
  });
});
