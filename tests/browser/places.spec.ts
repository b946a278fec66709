import { expect, test } from '@playwright/test';
import { seriousViolations, staffLogin as login } from './helpers';

// « Places et encadrement » against the demo store (tests/browser/server.ts, clock 2026-11-26):
// the ALSH du mercredi has 3 animators planned for the 3-5 ans on the Wednesdays of December,
// 24 places for the journée (1 for 8 under six, a session of more than 5 hours).


test.describe('back-office — places et encadrement', () => {
  test('the agent adds one animator on a Wednesday and the month view shows more places', async ({ page }) => {
    test.setTimeout(60_000);
    await login(page, 'agent@mairie.demo');
    await page.getByRole('link', { name: 'Places et encadrement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Places et encadrement' })).toBeVisible();
    await page.getByLabel('Service').selectOption({ label: 'ALSH du mercredi' });
    // The server's month (November 2026), then December.
    await expect(page.getByRole('heading', { name: 'ALSH du mercredi — Novembre 2026' })).toBeVisible();
    await page.getByRole('link', { name: 'Mois suivant →' }).click();
    await expect(page.getByRole('heading', { name: 'ALSH du mercredi — Décembre 2026' })).toBeVisible();

    const cell = page.getByRole('link', { name: /^mercredi 2 décembre 2026, 3-5 ans :/ });
    await expect(cell).toContainText('0 / 24 places');
    await expect(cell).toContainText('3 encadrants');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the cell is a link, opened with Enter.
    await cell.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Places et encadrement — mercredi 2 décembre 2026' })).toBeVisible();
    const places = page.getByRole('table', { name: 'Places — Journée (repas compris)' });
    await expect(places.getByRole('row', { name: /^3-5 ans/ })).toContainText('24');
    const editor = page.getByRole('region', { name: 'Encadrement — 3-5 ans' });
    await expect(editor.getByLabel('Nombre d’animateurs')).toHaveValue('3');
    expect(await seriousViolations(page)).toEqual([]);

    // A negative number is refused with the API's sentence, nothing saved.
    await editor.getByLabel('Nombre d’animateurs').fill('-1');
    await editor.getByRole('button', { name: 'Enregistrer l’encadrement' }).click();
    await expect(editor.getByText("Le nombre d'animateurs doit être un nombre entier positif ou nul.")).toBeVisible();

    await editor.getByLabel('Nombre d’animateurs').fill('4');
    await editor.getByRole('button', { name: 'Enregistrer l’encadrement' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Encadrement du groupe « 3-5 ans » enregistré' })).toBeVisible();
    await expect(places.getByRole('row', { name: /^3-5 ans/ })).toContainText('32');

    await page.getByRole('link', { name: '← Retour au mois' }).click();
    await expect(page.getByRole('heading', { name: 'ALSH du mercredi — Décembre 2026' })).toBeVisible();
    const after = page.getByRole('link', { name: /^mercredi 2 décembre 2026, 3-5 ans :/ });
    await expect(after).toContainText('0 / 32 places');
    await expect(after).toContainText('4 encadrants');
    // The other Wednesdays are unchanged.
    await expect(page.getByRole('link', { name: /^mercredi 9 décembre 2026, 3-5 ans :/ })).toContainText('/ 24 places');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
