import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, seriousViolations } from './helpers';

// "Mon espace" of the demo family (tests/browser/server.ts: demo store, clock fixed on
// 2026-11-26): the guide's pencil buttons, a child's file with its fiche sanitaire and its
// authorized persons (4 at most), and a document sent under "Documents".

const DEMO_EMAIL = 'famille@demo.fr';

async function login(page: Page) {
  await page.goto('/');
  await page.getByLabel('Identifiant').fill(DEMO_EMAIL);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
}

async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The smallest file the server recognises as a PDF (it reads the content, not the name). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\ntrailer << >>\n%%EOF\n`, 'latin1');

test.describe('Mon espace — dossier famille', () => {
  test.beforeEach(async ({ page }) => {
    await login(page);
  });

  test('the demo parent changes the profile phone with the pencil', async ({ page }) => {
    await openSection(page, 'Mon profil');
    const coordonnees = page.getByRole('region', { name: 'Coordonnées' });

    await coordonnees.getByRole('button', { name: 'Modifier les coordonnées' }).click();
    // The form opens in place, the focus in its first field.
    await expect(coordonnees.getByLabel('Adresse', { exact: true })).toBeFocused();

    // A wrong number is refused with the shared schema's sentence, next to the field.
    await coordonnees.getByLabel('Téléphone portable').fill('06 12');
    await coordonnees.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(coordonnees.getByRole('alert')).toContainText('Téléphone portable invalide');
    await expect(coordonnees.getByLabel('Téléphone portable')).toBeFocused();
    await expect(coordonnees.getByLabel('Téléphone portable')).toHaveAttribute('aria-invalid', 'true');

    await coordonnees.getByLabel('Téléphone portable').fill('0645678912');
    await coordonnees.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(coordonnees.getByRole('status')).toHaveText('Vos coordonnées sont enregistrées.');
    // Read-only again, the number as the server normalised it, the focus back on the pencil.
    await expect(coordonnees.getByText('06 45 67 89 12')).toBeVisible();
    await expect(coordonnees.getByRole('button', { name: 'Modifier les coordonnées' })).toBeFocused();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Coordonnées' }).getByText('06 45 67 89 12')).toBeVisible();
  });

  test('adds a child with a fiche sanitaire and four authorized persons; the fifth is refused', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openSection(page, 'Mes enfants');
    await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const form = page.getByRole('region', { name: 'Ajouter un enfant' });
    await expect(form.getByLabel('Nom', { exact: true })).toHaveValue('Lefèvre');
    await form.getByLabel('Prénom', { exact: true }).fill('Zoé');
    await form.getByLabel('Date de naissance').fill('2019-05-14');
    await form.getByLabel('Sexe').selectOption({ label: 'Fille' });
    await form.getByLabel('École').fill('École publique Les Tilleuls');
    await form.getByLabel('Classe').fill('CP');
    await form.getByRole('button', { name: 'Ajouter l’enfant' }).click();

    await expect(page).toHaveURL(/\/espace\/enfants\/\d+$/);
    const childId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await expect(page.getByRole('heading', { level: 1, name: 'Zoé Lefèvre' })).toBeVisible();
    await expect(page.getByRole('status').first()).toContainText('L’enfant est ajouté');

    // Fiche sanitaire.
    const medical = page.getByRole('region', { name: 'Fiche sanitaire' });
    await medical.getByRole('button', { name: 'Modifier la fiche sanitaire' }).click();
    await medical.getByLabel('Allergies').fill('Arachides, kiwi');
    await medical.getByLabel('Mon enfant a un PAI (projet d’accueil individualisé)').check();
    await medical.getByLabel('Détails du PAI').fill('Trousse d’urgence avec stylo d’adrénaline dans le sac.');
    await medical.getByLabel('Régime alimentaire').selectOption({ label: 'Sans porc' });
    await medical.getByLabel('Médecin traitant').fill('Dr Anne Martin');
    await medical.getByLabel('Téléphone du médecin').fill('02 99 12 34 56');
    await medical.getByRole('radio', { name: 'Oui' }).check();
    await medical.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(medical.getByRole('status')).toHaveText('La fiche sanitaire est enregistrée.');
    await expect(medical).toContainText('Arachides, kiwi');
    await expect(medical).toContainText('Sans porc');
    await expect(medical).toContainText('Trousse d’urgence');
    await expect(medical).toContainText('Dr Anne Martin — 02 99 12 34 56');

    // Four authorized persons.
    const persons = page.getByRole('region', { name: 'Personnes autorisées à venir chercher l’enfant' });
    const people = [
      ['Lefèvre', 'Monique', '06 39 98 41 07', 'Grand-mère'],
      ['Lefèvre', 'Bernard', '06 39 98 41 08', 'Grand-père'],
      ['Garnier', 'Sophie', '07 11 22 33 44', 'Voisine'],
      ['Rolland', 'Julien', '06 55 44 33 22', 'Oncle'],
    ] as const;
    for (const [lastName, firstName, mobile, relationship] of people) {
      await persons.getByRole('button', { name: 'Ajouter une personne autorisée' }).click();
      await expect(persons.getByLabel('Nom', { exact: true })).toBeFocused();
      await persons.getByLabel('Nom', { exact: true }).fill(lastName);
      await persons.getByLabel('Prénom', { exact: true }).fill(firstName);
      await persons.getByLabel('Téléphone portable').fill(mobile);
      await persons.getByLabel('Lien avec l’enfant').fill(relationship);
      await persons.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await expect(persons.getByRole('heading', { name: `${firstName} ${lastName}` })).toBeVisible();
    }
    await expect(persons.getByRole('listitem')).toHaveCount(4);

    // The fifth: the button is disabled and says why…
    const add = persons.getByRole('button', { name: 'Ajouter une personne autorisée' });
    await expect(add).toBeDisabled();
    await expect(persons.getByText('4 personnes autorisées au maximum', { exact: true })).toBeVisible();
    await expect(add).toHaveAccessibleDescription('4 personnes autorisées au maximum');
    // …and the server refuses it too, with the same rule in French.
    const csrf = (await page.context().cookies()).find((c) => c.name === 'marelle_csrf')?.value ?? '';
    const fifth = await page.request.post(`/api/family/children/${childId}/authorized-persons`, {
      headers: { 'x-csrf-token': csrf },
      data: { lastName: 'Petit', firstName: 'Hugo', mobile: '06 01 02 03 04', relationship: 'Voisin' },
    });
    expect(fifth.status()).toBe(409);
    expect(((await fifth.json()) as { message: string }).message).toContain('4 personnes autorisées au maximum');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Personnes autorisées à venir chercher l’enfant' }).getByRole('listitem')).toHaveCount(4);

    // Usable on a phone, and accessible.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    await openSection(page, 'Mes enfants');
    await expect(page.getByRole('link', { name: 'Zoé Lefèvre' })).toBeVisible();
  });

  test('uploads a PDF attestation under Documents', async ({ page }) => {
    await openSection(page, 'Documents');
    const upload = page.getByRole('region', { name: 'Transmettre un document' });
    const type = upload.getByLabel('Type de document');
    await expect(type.getByRole('option')).toHaveText([
      'Choisissez le type de document',
      'Attestation de responsabilité civile',
      'RIB',
      'Mandat SEPA',
      'Justificatif de quotient familial',
      'PAI',
      'Certificat médical',
      'Autre',
    ]);
    await type.selectOption({ label: 'Attestation de responsabilité civile' });

    // A program renamed .pdf is refused before it is sent (the content is checked, not the name).
    await upload.getByLabel('Fichier').setInputFiles({ name: 'attestation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03') });
    await upload.getByRole('button', { name: 'Transmettre le document' }).click();
    await expect(upload.getByRole('alert')).toContainText('ni un PDF, ni une image JPEG ou PNG');

    await upload.getByLabel('Fichier').setInputFiles({ name: 'attestation-rc-2026.pdf', mimeType: 'application/pdf', buffer: pdf('attestation') });
    await upload.getByRole('button', { name: 'Transmettre le document' }).click();

    const list = page.getByRole('region', { name: 'Documents transmis' });
    await expect(list.getByRole('status')).toContainText('Document transmis : Attestation de responsabilité civile');
    const item = list.getByRole('listitem').filter({ hasText: 'attestation-rc-2026.pdf' });
    await expect(item.getByRole('heading', { name: 'Attestation de responsabilité civile' })).toBeVisible();
    await expect(item).toContainText('Transmis');
    await expect(item).toContainText('Année scolaire 2026-2027');
    await expect(item).toContainText('26/11/2026');

    const download = item.getByRole('link', { name: 'Télécharger attestation-rc-2026.pdf' });
    const file = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    expect((await file.body()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    await expect(item.getByRole('button', { name: 'Supprimer attestation-rc-2026.pdf' })).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);
  });
});
