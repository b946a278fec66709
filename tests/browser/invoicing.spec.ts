import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForMail } from './mailbox';
import { BACKOFFICE, LATER_BACKOFFICE, LATER_MAILBOX_URL, LATER_NOW, LATER_PORTAL_URL, MAILBOX_URL, PORTAL_URL } from './ports';
import { DEMO_PASSWORD, seriousViolations } from './helpers';

// Acceptance of issue 8 on the demo store, twice: on the main browser server (clock 26 November
// 2026: October 2026 is the last finished month, with the demo's attendance), and on the second
// server whose clock is in April 2027 (tests/browser/ports.ts): March 2027, where the demo has
// Léo's cantine bookings (alternating weeks between his two homes), ticked by the animators.

interface Run {
  backoffice: string;
  portal: string;
  mailbox: string;
  now: Date;
  month: string;
  label: string;
  /** The line the preview shows for the demo family, with its why. */
  why: RegExp;
}

const RUNS: Run[] = [
  {
    backoffice: BACKOFFICE,
    portal: PORTAL_URL,
    mailbox: MAILBOX_URL,
    now: new Date('2026-11-26T09:00:00+01:00'),
    month: '2026-10',
    label: 'octobre 2026',
    why: /Léo Lefèvre — Restauration scolaire — Repas .*Présence\. Tranche du quotient familial « QF de 601 à 1000 »/,
  },
  {
    backoffice: LATER_BACKOFFICE,
    portal: LATER_PORTAL_URL,
    mailbox: LATER_MAILBOX_URL,
    now: new Date(LATER_NOW),
    month: '2027-03',
    label: 'mars 2027',
    why: /Léo Lefèvre — Restauration scolaire — Repas du \d\d\/03\/2027 .*Présence\. Tranche du quotient familial « QF de 601 à 1000 »/,
  },
];

interface Line {
  childName: string | null;
  label: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
// pdftotext writes the narrow no-break space of "4,15 €" as is; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test.describe.serial('Facturation — acceptance of issue 8', () => {
  for (const run of RUNS) {
    test(`staff run ${run.label}; the demo parent sees the invoice, downloads its PDF and receives the e-mail`, async ({ page, browser }) => {
      const { backoffice, portal, now: NOW, month: MONTH } = run;
      await page.clock.setFixedTime(NOW);
      await page.goto(`${backoffice}/`);
      await page.getByLabel('Adresse e-mail').fill('agent@mairie.demo');
      await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.getByRole('button', { name: 'Se déconnecter' }).or(page.getByRole('button', { name: /menu/i })).first()).toBeVisible();
      await page.goto(`${backoffice}/#/facturation`);
      await expect(page.getByRole('heading', { level: 1, name: 'Facturation' })).toBeVisible();
      await expect(page.getByLabel('Mois à facturer')).toHaveValue(MONTH);

      // The preview: every family with its lines and why, nothing issued yet.
      await page.getByRole('button', { name: 'Aperçu' }).click();
      await expect(page.getByText(new RegExp(`factures? à émettre pour ${run.label}`))).toBeVisible();
      await page.getByRole('button', { name: 'Voir les lignes de M. Nicolas Lefèvre' }).click();
      await expect(page.getByText(run.why).first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Émettre les factures' }).click();
      await expect(page.getByText(new RegExp(`Facturation d(’|e )${run.label} terminée : \\d+ factures émises`))).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('progressbar', { name: 'Progression de la facturation' })).toBeVisible();

      // Issuing the month again: nothing new, and a clear sentence.
      await page.getByRole('button', { name: 'Émettre les factures' }).click();
      await expect(page.getByText(new RegExp(`Les factures d(’|e )${run.label} sont déjà émises \\(\\d+ factures\\) : rien de nouveau à émettre`))).toBeVisible();

      // The demo parent's « Factures ».
      const parentContext = await browser.newContext({ acceptDownloads: true });
      const parent = await parentContext.newPage();
      await parent.clock.setFixedTime(NOW);
      await parent.goto(`${portal}/`);
      await parent.getByLabel('Identifiant').fill('famille@demo.fr');
      await parent.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
      await parent.getByRole('button', { name: 'Se connecter' }).click();
      await expect(parent).toHaveURL(/\/espace$/);
      await parent.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Factures', exact: true }).click();
      await expect(parent.getByRole('heading', { level: 1, name: 'Factures' })).toBeVisible();
      const row = parent.getByRole('region', { name: 'Mes factures' }).getByRole('row').filter({ hasText: run.label });
      await expect(row).toContainText('À payer');
      await expect(parent.getByText(/Reste à payer/)).toBeVisible();
      expect(await seriousViolations(parent)).toEqual([]);

      const list = (await (await parent.request.get(`${portal}/api/family/invoices`)).json()) as { invoices: { id: number; number: string; month: string }[] };
      const invoice = list.invoices.find((i) => i.month === MONTH);
      expect(invoice).toBeDefined();
      const detail = (await (await parent.request.get(`${portal}/api/family/invoices/${invoice?.id ?? 0}`)).json()) as { lines: Line[]; totalCents: number; number: string };

      const [download] = await Promise.all([parent.waitForEvent('download'), row.getByRole('link', { name: /Télécharger le PDF/ }).click()]);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-invoice-')), 'facture.pdf');
      await download.saveAs(file);
      const text = plain(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
      expect(text).toContain(`Facture n° ${detail.number}`);
      expect(detail.lines.length).toBeGreaterThan(0);
      for (const line of detail.lines) {
        expect(text).toContain(line.label);
        expect(text).toMatch(new RegExp(`\\s${line.quantity}\\s+${plain(euros(line.unitPriceCents))}\\s+${plain(euros(line.amountCents))}`));
      }
      expect(text).toMatch(new RegExp(`Total à payer\\s+${plain(euros(detail.totalCents))}`));

      // The invoice page shows the same lines, with the why of each.
      await parent.getByRole('link', { name: detail.number, exact: true }).click();
      await expect(parent.getByRole('heading', { level: 1, name: `Facture n° ${detail.number}` })).toBeVisible();
      await expect(parent.getByText(/(Présence|Réservation acceptée)\. Tranche du quotient familial/).first()).toBeVisible();

      const mail = await waitForMail((m) => m.to.includes('famille@demo.fr') && m.subject.includes(`facture d${run.label.startsWith('o') ? '’' : 'e '}${run.label}`), 20_000, run.mailbox);
      expect(mail.subject).toContain(detail.number);
      await parentContext.close();
    });
  }
});
