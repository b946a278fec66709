import { expect, test, type Page } from '@playwright/test';

import { BACKOFFICE } from './ports';
const DEMO_PASSWORD = 'Marelle-Demo-2026';

async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${BACKOFFICE}/`);
  await expect(page.getByRole('heading', { name: 'Connexion au back-office' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test.describe('back-office', () => {
  test('the admin logs in, sees the dashboard, the portal state and every area', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await expect(page.getByText('Administrateur').first()).toBeVisible();
    for (const area of ['Familles', 'Demandes', 'Présences', 'Facturation', 'Paiements', 'Portail', 'Paramètres']) {
      await expect(page.getByRole('link', { name: area, exact: true })).toBeVisible();
    }
    await expect(page.getByText('Portail publié').first()).toBeVisible();
  });

  test('the admin closes the portal for maintenance and parents see the message', async ({ page, browser }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Portail', exact: true }).click();
    await page.getByLabel('Message affiché aux familles').fill('Maintenance en cours, retour à 14 h.');
    await page.getByLabel('Fermer le portail pour maintenance').check();
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await expect(page.getByText('Portail fermé pour maintenance').first()).toBeVisible();

    const visitor = await browser.newPage();
    await visitor.goto('/');
    await expect(visitor.getByRole('status').filter({ hasText: 'Maintenance en cours, retour à 14 h.' })).toBeVisible();
    await visitor.close();

    await page.getByLabel('Fermer le portail pour maintenance').uncheck();
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await expect(page.getByText('Portail publié').first()).toBeVisible();
  });

  test('the animateur logs in and sees only the attendance area', async ({ page }) => {
    await login(page, 'animateur@mairie.demo');
    await expect(page.getByText('Animateur').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Présences', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Facturation', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Familles', exact: true })).toHaveCount(0);
  });

  test('a wrong password is refused with a French message', async ({ page }) => {
    await login(page, 'admin@mairie.demo', 'pas-le-bon');
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  });
});
