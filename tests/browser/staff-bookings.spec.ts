import { expect, test } from '@playwright/test';
import { waitForMail } from './mailbox';
import { seriousViolations, staffLogin as login } from './helpers';

// Staff book and cancel on a family's behalf (issue 6), against the demo store with the clock on
// Thursday 26 November 2026: tomorrow (Friday 27) is past the cantine's 7-day deadline.

const REASON = 'Besoin imprévu : le père est retenu à l’hôpital, appel ce matin.';

test('an agent cancels then books again Jade’s cantine tomorrow for the Lefèvre family, with a reason; it is accepted', async ({ page }) => {
  await login(page, 'agent@mairie.demo');
  await page.getByRole('link', { name: 'Familles', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Rechercher une famille' }).fill('lefev');
  await page.getByRole('table', { name: 'Résultats de la recherche' }).getByRole('link', { name: 'Famille Lefèvre' }).click();
  await page.getByRole('tab', { name: 'Réservations' }).click();

  const table = page.getByRole('table', { name: 'Réservations de novembre 2026' });
  await expect(table).toBeVisible();
  // Jade already eats at the cantine on Fridays: staff free the day first (past the deadline, not billed).
  await table.getByRole('checkbox', { name: 'Sélectionner Jade Lefèvre, Repas, 27/11/2026' }).check();
  await page.getByRole('button', { name: 'Annuler la sélection (1)' }).click();
  const cancelDialog = page.getByRole('dialog', { name: 'Annuler pour la famille' });
  await cancelDialog.getByRole('button', { name: 'Suivant' }).click();
  await expect(cancelDialog.getByText('Indiquez le motif de la demande faite pour la famille.')).toBeVisible();
  await cancelDialog.getByLabel('Motif (conservé dans l’historique)').fill('Sortie scolaire : pas de repas ce jour-là.');
  await cancelDialog.getByRole('button', { name: 'Suivant' }).click();
  await expect(cancelDialog.getByRole('table', { name: 'Récapitulatif de l’annulation' })).toContainText('ANNULÉE');
  await cancelDialog.getByRole('button', { name: 'Valider l’annulation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La réservation est annulée' })).toBeVisible();

  // Then book the same day again on the family's behalf.
  await page.getByRole('button', { name: 'Réserver pour la famille' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réserver pour la famille' });
  await dialog.getByLabel('Enfant').selectOption({ label: 'Jade Lefèvre' });
  await dialog.getByLabel('Service').selectOption({ label: 'Restauration scolaire' });
  await expect(dialog.getByRole('checkbox', { name: 'Repas' })).toBeChecked();
  await expect(dialog.getByLabel('Date')).toHaveValue('2026-11-27');
  await dialog.getByLabel('Motif (conservé dans l’historique)').fill(REASON);
  await expect(dialog.getByRole('button', { name: 'Suivant' })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Suivant' }).click();
  const recap = dialog.getByRole('table', { name: 'Récapitulatif de la demande' });
  await expect(recap).toContainText('ACCEPTÉE');
  await expect(recap).toContainText('27/11/2026');
  // No repas majoré when staff book.
  await expect(recap).not.toContainText('majoré');
  await dialog.getByRole('button', { name: 'Valider la demande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande enregistrée (1 acceptée)' })).toBeVisible();

  const row = table.getByRole('row').filter({ hasText: '27/11/2026' }).filter({ hasText: 'Jade Lefèvre' }).filter({ hasText: 'Par le service' });
  await expect(row).toContainText('ACCEPTÉE');
  await row.getByRole('button', { name: /^Historique/ }).click();
  const history = page.getByRole('dialog', { name: 'Historique de la réservation' });
  await expect(history).toContainText(REASON);
  expect(await seriousViolations(page)).toEqual([]);

  const mail = await waitForMail((m) => m.to.includes('famille@demo.fr') && /27\/11\/2026/.test(m.text) && /ACCEPTÉE/.test(m.text));
  expect(mail.text).toContain('Jade');
});
