import fs from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { BACKOFFICE, PORTAL_URL } from './ports';
import { seriousViolations, staffLogin as login } from './helpers';

// Issue 4, portal content and PWA, against the demo store (tests/browser/server.ts, clock fixed
// on 2026-11-26 09:00 Paris). The acceptance: staff publish a news item for the ALSH and an info
// page with a PDF menu; the portal's home page shows them to a visitor who is not logged in.


/** A small but well-formed PDF: the server recognises files by their content. */
function pdf(text: string): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] >> endobj',
  ];
  return Buffer.from(`%PDF-1.4\n% ${text}\n${objects.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A visitor of the portal: a fresh browser profile, no session of any kind. */
async function visitor(browser: Browser) {
  const context = await browser.newContext({ baseURL: PORTAL_URL, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
  return { context, page: await context.newPage() };
}

test.describe('portal content — acceptance of issue 4', () => {
  test('an agent publishes an ALSH news item and a "Menus de décembre" page with its PDF; a visitor sees and downloads them', async ({
    page,
    browser,
  }) => {
    await login(page, 'agent@mairie.demo');
    await page.getByRole('link', { name: 'Actualités et infos', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Actualités et infos pratiques' })).toBeVisible();

    // ---- the news item, with its live preview ----
    await page.getByRole('link', { name: 'Nouvelle actualité' }).click();
    const newsForm = page.getByRole('form', { name: 'Actualité' });
    await newsForm.getByLabel('Titre').fill('Sortie au cinéma le 23 décembre');
    await newsForm.getByLabel('Service concerné').selectOption({ label: 'ALSH du mercredi' });
    await newsForm
      .getByLabel('Texte')
      .fill('Le mercredi 23 décembre, **sortie au cinéma** pour les deux groupes.\n\nÀ prévoir :\n- un goûter\n- une *gourde*\n\n<script>alert(1)</script>');
    const preview = page.getByTestId('content-preview');
    await expect(preview.getByRole('heading', { name: 'Sortie au cinéma le 23 décembre' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('sortie au cinéma');
    await expect(preview.getByRole('listitem')).toHaveText(['un goûter', 'une gourde']);
    await expect(preview.getByText('<script>alert(1)</script>')).toBeVisible();
    await expect(preview).toContainText('ALSH du mercredi');
    expect(await seriousViolations(page)).toEqual([]);
    await newsForm.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Actualité enregistrée : elle est visible sur le portail.' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Sortie au cinéma le 23 décembre' })).toBeVisible();

    await page.getByRole('link', { name: 'Toutes les actualités' }).click();
    const newsRow = page.getByRole('table', { name: 'Actualités' }).getByRole('row').filter({ hasText: 'Sortie au cinéma le 23 décembre' });
    await expect(newsRow).toContainText('ALSH du mercredi');
    await expect(newsRow).toContainText('Publiée');

    // ---- the info page and its PDF ----
    await page.getByRole('tab', { name: 'Informations pratiques' }).click();
    await page.getByRole('link', { name: 'Nouvelle page' }).click();
    const pageForm = page.getByRole('form', { name: 'Page d’information' });
    await pageForm.getByLabel('Titre').fill('Menus de décembre');
    await pageForm.getByLabel('Service concerné').selectOption({ label: 'Restauration scolaire' });
    await pageForm.getByLabel('Texte').fill('Les menus du restaurant scolaire pour le mois de **décembre**.');
    await pageForm.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'publiée sur le portail, à l’adresse /infos/menus-de-decembre' })).toBeVisible();

    const menu = pdf('Menus de decembre 2026');
    await page.locator('input[type="file"]').setInputFiles({ name: 'Menu de décembre.pdf', mimeType: 'application/pdf', buffer: menu });
    await page.getByRole('button', { name: 'Joindre le fichier' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Pièce jointe ajoutée : Menu de décembre.pdf.' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Pièces jointes' }).getByRole('link')).toHaveText('Menu de décembre (PDF, 1 Ko)');
    await expect(preview.getByRole('link', { name: 'Menu de décembre (PDF, 1 Ko)' })).toBeVisible();

    // ---- a visitor, not logged in ----
    const { context, page: portal } = await visitor(browser);
    await portal.goto('/');
    await expect(portal.getByLabel('Identifiant')).toBeVisible();
    const news = portal.getByRole('article', { name: 'Sortie au cinéma le 23 décembre' });
    await expect(news).toBeVisible();
    await expect(news).toContainText('ALSH du mercredi');
    await expect(news.locator('strong')).toHaveText('sortie au cinéma');
    await expect(news.getByRole('listitem')).toHaveText(['un goûter', 'une gourde']);
    await expect(news).toContainText('<script>alert(1)</script>');
    // Newest first: it leads the demo's news.
    await expect(portal.locator('.news__item h3').first()).toHaveText('Sortie au cinéma le 23 décembre');

    const infoMenu = portal.getByRole('navigation', { name: 'Informations pratiques' });
    const link = infoMenu.getByRole('link', { name: 'Menus de décembre' });
    // Small screens fold the menu under its button.
    if (!(await link.isVisible())) await infoMenu.getByRole('button', { name: 'Informations pratiques' }).click();
    await expect(infoMenu.locator('.info-menu__group').filter({ hasText: 'Restauration scolaire' }).getByRole('link', { name: 'Menus de décembre' })).toBeVisible();
    expect(await seriousViolations(portal)).toEqual([]);

    await link.click();
    await expect(portal).toHaveURL(/\/infos\/menus-de-decembre$/);
    await expect(portal.getByRole('heading', { level: 1, name: 'Menus de décembre' })).toBeVisible();
    await expect(portal.locator('.info-page strong')).toHaveText('décembre');
    const download = portal.getByRole('link', { name: 'Menu de décembre (PDF, 1 Ko)' });
    const [file] = await Promise.all([portal.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('Menu de décembre.pdf');
    const saved = await file.path();
    expect(fs.readFileSync(saved).equals(menu)).toBe(true);
    expect(await seriousViolations(portal)).toEqual([]);
    await context.close();
  });
});

test.describe('portal content — editors', () => {
  test('bad input is refused in French in the form: empty title, publication ending before it starts', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.goto(`${BACKOFFICE}/#/contenus/actualites/nouvelle`);
    const form = page.getByRole('form', { name: 'Actualité' });
    await form.getByLabel('Début de publication').fill('2026-12-10T09:00');
    await form.getByLabel('Fin de publication').fill('2026-12-01T09:00');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.getByText('Saisissez le titre.')).toBeVisible();
    await expect(form.getByText('Saisissez le texte.')).toBeVisible();
    await expect(form.getByText('La fin de publication doit être postérieure au début de publication.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle actualité' })).toBeVisible();

    // A news item scheduled for later is "Programmée", then deleted after confirmation.
    await form.getByLabel('Titre').fill('Fermeture exceptionnelle');
    await form.getByLabel('Texte').fill('L’accueil sera fermé le 4 janvier.');
    await form.getByLabel('Fin de publication').fill('');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'elle sera visible sur le portail à partir du 10/12/2026 09:00' })).toBeVisible();
    await expect(page.getByText('Programmée')).toBeVisible();
    await page.getByRole('button', { name: 'Supprimer l’actualité' }).click();
    await page.getByRole('dialog', { name: 'Supprimer l’actualité' }).getByRole('button', { name: 'Supprimer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'L’actualité « Fermeture exceptionnelle » est supprimée.' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Actualités' })).not.toContainText('Fermeture exceptionnelle');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an animateur has no access to the area', async ({ page }) => {
    await login(page, 'animateur@mairie.demo');
    await expect(page.getByRole('link', { name: 'Actualités et infos', exact: true })).toHaveCount(0);
    await page.goto(`${BACKOFFICE}/#/contenus`);
    await expect(page.getByText('Votre rôle ne donne pas accès à cette partie du back-office.')).toBeVisible();
  });
});

