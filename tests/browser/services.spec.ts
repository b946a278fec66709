import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { staffLogin as login } from './helpers';

// The back-office's "Services" area against the demo store (tests/browser/server.ts, clock
// 2026-11-26): the ALSH du mercredi, its rules, its Wednesdays, a day closed with a note.


/** Serious axe violations of the page, or of one part of it (a dialog: the calendar behind was checked already). */
async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('back-office — services', () => {
  test('the admin opens the ALSH du mercredi, closes a Wednesday with a note and sees it closed', async ({ page }) => {
    // axe takes a few seconds over a school year of day buttons.
    test.setTimeout(60_000);
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    const list = page.getByRole('table', { name: 'Services de la commune' });
    await expect(list.getByRole('row')).toHaveCount(6);
    expect(await seriousViolations(page)).toEqual([]);

    await list.getByRole('link', { name: 'ALSH du mercredi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ALSH du mercredi' })).toBeVisible();
    // Règles: the guide's values, said in plain French.
    await expect(page.getByLabel('Délai de réservation et d’annulation (jours)')).toHaveValue('7');
    await expect(page.getByRole('region', { name: 'Ce que disent ces règles' })).toContainText('Réservations et annulations au plus tard 7 jours avant la date.');
    await expect(page.getByRole('region', { name: 'Ce que disent ces règles' })).toContainText('Une annulation hors délai est facturée.');
    expect(await seriousViolations(page)).toEqual([]);

    // Encadrement: the legal ratios of the périscolaire (Wednesdays) as defaults.
    await page.getByRole('tab', { name: 'Encadrement' }).click();
    await expect(page.getByText(/Accueil périscolaire \(article R227-16\)/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Taux d’encadrement' })).toContainText('1 pour 8 (moins de 6 ans) · 1 pour 12 (6 ans et plus)');
    expect(await seriousViolations(page)).toEqual([]);

    // Accueils: journée excludes matin, and matin excludes journée.
    await page.getByRole('tab', { name: 'Accueils et activités' }).click();
    const units = page.getByRole('table', { name: 'Accueils et activités du service' });
    await expect(units.getByRole('row', { name: /^Matin/ })).toContainText('Journée (repas compris)');
    await expect(units.getByRole('row', { name: /^Journée/ })).toContainText('Matin, Après-midi');
    await page.getByRole('button', { name: 'Modifier Matin' }).click();
    const unitDialog = page.getByRole('dialog', { name: 'Modifier l’accueil' });
    await expect(unitDialog.getByRole('checkbox', { name: 'Journée (repas compris)' })).toBeChecked();
    await unitDialog.getByLabel('Heure de fin').fill('07:00');
    await unitDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(unitDialog.getByText('L\'heure de fin doit être postérieure à l\'heure de début.')).toBeVisible();
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await unitDialog.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('tab', { name: 'Périodes' }).click();
    await expect(page.getByRole('table', { name: 'Périodes du service' })).toContainText('01/06/2026 à 8 h');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Jours d’ouverture : Mercredis 2026-2027' }).click();
    await expect(page.getByRole('heading', { name: 'Jours d’ouverture — Mercredis 2026-2027' })).toBeVisible();

    // Toussaint and 11 November are not opening days.
    await expect(page.getByRole('button', { name: /^mercredi 21 octobre 2026 : vacances scolaires \(Vacances de la Toussaint\)/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^mercredi 11 novembre 2026 : jour férié \(Armistice 1918\)/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^mercredi 9 décembre 2026 : ouvert/ }).click();
    const dialog = page.getByRole('dialog', { name: 'mercredi 9 décembre 2026' });
    await dialog.getByLabel('Motif de la fermeture (facultatif)').fill('Spectacle de Noël à la salle des fêtes');
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Fermer ce jour' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Le mercredi 9 décembre 2026 est fermé.' })).toBeVisible();
    const closed = page.getByRole('button', { name: /^mercredi 9 décembre 2026 : fermé — Spectacle de Noël à la salle des fêtes/ });
    await expect(closed).toBeVisible();
    await expect(closed).toHaveAttribute('data-status', 'closed');

    // Still closed after a reload, and after "Régénérer" (a day edited by hand is kept).
    await page.reload();
    await expect(closed).toBeVisible();
    await page.getByRole('button', { name: 'Régénérer' }).click();
    await page.getByRole('dialog', { name: 'Régénérer les jours d’ouverture' }).getByRole('button', { name: 'Régénérer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Jours d’ouverture régénérés' })).toBeVisible();
    await expect(closed).toBeVisible();
  });

  test('the duplication to next year shows what it will create before anything is written', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('table', { name: 'Services de la commune' }).getByRole('link', { name: 'ALSH vacances' }).click();
    await page.getByRole('tab', { name: 'Dupliquer vers l’année suivante' }).click();
    await expect(page.getByRole('heading', { name: 'De 2026-2027 vers 2027-2028' })).toBeVisible();
    const periods = page.getByRole('table', { name: 'Périodes 2027-2028' });
    await expect(periods).toContainText('Vacances de la Toussaint 2027');
    await expect(periods).toContainText('du 23/10/2027 au 07/11/2027');
    await expect(page.getByText(/Une nouvelle grille « Tarifs 2027-2028 », valable à partir du 01\/09\/2027/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dupliquer vers 2027-2028' }).click();
    const confirm = page.getByRole('dialog', { name: 'Dupliquer vers 2027-2028' });
    await expect(confirm).toContainText('L’année 2026-2027 n’est pas modifiée.');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await expect(confirm).toBeHidden();
  });

  test('an agent does not see the Services area', async ({ page }) => {
    await login(page, 'agent@mairie.demo');
    await expect(page.getByRole('link', { name: 'Services', exact: true })).toHaveCount(0);
  });
});
