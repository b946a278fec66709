import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayfipClient, PayfipFault } from '../../shared/payfip/client';
import { createPaymentRequest, detailRequest, faultResponse, invalidArgument, outcomeOf, payfipText, readSoap, type CreatePaymentArgs } from '../../shared/payfip/protocol';
import { PayfipSimulator } from '../../shared/payfip/simulator';
import { parseXml } from '../../shared/payfip/xml';
import { refdetOf } from '../../shared/payments/payfip';

const ARGS: CreatePaymentArgs = {
  numcli: '123456',
  exer: '2026',
  refdet: '2026000123',
  montant: 7055,
  mel: 'parent@example.test',
  objet: 'Facture 2026 000123',
  saisie: 'T',
  urlnotif: 'http://portal.test/payfip/notification',
  urlredirect: 'http://portal.test/espace/factures/paiement/1',
};

describe('PayFiP protocol', () => {
  it('builds the creerPaiementSecurise envelope with every argument inside arg0, escaped', () => {
    const xml = createPaymentRequest({ ...ARGS, objet: 'A & B <c>' });
    const reply = readSoap(xml);
    expect(reply.kind).toBe('body');
    if (reply.kind !== 'body') return;
    expect(reply.body.local).toBe('creerPaiementSecurise');
    const arg0 = reply.body.children[0];
    expect(arg0?.local).toBe('arg0');
    const fields = Object.fromEntries((arg0?.children ?? []).map((c) => [c.local, c.text]));
    expect(fields).toEqual({ ...ARGS, montant: '7055', objet: 'A & B <c>' });
    expect(readSoap(detailRequest('abc')).kind).toBe('body');
  });

  it('maps resultrans: P/V paid, R/Z refused, A abandoned', () => {
    expect(['P', 'V', 'R', 'Z', 'A', 'X'].map(outcomeOf)).toEqual(['paid', 'paid', 'refused', 'refused', 'abandoned', null]);
  });

  it('reads a SOAP fault into its functional code', () => {
    expect(readSoap(faultResponse('P5', 'Transaction non terminée'))).toEqual({ kind: 'fault', code: 'P5', message: 'Transaction non terminée' });
  });

  it('refuses a DOCTYPE (no entity tricks) and non-SOAP answers', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')).toThrow();
    expect(() => readSoap('<html/>')).toThrow();
  });

  it("turns an invoice number into PayFiP's refdet alphabet and checks the arguments", () => {
    expect(refdetOf('2026-000123')).toBe('2026000123');
    expect(refdetOf('A-1')).toBe('0000A1');
    expect(payfipText('Facture 2026-000123 Saint-Étienne', 100, true)).toBe('Facture 2026 000123 Saint Etienne');
    expect(invalidArgument(ARGS)).toBeNull();
    expect(invalidArgument({ ...ARGS, montant: 99 })).toBe('montant');
    expect(invalidArgument({ ...ARGS, numcli: '12' })).toBe('numcli');
    expect(invalidArgument({ ...ARGS, refdet: '2026-000123' })).toBe('refdet');
  });
});

describe('PayFiP client against the simulator', () => {
  let now = new Date('2026-11-26T08:00:00Z');
  const notified: { url: string; idOp: string }[] = [];
  const sim = new PayfipSimulator({ now: () => now, notify: async (url, idOp) => void notified.push({ url, idOp }) });
  let server: { url: string; close(): Promise<void> };
  let client: PayfipClient;

  beforeAll(async () => {
    server = await sim.listen();
    client = new PayfipClient({ wsUrl: `${server.url}/ws`, paymentPageUrl: `${server.url}/tpa/paiementws.web` });
  });
  afterAll(() => server.close());

  it('creates an operation, answers P5 until the payer chooses, then the detail', async () => {
    const idOp = await client.createPayment(ARGS);
    expect(idOp).toMatch(/^[0-9a-f]{32}$/);
    expect(await client.getDetail(idOp)).toEqual({ kind: 'pending' });

    const page = await fetch(client.paymentUrl(idOp));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('70,55 €');
    expect(html).toContain('Simulateur PayFiP');

    const choice = await fetch(`${server.url}/tpa/choix?idop=${idOp}&resultat=paid`, { redirect: 'manual' });
    expect(choice.status).toBe(303);
    expect(choice.headers.get('location')).toBe(ARGS.urlredirect);
    expect(notified).toContainEqual({ url: ARGS.urlnotif, idOp });

    const detail = await client.getDetail(idOp);
    expect(detail.kind).toBe('done');
    if (detail.kind !== 'done') return;
    expect(detail.detail).toMatchObject({ idOp, resultrans: 'P', outcome: 'paid', montant: 7055, refdet: '2026000123', numcli: '123456', exer: '2026', dattrans: '26112026', heurtrans: '0900' });
    expect(detail.detail.numauto).not.toBe('');
  });

  it('reports refused and abandoned', async () => {
    for (const [outcome, code] of [
      ['refused', 'R'],
      ['abandoned', 'A'],
    ] as const) {
      const idOp = await client.createPayment(ARGS);
      await sim.complete(idOp, outcome);
      const d = await client.getDetail(idOp);
      expect(d.kind === 'done' && d.detail.resultrans).toBe(code);
      expect(d.kind === 'done' && d.detail.outcome).toBe(outcome);
    }
  });

  it('answers P1 for an unknown idOp and for one left unfinished past its lifetime', async () => {
    expect(await client.getDetail('nope')).toEqual({ kind: 'unknown' });
    const idOp = await client.createPayment(ARGS);
    now = new Date(now.getTime() + 21 * 60_000);
    expect(await client.getDetail(idOp)).toEqual({ kind: 'unknown' });
    expect((await fetch(client.paymentUrl(idOp))).status).toBe(404);
  });

  it('refuses invalid arguments with a fault', async () => {
    await expect(client.createPayment({ ...ARGS, montant: 50 })).rejects.toBeInstanceOf(PayfipFault);
  });
});
