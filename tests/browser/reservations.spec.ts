import { expect, test, type Page } from '@playwright/test';
import { waitForMail } from './mailbox';
import { DEMO_PASSWORD, seriousViolations } from './helpers';

// Acceptance of issue 5, following the guide's pages "Effectuer une réservation", "Autres
// réservations", "Valider votre/vos réservation(s)" and "Annuler une réservation", as the demo
// parent (famille@demo.fr: Léo, in garde alternée with the Moreau family, and Jade). The server
// runs the demo store with its clock fixed on Thursday 26 November 2026 09:00 (tests/browser/server.ts);
// the browser's clock is fixed on the same instant so that "Mon planning" opens on November 2026.
//
// Demo facts used: cantine (Restauration scolaire, automatic approval) opens on Mondays,
// Tuesdays, Thursdays and Fridays, bookings at the latest 7 days before, later ones accepted with a
// 1 € "repas majoré"; the demo bookings of the cantine stop on 30 November (Léo's that week are
// the Moreau family's). ALSH du mercredi needs staff approval.

const DEMO_EMAIL = 'famille@demo.fr';
const NOW = new Date('2026-11-26T09:00:00+01:00');

async function login(page: Page) {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByLabel('Identifiant').fill(DEMO_EMAIL);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/espace$/);
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Réservations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réservations' })).toBeVisible();
}

