import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';

// Issue 3's acceptance, as a new family lives it with the guide in hand: ÉTAPE 1 to ÉTAPE 4 on
// the portal, the confirmation link received over SMTP, then staff validating the account in the
// back-office, the validation e-mail, and "Réservations" opening.

import { BACKOFFICE } from './ports';
const EMAIL = 'elodie.bernard@example.fr';
const PASSWORD = 'Marelle-Nouvelle-2026';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\ntrailer << >>\n%%EOF\n`, 'latin1');

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a new family registers, confirms its e-mail, completes its file; staff validate it and Réservations opens', async ({ page, browser }) => {
  test.setTimeout(90_000);

  // ÉTAPE 1: e-mail and password, "Suivant".
  await page.goto('/');
  await page.getByRole('link', { name: 'Créer mon compte' }).click();
  await page.getByLabel('Adresse e-mail').fill(EMAIL);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { name: /Confirmez votre adresse e-mail/ })).toBeVisible();

  // The confirmation link arrives over SMTP; until it is clicked, nothing else is possible.
  const confirmation = await waitForMail((m) => m.to.includes(EMAIL) && m.subject.startsWith('Confirmez votre adresse e-mail'));
  await page.goto(linkIn(confirmation.text, '/confirmer-email'));

  // ÉTAPE 2: the profile, then "Valider".
  await expect(page).toHaveURL(/\/espace\/profil/);
  await page.getByLabel('Civilité').selectOption({ label: 'Madame' });
  await page.getByLabel('Nom', { exact: true }).fill('Bernard');
  await page.getByLabel('Prénom', { exact: true }).fill('Élodie');
  await page.getByLabel('Date de naissance').fill('1988-03-12');
  await page.getByLabel('Adresse', { exact: true }).fill('3 rue des Lilas');
  await page.getByLabel('Code postal').fill('35999');
  await page.getByLabel('Commune').fill('Marelle-sur-Meu');
  await page.getByLabel('Téléphone portable').fill('06 11 22 33 44');
  await page.getByLabel('Employeur').fill('Hôpital de Rennes');
  await page.getByLabel('Profession', { exact: true }).fill('Infirmière');
  await page.getByRole('button', { name: 'Valider' }).click();

  // ÉTAPE 3: Mon espace; Réservations is still closed.
  await expect(page).toHaveURL(/\/espace$/);
  await openSection(page, 'Réservations');
  await expect(page.getByText('Les réservations ne sont pas encore ouvertes pour votre compte.')).toBeVisible();

  // Mon foyer: informations complémentaires.
  await openSection(page, 'Mon foyer');
  await page.getByRole('button', { name: 'Modifier les informations complémentaires' }).click();
  await page.getByLabel('Quotient familial (QF)').fill('742');
  await page.getByLabel('Numéro d’allocataire CAF').fill('1234567');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('742').first()).toBeVisible();

  // Mes enfants: a child, a fiche sanitaire, four authorized persons; the fifth is refused.
  await openSection(page, 'Mes enfants');
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  const childForm = page.getByRole('region', { name: 'Ajouter un enfant' });
  await childForm.getByLabel('Prénom', { exact: true }).fill('Lucas');
  await childForm.getByLabel('Date de naissance').fill('2018-06-02');
  await childForm.getByLabel('École').fill('École publique Jules-Verne');
  await childForm.getByLabel('Classe').fill('CE2');
  await childForm.getByRole('button', { name: 'Ajouter l’enfant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lucas Bernard' })).toBeVisible();

  const medical = page.getByRole('region', { name: 'Fiche sanitaire' });
  await medical.getByRole('button', { name: 'Modifier la fiche sanitaire' }).click();
  await medical.getByLabel('Allergies').fill('Œufs');
  await medical.getByLabel('Régime alimentaire').selectOption({ label: 'Végétarien' });
  await medical.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(medical).toContainText('Œufs');

  const persons = page.getByRole('region', { name: 'Personnes autorisées à venir chercher l’enfant' });
  const people = [
    ['Bernard', 'Jacques', '06 10 20 30 40', 'Grand-père'],
    ['Bernard', 'Josiane', '06 10 20 30 41', 'Grand-mère'],
    ['Morin', 'Claire', '07 50 60 70 80', 'Tante'],
    ['Perrin', 'Hugo', '06 70 80 90 10', 'Voisin'],
  ] as const;
  for (const [lastName, firstName, mobile, relationship] of people) {
    await persons.getByRole('button', { name: 'Ajouter une personne autorisée' }).click();
    await persons.getByLabel('Nom', { exact: true }).fill(lastName);
    await persons.getByLabel('Prénom', { exact: true }).fill(firstName);
    await persons.getByLabel('Téléphone portable').fill(mobile);
    await persons.getByLabel('Lien avec l’enfant').fill(relationship);
    await persons.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect(persons.getByRole('heading', { name: `${firstName} ${lastName}` })).toBeVisible();
  }
  await expect(persons.getByRole('button', { name: 'Ajouter une personne autorisée' })).toBeDisabled();
  await expect(persons.getByText('4 personnes autorisées au maximum', { exact: true })).toBeVisible();

  // Documents: the attestation de responsabilité civile.
  await openSection(page, 'Documents');
  const upload = page.getByRole('region', { name: 'Transmettre un document' });
  await upload.getByLabel('Type de document').selectOption({ label: 'Attestation de responsabilité civile' });
  await upload.getByLabel('Fichier').setInputFiles({ name: 'attestation-bernard.pdf', mimeType: 'application/pdf', buffer: pdf('attestation') });
  await upload.getByRole('button', { name: 'Transmettre le document' }).click();
  await expect(page.getByRole('region', { name: 'Documents transmis' })).toContainText('attestation-bernard.pdf');

  // ÉTAPE 4: submit for validation.
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Accueil', exact: true }).click();
  await page.getByRole('button', { name: 'Transmettre mon dossier pour validation' }).click();
  await expect(page.getByText(/en cours de validation/).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Staff validate the account in the back-office.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto(`${BACKOFFICE}/`);
  await staff.getByLabel('Adresse e-mail').fill('agent@mairie.demo');
  await staff.getByLabel('Mot de passe').fill('Marelle-Demo-2026');
  await staff.getByRole('button', { name: 'Se connecter' }).click();
  await staff.getByRole('link', { name: 'Familles', exact: true }).click();
  await staff.getByRole('tab', { name: /À valider/ }).click();
  await staff.getByRole('table', { name: 'Dossiers à valider' }).getByRole('link', { name: /Bernard/ }).click();
  await expect(staff.getByRole('heading', { level: 1, name: /Bernard/ })).toBeVisible();
  await expect(staff.getByText('Lucas').first()).toBeVisible();
  await staff.getByRole('button', { name: 'Valider le dossier' }).click();
  await staff.getByRole('dialog', { name: 'Valider le dossier' }).getByRole('button', { name: 'Valider le dossier' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Le dossier est validé' })).toBeVisible();
  await staffContext.close();

  // The parent receives the e-mail, and Réservations opens.
  const validated = await waitForMail((m) => m.to.includes(EMAIL) && m.subject.startsWith('Votre compte famille est validé'));
  expect(validated.text).toContain('Réservations');
  await page.reload();
  await openSection(page, 'Réservations');
  await expect(page.getByText('Les réservations ne sont pas encore ouvertes pour votre compte.')).toHaveCount(0);
  await expect(page.getByText(/Faire et suivre vos demandes de réservation/)).toBeVisible();
});
