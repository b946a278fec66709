import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, seriousViolations } from './helpers';


test.describe('portail famille', () => {
  test('home page as in the guide: login area, services, news, practical info', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('banner')).toContainText('Marelle-sur-Meu');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByLabel('Identifiant')).toBeVisible();
    await expect(page.getByLabel('Mot de passe')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Créer mon compte' })).toBeVisible();
    await expect(page.getByText('Restauration scolaire').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Actualités' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Règlement intérieur' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an info page opens from the left menu', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Règlement intérieur' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Règlement intérieur' })).toBeVisible();
    await expect(page.getByText(/7 jours/).first()).toBeVisible();
  });

  test('the demo family logs in and reaches Mon espace with reservations open', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Identifiant').fill('famille@demo.fr');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/espace/);
    await expect(page.getByText('Famille Lefèvre').first()).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Mon espace' });
    for (const section of ['Mon profil', 'Mon foyer', 'Mes enfants', 'Documents', 'Réservations', 'Factures']) {
      await expect(nav.getByRole('link', { name: section })).toBeVisible();
    }
    await expect(page.getByText(/vous pouvez effectuer vos réservations/i).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByLabel('Identifiant')).toBeVisible();
  });

  test('a wrong password shows a French message in an alert', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Identifiant').fill('famille@demo.fr');
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  });

  test('works on a phone-sized screen with the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByLabel('Identifiant').focus();
    await page.keyboard.type('famille@demo.fr');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/espace/);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
