import { expect, test, type Page } from '@playwright/test';
import { waitForMail } from './mailbox';

// The back-office's "Familles" area against the demo store (tests/browser/server.ts):
// search as you type, the validation queue, documents refused / accepted, validation, desk creation.

import { seriousViolations, staffLogin as login } from './helpers';

/** A small but well-formed PDF: the server recognises files by their content. */
function pdf(text: string): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] >> endobj',
  ];
  return Buffer.from(`%PDF-1.4\n% ${text}\n${objects.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

async function uploadDocument(page: Page, type: string, name: string) {
  await page.getByRole('button', { name: 'Ajouter un document' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un document' });
  await dialog.getByLabel('Type de document').selectOption({ label: type });
  await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
  await dialog.getByRole('button', { name: 'Transmettre le document' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${type} : document transmis` })).toBeVisible();
}

test.describe('back-office — familles', () => {
  test('the admin finds the Lefèvre family as they type and opens it from the keyboard', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Familles', exact: true }).click();
    const search = page.getByRole('searchbox', { name: 'Rechercher une famille' });
    await search.fill('lefev');
    // Lefèvre and Moreau (the other home of Léo Lefèvre).
    await expect(page.getByText('2 familles trouvées.')).toBeVisible();
    const results = page.getByRole('table', { name: 'Résultats de la recherche' });
    const lefevre = results.getByRole('row').filter({ has: page.getByRole('link', { name: 'Famille Lefèvre' }) });
    await expect(lefevre).toBeVisible();
    await expect(lefevre).toContainText('Validé');
    await expect(lefevre).toContainText('Léo Lefèvre');
    await expect(lefevre).toContainText('famille@demo.fr');
    expect(await seriousViolations(page)).toEqual([]);

    // A status filter narrows the results.
    await page.getByLabel('État').selectOption({ label: 'En attente de validation' });
    await expect(page.getByText('Aucune famille ne correspond à « lefev ».')).toBeVisible();
    await page.getByLabel('État').selectOption({ label: 'Tous les états' });
    await expect(lefevre).toBeVisible();

    // ↓ goes from the field to the first family, Entrée opens it.
    await search.press('ArrowDown');
    await expect(results.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Famille Lefèvre' })).toBeVisible();
    // The file beside its documents: full IBAN for staff, the shared child, the household.
    await expect(page.getByRole('region', { name: 'Responsable' })).toContainText('Nicolas Lefèvre');
    await expect(page.getByRole('article', { name: 'Léo Lefèvre' })).toContainText('Garde alternée');
    await expect(page.getByRole('region', { name: 'Documents' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Jade Lefèvre' })).toContainText('Fiche sanitaire');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
  });

  test('the admin opens the queue, refuses a document with a reason and validates the file', async ({ page }) => {
    await login(page, 'admin@mairie.demo');
    await page.getByRole('link', { name: 'Familles', exact: true }).click();
    await page.getByRole('tab', { name: 'À valider' }).click();

    const queue = page.getByRole('table', { name: 'Dossiers à valider' });
    const rows = queue.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    // Oldest first: "Transmis le" (dd/mm/yyyy HH:mm) goes up row after row.
    const submitted = await queue.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(submitted.length).toBeGreaterThanOrEqual(3);
    const asSortable = (text: string) => text.replace(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2})$/, '$3-$2-$1 $4');
    expect(submitted.map(asSortable)).toEqual([...submitted.map(asSortable)].sort());

    const first = rows.first();
    const familyName = (await first.getByRole('link').innerText()).trim();
    const familyEmail = (await first.locator('td').last().innerText()).trim();
    await first.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: familyName })).toBeVisible();
    await expect(page.getByText('En attente de validation').first()).toBeVisible();
    await expect(page.getByTestId('completeness')).toContainText('attestation de responsabilité civile');

    // The family handed its papers in at the desk: staff upload them, then decide on each.
    await uploadDocument(page, 'Attestation de responsabilité civile', 'attestation-2026.pdf');
    await uploadDocument(page, 'RIB', 'rib-flou.pdf');
    await expect(page.getByTestId('completeness')).toContainText('Dossier complet');

    await page.getByRole('button', { name: 'Refuser : RIB' }).click();
    const refuse = page.getByRole('dialog', { name: 'Refuser le document' });
    // The reason is required.
    await refuse.getByRole('button', { name: 'Refuser le document' }).click();
    await expect(refuse.getByText('Indiquez le motif.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await refuse.getByLabel('Motif du refus').fill('Le RIB est illisible : merci d’en transmettre une copie nette.');
    await refuse.getByRole('button', { name: 'Refuser le document' }).click();
    await expect(refuse).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'RIB : document refusé' })).toBeVisible();
    const rib = page.getByRole('article', { name: 'RIB', exact: true });
    await expect(rib).toContainText('Refusé');
    await expect(rib).toContainText('Motif du refus : Le RIB est illisible');

    await page.getByRole('button', { name: 'Accepter : Attestation de responsabilité civile' }).click();
    const accept = page.getByRole('dialog', { name: 'Accepter le document' });
    await accept.getByRole('button', { name: 'Accepter le document' }).click();
    await expect(accept).toBeHidden();
    await expect(page.getByRole('article', { name: 'Attestation de responsabilité civile', exact: true })).toContainText('Accepté');

    await page.getByRole('button', { name: 'Valider le dossier' }).click();
    const confirm = page.getByRole('dialog', { name: 'Valider le dossier' });
    await expect(confirm).toContainText('prévenue par courriel');
    await confirm.getByRole('button', { name: 'Valider le dossier' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Le dossier est validé ; la famille a été prévenue par courriel.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Valider le dossier' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'État du dossier' })).toContainText('Validé');

    // The family got both decisions by e-mail, the refusal with its reason.
    const refusal = await waitForMail((m) => m.to.includes(familyEmail) && m.subject.startsWith('Document refusé'));
    expect(refusal.text).toContain('Le RIB est illisible');
    await waitForMail((m) => m.to.includes(familyEmail) && m.subject.startsWith('Votre compte famille est validé'));

    // The history tells who did what.
    await page.getByRole('tab', { name: 'Historique' }).click();
    const history = page.getByRole('table', { name: 'Historique du dossier' });
    await expect(history).toContainText('Claire Martin');
    await expect(history.locator('tbody tr').first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // Back in the queue, the family is gone.
    await page.getByRole('link', { name: 'Familles', exact: true }).click();
    await page.getByRole('tab', { name: 'À valider' }).click();
    await expect(page.getByRole('table', { name: 'Dossiers à valider' })).not.toContainText(familyName);
  });

  test('an agent creates a family at the desk for parents without internet', async ({ page }) => {
    await login(page, 'agent@mairie.demo');
    await page.getByRole('link', { name: 'Familles', exact: true }).click();
    await page.getByRole('link', { name: 'Nouvelle famille' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle famille' })).toBeVisible();

    await page.getByLabel('Civilité').selectOption({ label: 'Madame' });
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Quéré');
    await page.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Soazig');
    await page.getByLabel('Date de naissance').fill('12/05/1988');
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('3 impasse des Genêts');
    await page.getByLabel('Code postal').fill('35750');
    await page.getByLabel('Ville').fill('Iffendic');
    await page.getByLabel('Téléphone portable').fill('0612');
    await page.getByRole('button', { name: 'Créer la famille' }).click();
    // Checked with the API's own rule before anything is sent.
    await expect(page.getByText('Téléphone portable invalide')).toBeVisible();
    await page.getByLabel('Téléphone portable').fill('06 45 12 78 90');
    await page.getByRole('button', { name: 'Créer la famille' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Famille Quéré' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'La famille a été créée, sans accès au portail.' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'État du dossier' })).toContainText('Dossier incomplet');
    await expect(page.getByRole('region', { name: 'Responsable' })).toContainText('06 45 12 78 90');

    // A first child, filled at the desk.
    await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const childDialog = page.getByRole('dialog', { name: 'Ajouter un enfant' });
    await childDialog.getByLabel('Prénom de l’enfant').fill('Maïwenn');
    await childDialog.getByLabel('Date de naissance').fill('04/09/2019');
    await childDialog.getByRole('button', { name: 'Ajouter l’enfant' }).click();
    await expect(childDialog).toBeHidden();
    await expect(page.getByRole('article', { name: 'Maïwenn Quéré' })).toBeVisible();

    // Found by the search right away, by the child's first name.
    await page.getByRole('link', { name: 'Familles', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Rechercher une famille' }).fill('maiwenn');
    const row = page.getByRole('table', { name: 'Résultats de la recherche' }).getByRole('row').filter({ hasText: 'Famille Quéré' });
    await expect(row).toContainText('Dossier incomplet');
    await expect(row).toContainText('06 45 12 78 90');
  });
});
