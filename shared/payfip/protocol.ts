/**
 * The PayFiP "paiement sécurisé" web service of the DGFiP (SOAP 1.1): what is sent and what comes
 * back. Shared by the client and the local simulator so both speak exactly the same messages.
 */
import { childText, escapeXml, findFirst, parseXml, type XmlElement } from './xml';

/** Target namespace of the PaiementSecuriseService WSDL. */
export const PAYFIP_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** T: test, X: activation (the commune's acceptance run), W: production. */
export type Saisie = 'T' | 'X' | 'W';
export const SAISIE_VALUES: readonly Saisie[] = ['T', 'X', 'W'];

export interface CreatePaymentArgs {
  /** The commune's PayFiP client number (6 digits). */
  numcli: string;
  /** Financial year (4 digits). */
  exer: string;
  /** Reference of the debt: the invoice number in PayFiP's alphabet. */
  refdet: string;
  /** Amount in cents. */
  montant: number;
  mel: string;
  objet: string;
  saisie: Saisie;
  urlnotif: string;
  urlredirect: string;
}

/** P and V: paid; R and Z: refused; A: abandoned by the payer. */
export type PayfipOutcome = 'paid' | 'refused' | 'abandoned';

export function outcomeOf(resultrans: string): PayfipOutcome | null {
  switch (resultrans) {
    case 'P':
    case 'V':
      return 'paid';
    case 'R':
    case 'Z':
      return 'refused';
    case 'A':
      return 'abandoned';
    default:
      return null;
  }
}

export interface PaymentDetail {
  idOp: string;
  resultrans: string;
  outcome: PayfipOutcome | null;
  numcli: string;
  exer: string;
  refdet: string;
  /** Cents, as PayFiP reports them. */
  montant: number;
  mel: string;
  objet: string;
  saisie: string;
  /** DDMMYYYY */
  dattrans: string;
  /** HHMM */
  heurtrans: string;
  numauto: string;
}

/** Functional errors PayFiP returns as SOAP faults (FonctionnelleErreur). */
export const FAULTS = {
  /** The idOp is unknown or no longer kept (expired). */
  unknownIdOp: { code: 'P1', label: 'IdOp incorrect ou expiré' },
  /** The payer has not finished yet. */
  notFinished: { code: 'P5', label: 'Transaction non terminée' },
  /** A parameter of creerPaiementSecurise is invalid (simulator's code for every such case). */
  badParameter: { code: 'R3', label: 'Paramètre invalide' },
} as const;

// ---- envelopes -------------------------------------------------------------------------------

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:pai="${PAYFIP_NS}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const fields = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');

export function createPaymentRequest(args: CreatePaymentArgs): string {
  return envelope(
    `<pai:creerPaiementSecurise><arg0>${fields({
      exer: args.exer,
      mel: args.mel,
      montant: String(args.montant),
      numcli: args.numcli,
      objet: args.objet,
      refdet: args.refdet,
      saisie: args.saisie,
      urlnotif: args.urlnotif,
      urlredirect: args.urlredirect,
    })}</arg0></pai:creerPaiementSecurise>`,
  );
}

export function detailRequest(idOp: string): string {
  return envelope(`<pai:recupererDetailPaiementSecurise><arg0>${fields({ idOp })}</arg0></pai:recupererDetailPaiementSecurise>`);
}

export function createPaymentResponse(idOp: string): string {
  return envelope(`<ns2:creerPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NS}"><return>${fields({ idOp })}</return></ns2:creerPaiementSecuriseResponse>`);
}

export function detailResponse(d: Omit<PaymentDetail, 'outcome'>): string {
  return envelope(
    `<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NS}"><return>${fields({
      dattrans: d.dattrans,
      exer: d.exer,
      heurtrans: d.heurtrans,
      idOp: d.idOp,
      mel: d.mel,
      montant: String(d.montant),
      numauto: d.numauto,
      numcli: d.numcli,
      objet: d.objet,
      refdet: d.refdet,
      resultrans: d.resultrans,
      saisie: d.saisie,
    })}</return></ns2:recupererDetailPaiementSecuriseResponse>`,
  );
}

export function faultResponse(code: string, label: string): string {
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="${PAYFIP_NS}">${fields(
      { code, descriptif: label, libelle: label, severite: '2' },
    )}</ns2:FonctionnelleErreur></detail></soapenv:Fault>`,
  );
}

// ---- reading -----------------------------------------------------------------------------------

export type SoapReply = { kind: 'body'; body: XmlElement } | { kind: 'fault'; code: string; message: string };

/** Reads a SOAP 1.1 envelope: the first element of the Body, or the fault's functional code. */
export function readSoap(xml: string): SoapReply {
  const root = parseXml(xml);
  if (root.local !== 'Envelope' || root.uri !== SOAP_ENV_NS) throw new Error('Not a SOAP 1.1 envelope');
  const body = root.children.find((c) => c.local === 'Body' && c.uri === SOAP_ENV_NS);
  const first = body?.children[0];
  if (!first) throw new Error('Empty SOAP body');
  if (first.local === 'Fault' && first.uri === SOAP_ENV_NS) {
    const detail = findFirst(first, 'detail');
    const code = (detail && findFirst(detail, 'code')?.text.trim()) || childText(first, 'faultcode') || 'unknown';
    const message = (detail && (findFirst(detail, 'libelle')?.text.trim() || findFirst(detail, 'descriptif')?.text.trim())) || childText(first, 'faultstring') || '';
    return { kind: 'fault', code, message };
  }
  return { kind: 'body', body: first };
}

/** The `<return>` (or `<arg0>`) fields of an operation element as a flat record. */
export function flatFields(operation: XmlElement, wrapper: 'return' | 'arg0'): Record<string, string> {
  const inner = operation.children.find((c) => c.local === wrapper);
  const out: Record<string, string> = {};
  for (const c of inner?.children ?? []) out[c.local] = c.text.trim();
  return out;
}

const CENTS = /^\d{1,9}$/;

export function parseDetail(values: Record<string, string>): PaymentDetail {
  const montant = values.montant ?? '';
  if (!CENTS.test(montant)) throw new Error('PayFiP detail: invalid montant');
  const resultrans = values.resultrans ?? '';
  return {
    idOp: values.idOp ?? '',
    resultrans,
    outcome: outcomeOf(resultrans),
    numcli: values.numcli ?? '',
    exer: values.exer ?? '',
    refdet: values.refdet ?? '',
    montant: Number(montant),
    mel: values.mel ?? '',
    objet: values.objet ?? '',
    saisie: values.saisie ?? '',
    dattrans: values.dattrans ?? '',
    heurtrans: values.heurtrans ?? '',
    numauto: values.numauto ?? '',
  };
}

// ---- argument rules ------------------------------------------------------------------------------

/** PayFiP's alphabet for refdet and objet: unaccented letters, digits, spaces. */
export function payfipText(value: string, max: number, keepSpaces: boolean): string {
  const plain = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const kept = plain.replace(keepSpaces ? /[^A-Za-z0-9 ]+/g : /[^A-Za-z0-9]+/g, keepSpaces ? ' ' : '');
  return kept.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Why PayFiP would refuse these arguments; null when they are acceptable. */
export function invalidArgument(args: CreatePaymentArgs): string | null {
  if (!/^\d{6}$/.test(args.numcli)) return 'numcli';
  if (!/^\d{4}$/.test(args.exer)) return 'exer';
  if (!/^[A-Za-z0-9]{6,30}$/.test(args.refdet)) return 'refdet';
  if (!Number.isSafeInteger(args.montant) || args.montant < 100 || args.montant > 9_999_999) return 'montant';
  if (args.mel.length > 80 || !/^[^\s@]+@[^\s@]+$/.test(args.mel)) return 'mel';
  if (!SAISIE_VALUES.includes(args.saisie)) return 'saisie';
  if (args.objet.length > 100) return 'objet';
  for (const url of [args.urlnotif, args.urlredirect]) {
    if (url.length > 250 || !/^https?:\/\//.test(url)) return url === args.urlnotif ? 'urlnotif' : 'urlredirect';
  }
  return null;
}