test.describe('PWA', () => {
  test('the manifest and the service worker are served; the worker keeps no /api/ answer', async ({ page, request }) => {
    const manifestResponse = await request.get('/manifest.webmanifest');
    expect(manifestResponse.status()).toBe(200);
    const manifest = JSON.parse(await manifestResponse.text()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'Portail famille', short_name: 'Portail famille', lang: 'fr', display: 'standalone', start_url: '/', theme_color: '#1e3a8a' });
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    for (const icon of icons) {
      const res = await request.get(icon.src);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    }

    const sw = await request.get('/sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toMatch(/javascript/);
    // A new worker must be picked up at once: the server never lets it be cached.
    expect(sw.headers()['cache-control']).toBe('no-cache');
    const source = await sw.text();
    expect(source).toContain('NetworkOnly');
    expect(/precacheAndRoute\((\[.*?\])/.exec(source)?.[1] ?? '').not.toContain('api');

    // In the browser: the page links the manifest, the worker takes control, and after the
    // visitor has read the home page and an info page, no cache holds any /api/ address.
    await page.goto('/');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    const scriptUrl = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null);
    expect(scriptUrl).toBe(`${PORTAL_URL}/sw.js`);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Actualités' })).toBeVisible();
    await page.getByRole('link', { name: 'Règlement intérieur' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Règlement intérieur' })).toBeVisible();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.filter((url) => url.startsWith('/api/'))).toEqual([]);
  });
});
