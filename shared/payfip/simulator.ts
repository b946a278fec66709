/**
 * A local PayFiP, for the tests and the demo: the same SOAP calls and faults as the DGFiP's
 * service (creerPaiementSecurise, recupererDetailPaiementSecurise; P1 unknown or expired idOp,
 * P5 not finished) and the payer's page `paiementws.web?idop=…`, where one chooses paid, refused
 * or abandoned. It then POSTs the idOp to urlnotif and redirects the browser to urlredirect.
 *
 * The core is transport-free (`handle(request) → response`), so the same simulator runs as its
 * own HTTP server (tests: `listen()`) or behind a Koa route of the portal (demo).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPaymentResponse,
  detailResponse,
  FAULTS,
  faultResponse,
  flatFields,
  invalidArgument,
  readSoap,
  SAISIE_VALUES,
  type CreatePaymentArgs,
  type PayfipOutcome,
  type Saisie,
} from './protocol';
import { escapeXml } from './xml';

export interface SimRequest {
  method: string;
  /** Path and query string. */
  url: string;
  body: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SimulatedOperation {
  idOp: string;
  args: CreatePaymentArgs;
  createdAt: Date;
  result: { resultrans: 'P' | 'V' | 'R' | 'Z' | 'A'; at: Date; numauto: string } | null;
  notifications: number;
}

export interface SimulatorOptions {
  now?: () => Date;
  /** Where each part answers (path only). */
  paths?: { ws: string; page: string; choice: string };
  /** An idOp left unfinished this long is forgotten: P1, like PayFiP. Default 20 minutes. */
  expiryMs?: number;
  /** How the notification reaches urlnotif (default: an HTTP POST `idOp=…`). */
  notify?: (url: string, idOp: string) => Promise<void>;
  /** Send the notification when the payer chooses (default true; tests may replay it by hand). */
  autoNotify?: boolean;
}

export const DEFAULT_SIM_PATHS = { ws: '/ws', page: '/tpa/paiementws.web', choice: '/tpa/choix' } as const;

const RESULTRANS: Record<PayfipOutcome, 'P' | 'R' | 'A'> = { paid: 'P', refused: 'R', abandoned: 'A' };

