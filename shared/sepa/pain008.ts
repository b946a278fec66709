/**
 * The SEPA direct-debit file, ISO 20022 pain.008.001.02 (SEPA Core), one payment information block
 * per sequence type (FRST, RCUR). Text fields are reduced to the SEPA Latin character set.
 */
import { escapeXml } from '../payfip/xml';

export interface Pain008Transaction {
  /** EndToEndId, 35 characters at most: it comes back with a reject. */
  endToEndId: string;
  amountCents: number;
  sequence: 'FRST' | 'RCUR';
  mandate: { rum: string; signatureDate: string };
  debtor: { name: string; iban: string; bic: string };
  /** Unstructured remittance, 140 characters at most. */
  remittance: string;
}

export interface Pain008Input {
  messageId: string;
  /** ISO instant of creation. */
  createdAt: string;
  collectionDate: string;
  creditor: { name: string; iban: string; bic: string; ics: string };
  transactions: readonly Pain008Transaction[];
}

export const PAIN008_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.02';

/** Letters, digits and / - ? : ( ) . , ' + space; accents dropped, anything else becomes a space. */
export function sepaText(value: string, max: number): string {
  const plain = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** 1234 → "12.34", integer arithmetic only. */
export const sepaAmount = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

const el = (name: string, content: string, attrs = ''): string => `<${name}${attrs}>${content}</${name}>`;
const text = (name: string, value: string): string => el(name, escapeXml(value));

export function buildPain008(input: Pain008Input): string {
  if (input.transactions.length === 0) throw new Error('pain.008 without transactions');
  for (const t of input.transactions) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) throw new Error(`invalid amount for ${t.endToEndId}`);
  }
  const sum = (ts: readonly Pain008Transaction[]) => ts.reduce((s, t) => s + t.amountCents, 0);
  const created = input.createdAt.slice(0, 19);
  const creditorName = sepaText(input.creditor.name, 70);
  const groupHeader = el(
    'GrpHdr',
    text('MsgId', input.messageId) +
      text('CreDtTm', created) +
      text('NbOfTxs', String(input.transactions.length)) +
      text('CtrlSum', sepaAmount(sum(input.transactions))) +
      el('InitgPty', text('Nm', creditorName)),
  );
  const blocks = (['FRST', 'RCUR'] as const)
    .map((seq) => ({ seq, ts: input.transactions.filter((t) => t.sequence === seq) }))
    .filter((b) => b.ts.length > 0)
    .map(({ seq, ts }) =>
      el(
        'PmtInf',
        text('PmtInfId', `${input.messageId}-${seq}`.slice(0, 35)) +
          text('PmtMtd', 'DD') +
          text('BtchBookg', 'true') +
          text('NbOfTxs', String(ts.length)) +
          text('CtrlSum', sepaAmount(sum(ts))) +
          el('PmtTpInf', el('SvcLvl', text('Cd', 'SEPA')) + el('LclInstrm', text('Cd', 'CORE')) + text('SeqTp', seq)) +
          text('ReqdColltnDt', input.collectionDate) +
          el('Cdtr', text('Nm', creditorName)) +
          el('CdtrAcct', el('Id', text('IBAN', input.creditor.iban))) +
          el('CdtrAgt', el('FinInstnId', text('BIC', input.creditor.bic))) +
          text('ChrgBr', 'SLEV') +
          el('CdtrSchmeId', el('Id', el('PrvtId', el('Othr', text('Id', input.creditor.ics) + el('SchmeNm', text('Prtry', 'SEPA')))))) +
          ts
            .map((t) =>
              el(
                'DrctDbtTxInf',
                el('PmtId', text('EndToEndId', t.endToEndId.slice(0, 35))) +
                  el('InstdAmt', sepaAmount(t.amountCents), ' Ccy="EUR"') +
                  el('DrctDbtTx', el('MndtRltdInf', text('MndtId', t.mandate.rum) + text('DtOfSgntr', t.mandate.signatureDate))) +
                  el('DbtrAgt', el('FinInstnId', text('BIC', t.debtor.bic))) +
                  el('Dbtr', text('Nm', sepaText(t.debtor.name, 70) || 'Debiteur')) +
                  el('DbtrAcct', el('Id', text('IBAN', t.debtor.iban))) +
                  el('RmtInf', text('Ustrd', sepaText(t.remittance, 140))),
              ),
            )
            .join(''),
      ),
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${PAIN008_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${el('CstmrDrctDbtInitn', groupHeader + blocks)}</Document>\n`;
}
