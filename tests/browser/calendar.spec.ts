import { expect, test } from '@playwright/test';
import { seriousViolations, staffLogin as login } from './helpers';

// The back-office's "Calendrier scolaire" area against the demo store (zone B, 2026-2027 and
// 2027-2028 stored by the seed): the zone's holidays, the public holidays, the official file import.


/** Zone A rows as the Ministry publishes them: UTC instants, end date = the day school restarts. */
const ZONE_A_CSV = [
  'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
  'Rentrée scolaire des élèves;Élèves;2026-08-31T22:00:00+00:00;;Lyon;Zone A;2026-2027',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lyon;Zone A;2026-2027',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Grenoble;Zone A;2026-2027',
  "Vacances d'Hiver;-;2027-02-05T23:00:00+00:00;2027-02-21T23:00:00+00:00;Lyon;Zone A;2026-2027",
  "Vacances d'Été;Enseignants;2027-07-02T22:00:00+00:00;;Lyon;Zone A;2026-2027",
].join('\r\n');

test.describe('back-office — calendrier scolaire', () => {
  test("the admin sees zone B's Toussaint 2026, the public holidays, and imports zone A from the official file", async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Calendrier scolaire' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Calendrier scolaire' })).toBeVisible();
    await expect(page.getByLabel('Zone scolaire')).toHaveValue('B');

    const holidays = page.getByRole('region', { name: 'Vacances scolaires — zone B' });
    await expect(holidays).toContainText('le dernier jour de vacances est la veille');
    const year = holidays.getByRole('table', { name: 'Année scolaire 2026-2027' });
    const toussaint = year.getByRole('row', { name: /Vacances de la Toussaint/ });
    await expect(toussaint).toContainText('17/10/2026');
    await expect(toussaint).toContainText('01/11/2026');
    await expect(toussaint).toContainText('02/11/2026');
    await expect(holidays.getByRole('table', { name: 'Année scolaire 2027-2028' })).toBeVisible();

    // Public holidays: the current year of the server's clock, then another one.
    const publicHolidays = page.getByRole('region', { name: 'Jours fériés 2026' });
    await expect(publicHolidays.getByRole('row', { name: /Armistice 1918/ })).toContainText('mercredi');
    await expect(publicHolidays.getByRole('row', { name: /Armistice 1918/ })).toContainText('11/11/2026');
    await publicHolidays.getByRole('textbox', { name: 'Année', exact: true }).fill('2027');
    await publicHolidays.getByRole('button', { name: 'Afficher' }).click();
    const holidays2027 = page.getByRole('region', { name: 'Jours fériés 2027' });
    await expect(holidays2027.getByRole('row', { name: /Lundi de Pâques/ })).toContainText('29/03/2027');
    await expect(holidays2027.getByRole('row', { name: /Ascension/ })).toContainText('06/05/2027');
    await expect(holidays2027.getByRole('row', { name: /Lundi de Pentecôte/ })).toContainText('17/05/2027');
    await holidays2027.getByRole('textbox', { name: 'Année', exact: true }).fill('20x7');
    await holidays2027.getByRole('button', { name: 'Afficher' }).click();
    await expect(holidays2027.getByText(/L'année doit être un nombre entier/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A file that is not the export: the parser's French sentence, in an alert.
    const importSection = page.getByRole('region', { name: 'Importer le fichier officiel' });
    const fileInput = importSection.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('nom;prénom\nDupont;Jean\n', 'utf8') });
    await importSection.getByRole('button', { name: 'Importer le fichier officiel' }).click();
    await expect(importSection.getByRole('alert')).toContainText("n'est pas un export du calendrier scolaire");
    await expect(importSection.getByRole('alert')).toContainText('Rien n’a été importé');

    // The official rows of zone A: added, zone B untouched.
    await fileInput.setInputFiles({ name: 'fr-en-calendrier-scolaire.csv', mimeType: 'text/csv', buffer: Buffer.from(ZONE_A_CSV, 'utf8') });
    await importSection.getByRole('button', { name: 'Importer le fichier officiel' }).click();
    await expect(importSection.getByRole('status')).toContainText('Fichier importé : 2 périodes de vacances lues.');
    const summary = importSection.getByRole('table', { name: 'Résultat de l’import' });
    const zoneA = summary.getByRole('row', { name: /^Zone A 2026-2027/ });
    await expect(zoneA).toContainText('2026-2027');
    await expect(zoneA.getByRole('cell')).toHaveText(['Zone A', '2026-2027', '2', '0', '0', '0']);
    await expect(importSection.getByRole('alert')).toHaveCount(0);
    await expect(toussaint).toContainText('17/10/2026');
    expect(await seriousViolations(page)).toEqual([]);

    // Zone A's holidays, now known.
    await page.getByLabel('Zone affichée').selectOption('A');
    const zoneAHolidays = page.getByRole('region', { name: 'Vacances scolaires — zone A' });
    const hiver = zoneAHolidays.getByRole('table', { name: 'Année scolaire 2026-2027' }).getByRole('row', { name: /Vacances d'Hiver/ });
    await expect(hiver).toContainText('06/02/2027');
    await expect(hiver).toContainText('21/02/2027');
    await expect(hiver).toContainText('22/02/2027');
    await expect(zoneAHolidays).toContainText('fichier « fr-en-calendrier-scolaire.csv » importé le 26/11/2026');
    // The commune stays in zone B.
    await expect(page.getByLabel('Zone scolaire')).toHaveValue('B');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