/** « Cliquez sur ajouter » → the child in the drop-down → « Suivant » → unfold the service → its period's planning. */
async function openPlanning(page: Page, child: string, service: string) {
  await page.getByRole('link', { name: 'Ajouter', exact: true }).click();
  await page.getByLabel('Enfant concerné par la demande').selectOption({ label: child });
  await page.getByRole('button', { name: 'Suivant' }).click();
  const category = page.getByRole('button', { name: service, exact: true });
  await expect(category).toHaveAttribute('aria-expanded', 'false');
  await category.click();
  await expect(category).toHaveAttribute('aria-expanded', 'true');
  await category.locator('xpath=ancestor::li[1]').getByRole('link', { name: /Ouvrir le planning/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Planning de ${child.split(' ')[0]}`) })).toBeVisible();
}

const day = (page: Page, name: string | RegExp) => page.getByRole('button', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name });
const nextButton = (page: Page) => page.getByRole('region', { name: 'Actions de la demande' }).getByRole('button', { name: 'Suivant' });
const validateButton = (page: Page) => page.getByRole('region', { name: 'Valider la demande' }).getByRole('button', { name: 'Valider' });

test.describe.serial('Réservations — acceptance of issue 5', () => {
  test('books a Wednesday of ALSH (manual approval): EN ATTENTE DE TRAITEMENT, confirmed by e-mail', async ({ page }) => {
    await login(page);
    await openPlanning(page, 'Léo Lefèvre (garde alternée)', 'ALSH du mercredi');

    // December: the Wednesday of next week is past the deadline, the demo's pending days are shown.
    await page.getByLabel('Mois affiché').selectOption({ label: 'Décembre 2026' });
    await expect(day(page, 'mercredi 2 décembre 2026, ouvert, hors délai')).toBeVisible();
    await expect(day(page, 'mercredi 9 décembre 2026, ouvert, 1 réservation')).toContainText('EN ATTENTE DE TRAITEMENT');
    // The other family's week: read-only and marked as such.
    await day(page, 'mercredi 16 décembre 2026, ouvert, 1 réservation liée à un autre compte').click();
    const dec16 = page.getByRole('dialog', { name: /mercredi 16 décembre 2026/ });
    await expect(dec16.getByText('Réservation liée à un autre compte')).toBeVisible();
    await expect(dec16.getByRole('button', { name: /Demander l’annulation/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dec16).toBeHidden();
    await expect(day(page, 'mercredi 16 décembre 2026')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    // The keyboard walks the month: a week down from 16 December, then the next month.
    await page.keyboard.press('ArrowDown');
    await expect(day(page, 'mercredi 23 décembre 2026, fermé : Vacances scolaires')).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect(page.getByLabel('Mois affiché')).toHaveValue('2027-01');
    await expect(day(page, 'mercredi 20 janvier 2027')).toBeFocused();

    // « Cliquez ensuite sur la journée … une fenêtre s’ouvrira » → « Nouvelle présence ».
    const jan6 = day(page, 'mercredi 6 janvier 2027, ouvert, aucune réservation');
    await jan6.click();
    const dialog = page.getByRole('dialog', { name: /mercredi 6 janvier 2027/ });
    await dialog.getByRole('button', { name: 'Nouvelle présence' }).click();
    const presence = page.getByRole('dialog', { name: /Nouvelle présence/ });
    const journee = presence.getByRole('checkbox', { name: 'Journée (repas compris)' });
    await expect(journee).toBeFocused();
    await expect(presence).toContainText('07h30–18h30');
    await expect(presence).toContainText('places restantes');
    await journee.check();
    // Incompatible units cannot be checked together.
    await expect(presence.getByRole('checkbox', { name: 'Matin' })).toBeDisabled();
    await expect(presence.getByText('incompatible avec Journée (repas compris)').first()).toBeVisible();
    // Tab stays inside the window.
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('Tab');
    expect(await presence.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await presence.getByRole('button', { name: 'Valider' }).click();
    await expect(presence).toBeHidden();
    await expect(day(page, 'mercredi 6 janvier 2027, ouvert, aucune réservation, 1 ligne dans votre demande en cours')).toBeFocused();
    await expect(page.getByRole('region', { name: 'Actions de la demande' })).toContainText('Votre demande : 1 ligne');

    // « Cliquez sur SUIVANT » → the recap → « VALIDER ».
    await nextButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Récapitulatif de votre demande' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '06/01/2027' });
    await expect(row).toContainText('Léo Lefèvre');
    await expect(row).toContainText('ALSH du mercredi');
    await expect(row).toContainText('Journée (repas compris)');
    await expect(row).toContainText('EN ATTENTE DE TRAITEMENT');
    await expect(page.getByText('Total :')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await validateButton(page).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Un e-mail de confirmation vous est envoyé');
    await expect(page.getByRole('row').filter({ hasText: '06/01/2027' })).toContainText('EN ATTENTE DE TRAITEMENT');
    const mail = await waitForMail(
      (m) => m.to.includes(DEMO_EMAIL) && m.text.includes('06/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : EN ATTENTE DE TRAITEMENT'),
    );
    expect(mail.subject).toMatch(/^Votre demande de réservation n° \d+/);

    // « Mes demandes » follows it.
    await page.getByRole('link', { name: 'Voir mon planning' }).click();
    const history = page.getByRole('region', { name: 'Mes demandes' });
    await expect(history.getByRole('listitem').first()).toContainText('1 ligne : 1 EN ATTENTE DE TRAITEMENT');
  });

  test('books the cantine Mondays, Tuesdays, Thursdays and Fridays of the whole period with the MODE RECOPIE: ACCEPTÉE', async ({ page }) => {
    await login(page);
    await openPlanning(page, 'Jade Lefèvre', 'Restauration scolaire');
    await expect(page.getByLabel('Mois affiché')).toHaveValue('2026-12');
    await expect(day(page, 'jeudi 3 décembre 2026, ouvert, aucune réservation')).toBeVisible();

    await page.getByRole('button', { name: 'MODE RECOPIE' }).click();
    const recopie = page.getByRole('dialog', { name: 'Mode recopie' });
    await recopie.getByRole('radio', { name: 'Les jours de votre choix' }).check();
    await expect(recopie.getByLabel('Du', { exact: true })).toHaveValue('2026-12-03');
    await expect(recopie.getByLabel('Au', { exact: true })).toHaveValue('2027-07-02');
    // Only the weekdays the service opens are offered.
    await expect(recopie.getByRole('checkbox', { name: 'mercredi' })).toHaveCount(0);
    for (const weekday of ['lundi', 'mardi', 'jeudi', 'vendredi']) await recopie.getByRole('checkbox', { name: weekday }).check();
    await expect(recopie.getByRole('checkbox', { name: 'Repas' })).toBeChecked();

    // The dates before « Valider », month by month; the holidays are not filled.
    const preview = recopie.getByRole('region', { name: /Dates à réserver/ });
    const december = preview.getByText(/Décembre 2026 — \d+ dates/);
    await expect(december).toHaveText('Décembre 2026 — 10 dates');
    await december.click();
    await expect(preview.getByText('jeu. 03/12/2026')).toBeVisible();
    await expect(preview.getByText('ven. 18/12/2026')).toBeVisible();
    await expect(preview.getByText('lun. 21/12/2026')).toHaveCount(0);
    const heading = await preview.getByRole('heading').textContent();
    const count = Number(/(\d+) dates/.exec(heading ?? '')?.[1]);
    expect(count).toBeGreaterThan(80);
    // « Valider » is in view without scrolling down the list.
    const validate = recopie.getByRole('button', { name: `Valider (${count} lignes)` });
    await expect(validate).toBeInViewport();
    await validate.click();
    await expect(page.getByRole('status').filter({ hasText: `${count} lignes ajoutées à votre demande` })).toBeVisible();
    await expect(day(page, /^vendredi 4 décembre 2026, ouvert, aucune réservation, 1 ligne dans votre demande en cours/)).toContainText('À ENVOYER');
    await expect(page.getByRole('region', { name: 'Actions de la demande' })).toContainText(`Votre demande : ${count} lignes`);

    await nextButton(page).click();
    await expect(page.getByText(`${count} lignes : ${count} ACCEPTÉE`)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '02/07/2027' })).toContainText('ACCEPTÉE');
    await expect(validateButton(page)).toBeInViewport();
    await validateButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(`${count} ACCEPTÉE`);
    await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes('02/07/2027 — Jade Lefèvre — Restauration scolaire — Repas : ACCEPTÉE'));
  });

  test('on a phone, books a cantine day less than 7 days ahead: the recap shows the repas majoré', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await login(page);
    await openPlanning(page, 'Léo Lefèvre (garde alternée)', 'Restauration scolaire');
    await page.getByLabel('Mois affiché').selectOption({ label: 'Novembre 2026' });

    // Monday 30 November: Léo's week at his other home, booked by the other account.
    await day(page, 'lundi 30 novembre 2026, ouvert, hors délai, 1 réservation liée à un autre compte').click();
    let dialog = page.getByRole('dialog', { name: /lundi 30 novembre 2026/ });
    await expect(dialog.getByText('Réservation liée à un autre compte')).toBeVisible();
    await expect(dialog).toContainText('majorée de 1,00 € (repas majoré)');
    await dialog.getByRole('button', { name: 'Nouvelle présence' }).click();
    await expect(page.getByRole('dialog', { name: /Nouvelle présence/ }).getByRole('checkbox', { name: 'Repas' })).toBeDisabled();
    await page.keyboard.press('Escape');

    // Tuesday 1 December, five days ahead.
    await page.getByLabel('Mois affiché').selectOption({ label: 'Décembre 2026' });
    await day(page, 'mardi 1er décembre 2026, ouvert, hors délai, aucune réservation').click();
    dialog = page.getByRole('dialog', { name: /mardi 1er décembre 2026/ });
    await dialog.getByRole('button', { name: 'Nouvelle présence' }).click();
    const presence = page.getByRole('dialog', { name: /Nouvelle présence/ });
    await expect(presence).toContainText('+ 1,00 € (repas majoré)');
    await presence.getByRole('checkbox', { name: 'Repas' }).check();
    await presence.getByRole('button', { name: 'Valider' }).click();
    await nextButton(page).click();

    const row = page.getByRole('row').filter({ hasText: '01/12/2026' });
    await expect(row).toContainText('2,50 €');
    await expect(row).toContainText('+ 1,00 € (repas majoré)');
    await expect(row).toContainText('ACCEPTÉE');
    await expect(page.getByText('Total : 3,50 €')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await validateButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
    await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes('01/12/2026 — Léo Lefèvre — Restauration scolaire — Repas : ACCEPTÉE ('));
  });

  test('cancels one day with « Cette demande » from the family planning: the recap says it stays billed and why', async ({ page }) => {
    await login(page);

    // « Abonnement calendrier »: the private address of the accepted bookings, with a copy button.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Abonnement calendrier' }).click();
    const subscription = page.getByRole('dialog', { name: 'Abonnement calendrier' });
    await subscription.getByRole('button', { name: 'Obtenir mon adresse d’abonnement' }).click();
    const address = subscription.getByRole('textbox', { name: 'Adresse de votre calendrier' });
    await expect(address).toHaveValue(/\/api\/public\/calendar\/[^/]+\.ics$/);
    await expect(address).toBeFocused();
    await subscription.getByRole('button', { name: 'Copier l’adresse' }).click();
    await expect(subscription.getByRole('status')).toContainText('Adresse copiée');
    const url = await address.inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const feed = await page.request.get(url);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Jade — Restauration scolaire (repas)');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Abonnement calendrier' })).toBeFocused();

    const planning = page.getByRole('region', { name: 'Mon planning' });
    await expect(planning.getByRole('heading', { name: 'Novembre 2026' })).toBeVisible();
    // Month view by default; the week view too.
    await planning.getByRole('button', { name: 'Semaine' }).click();
    await expect(planning.getByRole('heading', { name: 'Semaine du 23/11/2026 au 29/11/2026' })).toBeVisible();
    await planning.getByRole('button', { name: 'Semaine suivante' }).click();
    const monday = day(page, 'lundi 30 novembre 2026, 2 réservations dont 1 liée à un autre compte');
    await expect(monday).toContainText('Jade · Restauration scolaire · Repas');
    await expect(monday).toContainText('autre compte');
    expect(await seriousViolations(page)).toEqual([]);

    await monday.click();
    const dialog = page.getByRole('dialog', { name: /lundi 30 novembre 2026/ });
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Léo Lefèvre' })).toContainText('Réservation liée à un autre compte');
    const jade = dialog.getByRole('listitem').filter({ hasText: 'Jade Lefèvre' });
    await jade.getByRole('button', { name: /Demander l’annulation/ }).click();
    await jade.getByRole('button', { name: 'Cette demande' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Récapitulatif de votre demande' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '30/11/2026' });
    await expect(row).toContainText('Annulation : Repas');
    await expect(row).toContainText('ANNULÉE');
    await expect(row).toContainText('Reste facturée. Annulation hors délai');
    await validateButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
    await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes('30/11/2026 — Jade Lefèvre — Restauration scolaire — Repas : ANNULÉE (reste facturée'));

    // Back on « Mon planning » (month view): only Léo's booking is left that day.
    await page.getByRole('link', { name: 'Voir mon planning' }).click();
    await expect(day(page, 'lundi 30 novembre 2026, 1 réservation liée à un autre compte')).toBeVisible();
  });

  test('cancels a range with « Plus de jours » and the MODE RECOPIE', async ({ page }) => {
    await login(page);
    await openPlanning(page, 'Jade Lefèvre', 'Restauration scolaire');
    await page.getByLabel('Mois affiché').selectOption({ label: 'Janvier 2027' });
    await day(page, 'lundi 11 janvier 2027, ouvert, 1 réservation').click();
    const dialog = page.getByRole('dialog', { name: /lundi 11 janvier 2027/ });
    await dialog.getByRole('button', { name: /Demander l’annulation/ }).click();
    await dialog.getByRole('button', { name: 'Plus de jours' }).click();

    const recopie = page.getByRole('dialog', { name: /Annuler plusieurs jours/ });
    await expect(recopie.getByRole('radio', { name: 'De date à date' })).toBeChecked();
    await expect(recopie.getByLabel('Du', { exact: true })).toHaveValue('2027-01-11');
    await recopie.getByLabel('Au', { exact: true }).fill('2027-01-22');
    const preview = recopie.getByRole('region', { name: /Dates à annuler/ });
    await expect(preview.getByRole('heading')).toHaveText('Dates à annuler : 8 dates');
    await expect(preview.getByText('Janvier 2027 — 8 dates')).toBeVisible();
    await expect(preview.getByText('lun. 11/01/2027')).toBeVisible();
    await expect(preview.getByText('ven. 22/01/2027')).toBeVisible();
    await recopie.getByRole('button', { name: 'Valider (8 annulations)' }).click();
    await expect(day(page, /^jeudi 14 janvier 2027, ouvert, 1 réservation, 1 ligne dans votre demande en cours/)).toContainText('ANNULATION À ENVOYER');

    await nextButton(page).click();
    await expect(page.getByText('8 lignes : 8 ANNULÉE')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '22/01/2027' })).toContainText('Non facturée.');
    await validateButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
    await waitForMail((m) => m.to.includes(DEMO_EMAIL) && m.text.includes('22/01/2027 — Jade Lefèvre — Restauration scolaire — Repas : ANNULÉE (non facturée)'));

    await page.getByRole('link', { name: 'Faire une autre réservation' }).click();
    await page.getByLabel('Enfant concerné par la demande').selectOption({ label: 'Jade Lefèvre' });
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Restauration scolaire', exact: true }).click();
    await page.getByRole('link', { name: /Ouvrir le planning/ }).click();
    await page.getByLabel('Mois affiché').selectOption({ label: 'Janvier 2027' });
    await expect(day(page, 'lundi 11 janvier 2027, ouvert, aucune réservation')).toBeVisible();
    await expect(day(page, 'lundi 25 janvier 2027, ouvert, 1 réservation')).toBeVisible();
  });

  test('a line the server refuses is named in the recap, next to the line; once removed the request goes', async ({ page }) => {
    await login(page);
    await openPlanning(page, 'Léo Lefèvre (garde alternée)', 'ALSH du mercredi');
    await page.getByLabel('Mois affiché').selectOption({ label: 'Janvier 2027' });
    for (const date of ['mercredi 13 janvier 2027', 'mercredi 20 janvier 2027']) {
      await day(page, date).click();
      await page.getByRole('dialog', { name: new RegExp(date) }).getByRole('button', { name: 'Nouvelle présence' }).click();
      const presence = page.getByRole('dialog', { name: /Nouvelle présence/ });
      await presence.getByRole('checkbox', { name: 'Après-midi' }).check();
      await presence.getByRole('button', { name: 'Valider' }).click();
    }

    // Meanwhile the 13th is booked from another tab.
    const csrf = (await page.context().cookies()).find((c) => c.name === 'marelle_csrf')?.value ?? '';
    const catalog = (await (await page.request.get('/api/family/booking/catalog')).json()) as {
      children: { id: number; firstName: string }[];
      services: { name: string; units: { id: number; name: string }[] }[];
    };
    const leo = catalog.children.find((c) => c.firstName === 'Léo')!;
    const afternoon = catalog.services.find((s) => s.name === 'ALSH du mercredi')!.units.find((u) => u.name === 'Après-midi')!;
    const other = await page.request.post('/api/family/requests', {
      headers: { 'x-csrf-token': csrf },
      data: { lines: [{ action: 'book', childId: leo.id, date: '2027-01-13', unitId: afternoon.id }] },
    });
    expect(other.status()).toBe(201);

    await nextButton(page).click();
    await expect(page.getByRole('alert')).toContainText('1 ligne pose problème');
    const row = page.getByRole('row').filter({ hasText: '13/01/2027' });
    await expect(row).toContainText('Léo a déjà une réservation « Après-midi » le 13/01/2027.');
    await expect(validateButton(page)).toBeDisabled();
    await row.getByRole('button', { name: /Retirer/ }).click();
    await expect(page.getByRole('row').filter({ hasText: '20/01/2027' })).toContainText('EN ATTENTE DE TRAITEMENT');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await validateButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
  });

  test('the requests above were validated on the booking worker, which never stopped (decision 0017)', async ({ request }) => {
    const health = await request.get('/healthz');
    expect(await health.json()).toEqual({ status: 'ok', bookings: 'worker' });
  });
});