async function postNotification(url: string, idOp: string): Promise<void> {
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ idOp }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export class PayfipSimulator {
  readonly operations = new Map<string, SimulatedOperation>();
  private readonly now: () => Date;
  readonly paths: { ws: string; page: string; choice: string };
  private readonly expiryMs: number;
  private readonly notify: (url: string, idOp: string) => Promise<void>;
  private readonly autoNotify: boolean;
  /** Every call received, for tests that check what was sent. */
  readonly calls: { operation: string; fields: Record<string, string> }[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.paths = options.paths ?? { ...DEFAULT_SIM_PATHS };
    this.expiryMs = options.expiryMs ?? 20 * 60_000;
    this.notify = options.notify ?? postNotification;
    this.autoNotify = options.autoNotify ?? true;
  }

  private live(idOp: string): SimulatedOperation | null {
    const op = this.operations.get(idOp);
    if (!op) return null;
    if (!op.result && this.now().getTime() - op.createdAt.getTime() > this.expiryMs) return null;
    return op;
  }

  /** The payer's choice; returns where the browser goes next. Sends the notification unless disabled. */
  async complete(idOp: string, outcome: PayfipOutcome): Promise<{ redirectUrl: string } | null> {
    const op = this.live(idOp);
    if (!op) return null;
    if (!op.result) {
      const at = this.now();
      op.result = { resultrans: RESULTRANS[outcome], at, numauto: outcome === 'paid' ? randomBytes(3).toString('hex').toUpperCase() : '' };
      if (this.autoNotify) await this.replayNotification(idOp).catch(() => undefined);
    }
    return { redirectUrl: op.args.urlredirect };
  }

  /** POSTs the idOp to the operation's urlnotif again (PayFiP may notify more than once). */
  async replayNotification(idOp: string): Promise<void> {
    const op = this.operations.get(idOp);
    if (!op) throw new Error(`unknown idOp ${idOp}`);
    op.notifications += 1;
    await this.notify(op.args.urlnotif, idOp);
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const url = new URL(req.url, 'http://simulator.invalid');
    if (url.pathname === this.paths.ws && req.method === 'POST') return this.soap(req.body);
    if (url.pathname === this.paths.page && req.method === 'GET') return this.page(url.searchParams.get('idop') ?? '');
    if (url.pathname === this.paths.choice && (req.method === 'GET' || req.method === 'POST')) {
      const params = req.method === 'POST' ? new URLSearchParams(req.body) : url.searchParams;
      const outcome = params.get('resultat');
      const idOp = params.get('idop') ?? '';
      if (outcome !== 'paid' && outcome !== 'refused' && outcome !== 'abandoned') return html(400, '<p>Choix inconnu.</p>');
      const done = await this.complete(idOp, outcome);
      if (!done) return html(404, '<p>Cette opération est inconnue ou a expiré.</p>');
      return { status: 303, headers: { location: done.redirectUrl }, body: '' };
    }
    return html(404, '<p>Introuvable.</p>');
  }

  private soap(body: string): SimResponse {
    const xml = (status: number, text: string): SimResponse => ({ status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: text });
    let reply;
    try {
      reply = readSoap(body);
    } catch {
      return xml(500, faultResponse(FAULTS.badParameter.code, 'Message SOAP illisible'));
    }
    if (reply.kind !== 'body') return xml(500, faultResponse(FAULTS.badParameter.code, 'Message SOAP illisible'));
    const fields = flatFields(reply.body, 'arg0');
    this.calls.push({ operation: reply.body.local, fields });
    if (reply.body.local === 'creerPaiementSecurise') {
      const saisie = fields.saisie ?? '';
      const args: CreatePaymentArgs = {
        numcli: fields.numcli ?? '',
        exer: fields.exer ?? '',
        refdet: fields.refdet ?? '',
        montant: /^\d{1,9}$/.test(fields.montant ?? '') ? Number(fields.montant) : NaN,
        mel: fields.mel ?? '',
        objet: fields.objet ?? '',
        saisie: (SAISIE_VALUES as readonly string[]).includes(saisie) ? (saisie as Saisie) : ('?' as Saisie),
        urlnotif: fields.urlnotif ?? '',
        urlredirect: fields.urlredirect ?? '',
      };
      const bad = invalidArgument(args);
      if (bad) return xml(500, faultResponse(FAULTS.badParameter.code, `Paramètre invalide : ${bad}`));
      const idOp = randomBytes(16).toString('hex');
      this.operations.set(idOp, { idOp, args, createdAt: this.now(), result: null, notifications: 0 });
      return xml(200, createPaymentResponse(idOp));
    }
    if (reply.body.local === 'recupererDetailPaiementSecurise') {
      const op = this.live(fields.idOp ?? '');
      if (!op) return xml(500, faultResponse(FAULTS.unknownIdOp.code, FAULTS.unknownIdOp.label));
      if (!op.result) return xml(500, faultResponse(FAULTS.notFinished.code, FAULTS.notFinished.label));
      const at = op.result.at;
      // PayFiP reports the date and time of the transaction in Paris time.
      const paris = new Date(at.toLocaleString('en-US', { timeZone: 'Europe/Paris' }));
      return xml(
        200,
        detailResponse({
          idOp: op.idOp,
          resultrans: op.result.resultrans,
          numcli: op.args.numcli,
          exer: op.args.exer,
          refdet: op.args.refdet,
          montant: op.args.montant,
          mel: op.args.mel,
          objet: op.args.objet,
          saisie: op.args.saisie,
          dattrans: `${pad(paris.getDate())}${pad(paris.getMonth() + 1)}${paris.getFullYear()}`,
          heurtrans: `${pad(paris.getHours())}${pad(paris.getMinutes())}`,
          numauto: op.result.numauto,
        }),
      );
    }
    return xml(500, faultResponse(FAULTS.badParameter.code, 'Opération inconnue'));
  }

  private page(idOp: string): SimResponse {
    const op = this.live(idOp);
    if (!op) return html(404, '<h1>Paiement introuvable</h1><p>Cette opération est inconnue ou a expiré. Retournez sur le portail et recommencez.</p>');
    if (op.result) return { status: 303, headers: { location: op.args.urlredirect }, body: '' };
    const euros = `${Math.trunc(op.args.montant / 100)},${pad(op.args.montant % 100)} €`;
    const button = (outcome: PayfipOutcome, label: string) =>
      `<button type="submit" name="resultat" value="${outcome}">${label}</button>`;
    return html(
      200,
      `<h1>Simulateur PayFiP</h1>
<p><strong>Aucun paiement réel :</strong> ce simulateur remplace le service de la DGFiP pour les essais.</p>
<dl><dt>Référence</dt><dd>${escapeXml(op.args.refdet)}</dd><dt>Objet</dt><dd>${escapeXml(op.args.objet)}</dd><dt>Montant</dt><dd id="montant">${euros}</dd></dl>
<form method="get" action="${escapeXml(this.paths.choice)}">
<input type="hidden" name="idop" value="${escapeXml(op.idOp)}">
${button('paid', 'Payer')} ${button('refused', 'Simuler un refus de la carte')} ${button('abandoned', 'Abandonner le paiement')}
</form>`,
    );
  }

  /** Runs the simulator as its own HTTP server (tests). */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle({ method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') }).then(
          (r) => {
            res.writeHead(r.status, r.headers);
            res.end(r.body);
          },
          () => {
            res.writeHead(500);
            res.end();
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const { port: bound } = server.address() as AddressInfo;
    return {
      url: `http://${host}:${bound}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
}

function html(status: number, content: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Simulateur PayFiP</title></head><body>${content}</body></html>`,
  };
}
