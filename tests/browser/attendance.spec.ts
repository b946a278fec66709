import { expect, test, type Page } from '@playwright/test';
import { BACKOFFICE } from './ports';
import { DEMO_PASSWORD, seriousViolations } from './helpers';

// Acceptance of issue 7 at a tablet's size (768 × 1024): the demo animator (Yann Le Goff, assigned
// to the restaurant and the périscolaire) ticks today's cantine list (Thursday 26 November 2026,
// the server's fixed clock), marks an absence with its reason, adds Jade Lefèvre — who eats at the
// cantine on Mondays, Tuesdays and Fridays only — as présent non inscrit; then the agent sees it.

const NOW = new Date('2026-11-26T09:00:00+01:00');

test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true });

async function login(page: Page, email: string) {
  await page.clock.setFixedTime(NOW);
  await page.goto(`${BACKOFFICE}/`);
  await expect(page.getByRole('heading', { name: 'Connexion au back-office' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' }).or(page.getByRole('button', { name: /menu/i })).first()).toBeVisible();
  await page.goto(`${BACKOFFICE}/#/presences`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pointage' })).toBeVisible();
}

const presence = (page: Page, name: string) => page.getByRole('group', { name: `Présence de ${name}`, exact: true });

test.describe.serial('Présences — acceptance of issue 7', () => {
  test('the animator ticks the day’s list and adds a présent non inscrit, on a tablet', async ({ page }) => {
    await login(page, 'animateur@mairie.demo');
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue(/\d+/);
    await expect(page.getByLabel('Service', { exact: true }).locator('option')).toHaveText(['Restauration scolaire', 'Accueil périscolaire']);
    await expect(page.getByLabel('Jour', { exact: true })).toHaveValue('2026-11-26');
    await expect(page.getByTestId('counters')).toContainText('0 présent');

    // One tap: présent. The button is big enough for a finger.
    const leo = presence(page, 'Léo Lefèvre').getByRole('button', { name: 'Présent' });
    const box = await leo.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await leo.tap();
    await expect(leo).toHaveAttribute('aria-pressed', 'true');

    // Another child: absent, then the reason in one more tap.
    const rows = page.locator('[data-testid^="child-"]');
    const second = rows.nth(1);
    const secondName = (await second.locator('p').first().textContent())?.trim() ?? '';
    expect(secondName).not.toBe('Léo Lefèvre');
    await presence(page, secondName).getByRole('button', { name: 'Absent' }).tap();
    await page.getByRole('group', { name: `Motif de l’absence de ${secondName}` }).getByRole('button', { name: 'Justifiée : Maladie', exact: true }).tap();
    await expect(page.getByRole('group', { name: `Motif de l’absence de ${secondName}` }).getByRole('button', { name: 'Justifiée : Maladie', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(second).toContainText('Absent : maladie');

    // Présent non inscrit: the button, the child.
    await page.getByRole('button', { name: 'Ajouter un présent non inscrit' }).tap();
    await page.getByLabel('Nom ou prénom de l’enfant').fill('Jade');
    await page.getByRole('button', { name: /^Jade Lefèvre — 4 ans/ }).tap();
    await expect(page.getByRole('status').filter({ hasText: 'Jade Lefèvre est ajouté(e) comme présent non inscrit.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retirer Jade Lefèvre de la liste' })).toBeVisible();
    await expect(page.getByTestId('counters')).toContainText('2 présents · 1 absent');

    // The browser closed and opened again: the server kept everything.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Pointage' })).toBeVisible();
    await expect(presence(page, 'Léo Lefèvre').getByRole('button', { name: 'Présent' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Retirer Jade Lefèvre de la liste' })).toBeVisible();

    // A list of a day to come can be read, not ticked.
    await page.getByLabel('Jour', { exact: true }).fill('2026-11-30');
    await expect(page.getByText('Ce jour n’est pas encore arrivé')).toBeVisible();
    await expect(presence(page, 'Léo Lefèvre').getByRole('button', { name: 'Présent' })).toBeDisabled();
    await page.getByLabel('Jour', { exact: true }).fill('2026-11-26');
    await expect(presence(page, 'Léo Lefèvre').getByRole('button', { name: 'Présent' })).toHaveAttribute('aria-pressed', 'true');

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('at phone width the list still fits: no horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'animateur@mairie.demo');
    await expect(presence(page, 'Léo Lefèvre')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test('the agent sees the animator’s ticks in the back-office, with the kitchen count', async ({ page }) => {
    await login(page, 'agent@mairie.demo');
    await expect(presence(page, 'Léo Lefèvre').getByRole('button', { name: 'Présent' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Présent non inscrit', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retirer Jade Lefèvre de la liste' })).toBeVisible();
    await expect(page.getByTestId('counters')).toContainText('2 présents · 1 absent');
    await page.getByRole('navigation', { name: 'Présences' }).getByRole('link', { name: 'Repas (cuisine)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Repas pour la cuisine' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Repas par régime' })).toContainText('26/11/2026');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
