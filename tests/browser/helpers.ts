import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { BACKOFFICE } from './ports';

/** The password of every demo login (README). */
export const DEMO_PASSWORD = 'Marelle-Demo-2026';

/** Logs a staff member into the back-office (the main test server unless another is given). */
export async function staffLogin(page: Page, email: string, password = DEMO_PASSWORD, backoffice = BACKOFFICE): Promise<void> {
  await page.goto(`${backoffice}/`);
  await expect(page.getByRole('heading', { name: 'Connexion au back-office' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
}

/** axe's serious and critical findings on the page, one line each (an empty list passes). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
