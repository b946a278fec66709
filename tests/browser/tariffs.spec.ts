import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, seriousViolations, staffLogin as login } from './helpers';

// The "Tarifs" area against the demo store (tests/browser/server.ts, clock fixed on 2026-11-26):
// every service has a grid "Tarifs 2026-2027" in force since 2026-09-01 (Repas: 1,20 € at QF 0–600).


const restauration = (page: Page) => page.getByRole('region', { name: 'Restauration scolaire' });

test.describe('back-office — tarifs', () => {
  test('the admin prepares next year’s cantine grid with a new price; the grid in force keeps its price', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Tarifs', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tarifs' })).toBeVisible();
    const current = restauration(page).getByRole('row').filter({ hasText: 'Tarifs 2026-2027' });
    await expect(current).toContainText('En vigueur depuis le 01/09/2026');
    await expect(current).toContainText('En vigueur');
    expect(await seriousViolations(page)).toEqual([]);

    // "Préparer la grille de l'année suivante": a copy from 1 September 2027.
    await restauration(page).getByRole('button', { name: /Préparer la grille de l’année suivante/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Préparer la grille suivante — Restauration scolaire' });
    await expect(dialog.getByLabel('Date d’effet de la nouvelle grille')).toHaveValue('01/09/2027');
    await expect(dialog.getByLabel('Nom de la nouvelle grille')).toHaveValue('Tarifs 2027-2028');
    await dialog.getByRole('button', { name: 'Préparer la grille' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Restauration scolaire — Tarifs 2027-2028' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'est préparée à partir du 01/09/2027' })).toBeVisible();
    const cell = page.getByLabel('Repas — QF de 0 à 600');
    await expect(cell).toHaveValue('1,20');
    await expect(page.getByLabel('Repas — Extérieur')).toHaveValue('5,50');

    // A negative price is refused next to its cell, with the shared schema's sentence.
    await cell.fill('-1');
    await page.getByRole('button', { name: 'Enregistrer la grille' }).click();
    await expect(page.getByRole('alert')).toContainText('Un tarif ne peut pas être négatif.');
    await expect(cell).toHaveAttribute('aria-invalid', 'true');

    // Overlapping brackets are refused, naming both.
    await page.getByLabel('QF min — QF de 1001 à 1500').fill('900');
    await cell.fill('1,30');
    await page.getByRole('button', { name: 'Enregistrer la grille' }).click();
    await expect(page.getByRole('alert')).toContainText('Les tranches de QF se chevauchent : 601–1000 et 900–1500.');
    await expect(page.getByLabel('QF min — QF de 1001 à 1500')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('QF min — QF de 1001 à 1500').fill('1001');

    await page.getByRole('button', { name: 'Enregistrer la grille' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'La grille « Tarifs 2027-2028 » est enregistrée.' })).toBeVisible();
    await expect(page.getByLabel('Repas — QF de 0 à 600')).toHaveValue('1,30');
    expect(await seriousViolations(page)).toEqual([]);

    // Back to the list: next year's grid is to come, this year's is still in force at 1,20 €.
    await page.getByRole('link', { name: '← Tous les tarifs' }).click();
    await expect(restauration(page).getByRole('row').filter({ hasText: 'Tarifs 2027-2028' })).toContainText('À venir');
    await expect(current).toContainText('jusqu’au 31/08/2027');
    await current.getByRole('link', { name: 'Tarifs 2026-2027' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Restauration scolaire — Tarifs 2026-2027' })).toBeVisible();
    await expect(page.getByText('elle ne peut plus être modifiée')).toBeVisible();
    const grid = page.getByRole('table', { name: 'Tranches et tarifs de la grille' });
    await expect(grid.getByRole('row').filter({ hasText: 'QF de 0 à 600' })).toContainText(/1,20\s€/);
    await expect(page.getByRole('button', { name: 'Enregistrer la grille' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a parent whose QF is not checked is told the highest bracket applies', async ({ page }) => {
    // The portal judges the QF's validity on the browser's day: the same day as the server's clock.
    await page.clock.setFixedTime(new Date('2026-11-26T09:00:00+01:00'));
    await page.goto('/');
    await page.getByLabel('Identifiant').fill('moreau@demo.fr');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/espace$/);
    await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mon foyer', exact: true }).click();
    const section = page.getByRole('region', { name: 'Informations complémentaires' });
    // A QF checked by staff, valid until 31/08/2027: no notice.
    await expect(section.getByText('valable jusqu’au 31/08/2027')).toBeVisible();
    await expect(section.getByTestId('qf-tariff-notice')).toHaveCount(0);

    // A new QF declared by the parent is not checked yet: the notice appears, with its link.
    await section.getByRole('button', { name: 'Modifier les informations complémentaires' }).click();
    await section.getByLabel('Quotient familial (QF)').fill('610');
    await section.getByRole('button', { name: 'Enregistrer' }).click();
    const notice = section.getByTestId('qf-tariff-notice');
    await expect(notice).toHaveText(
      'Sans quotient familial valide, le tarif de la tranche la plus haute s’applique. Transmettez votre justificatif de QF dans Documents.',
    );
    await notice.getByRole('link', { name: 'Documents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  });
});
