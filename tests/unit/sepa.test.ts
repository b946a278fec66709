import { describe, expect, it } from 'vitest';
import { xsdErrors, xsdSkipReason as skipReason } from '../api/payments-support';
import { buildPain008, sepaAmount, sepaText, type Pain008Input } from '../../shared/sepa/pain008';
import { addMonths, checkBic, checkIbanValue, checkIcs, checkRum, icsFor, isLapsed, lapsesOn, mandateProblem, sequenceType } from '../../shared/sepa/rules';

const ICS = icsFor('FR', 'ZZZ', '123456');
const IBAN = 'FR7630006000011234567890189';

const input: Pain008Input = {
  messageId: 'MARELLE-20261215-AB12CD34',
  createdAt: '2026-11-26T08:00:00.000Z',
  collectionDate: '2026-12-15',
  creditor: { name: 'Commune de Saint-Étienne-de-Marelle', iban: IBAN, bic: 'AGRIFRPP882', ics: ICS },
  transactions: [
    { endToEndId: 'MAR-1', amountCents: 7055, sequence: 'FRST', mandate: { rum: 'MAR-1-1', signatureDate: '2026-09-01' }, debtor: { name: 'Hélène Dupré & Fils', iban: IBAN, bic: 'AGRIFRPP' }, remittance: 'Facture 2026-000001' },
    { endToEndId: 'MAR-2', amountCents: 1205, sequence: 'RCUR', mandate: { rum: 'MAR-2-1', signatureDate: '2025-01-10' }, debtor: { name: 'Lefèvre', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }, remittance: 'Facture 2026-000002' },
    { endToEndId: 'MAR-3', amountCents: 5, sequence: 'RCUR', mandate: { rum: 'MAR-3-1', signatureDate: '2025-01-10' }, debtor: { name: 'Martin', iban: IBAN, bic: 'AGRIFRPP882' }, remittance: 'Facture 2026-000003' },
  ],
};

describe('SEPA rules', () => {
  it('checks RUMs with clear French messages', () => {
    expect(checkRum('MAR-12-1')).toEqual({ ok: true, value: 'MAR-12-1' });
    expect(checkRum('')).toMatchObject({ ok: false, message: 'Saisissez la référence unique du mandat (RUM).' });
    expect(checkRum('MAR 12')).toMatchObject({ ok: false, message: expect.stringContaining('sans espace') });
    expect(checkRum('RUM-é')).toMatchObject({ ok: false, message: expect.stringContaining('sans accent') });
    expect(checkRum('x'.repeat(36))).toMatchObject({ ok: false, message: 'RUM invalide : 35 caractères au maximum.' });
    expect(checkRum('/MAR')).toMatchObject({ ok: false });
    expect(checkRum('MAR//1')).toMatchObject({ ok: false });
  });

  it('checks the ICS key, the IBAN and the BIC (ibantools)', () => {
    expect(ICS).toBe('FR72ZZZ123456');
    expect(checkIcs('fr72 zzz 123456')).toEqual({ ok: true, value: 'FR72ZZZ123456' });
    expect(checkIcs('FR73ZZZ123456')).toMatchObject({ ok: false, message: expect.stringContaining('clé de contrôle') });
    expect(checkIcs('')).toMatchObject({ ok: false, message: expect.stringContaining('ICS') });
    expect(checkIbanValue('FR76 3000 6000 0112 3456 7890 189')).toEqual({ ok: true, value: IBAN });
    expect(checkIbanValue('FR7630006000011234567890188')).toMatchObject({ ok: false, message: 'IBAN invalide : vérifiez les chiffres.' });
    expect(checkIbanValue('FR76300060000112345678901')).toMatchObject({ ok: false, message: expect.stringContaining('27 pour un IBAN français') });
    expect(checkBic('agrifrpp882')).toEqual({ ok: true, value: 'AGRIFRPP882' });
    expect(checkBic('AGRI')).toMatchObject({ ok: false, message: expect.stringContaining('BIC invalide') });
  });

  it('FRST for the first debit of a mandate, RCUR after', () => {
    expect(sequenceType({ first_collected_at: null })).toBe('FRST');
    expect(sequenceType({ first_collected_at: '2026-10-05' })).toBe('RCUR');
  });

  it('a mandate unused for 36 months lapses', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(lapsesOn({ last_collected_at: null, signature_date: '2023-11-26' })).toBe('2026-11-26');
    expect(isLapsed({ last_collected_at: null, signature_date: '2023-11-26' }, '2026-11-25')).toBe(false);
    expect(isLapsed({ last_collected_at: null, signature_date: '2023-11-26' }, '2026-11-26')).toBe(true);
    expect(isLapsed({ last_collected_at: '2025-01-05', signature_date: '2020-01-01' }, '2026-11-26')).toBe(false);
    const m = { rum: 'MAR-1-1', iban: IBAN, bic: 'AGRIFRPP882', signature_date: '2020-01-01', status: 'active' as const, first_collected_at: '2020-02-05', last_collected_at: '2023-06-05' };
    expect(mandateProblem(m, '2026-12-15')).toContain('caduc');
    expect(mandateProblem({ ...m, last_collected_at: '2026-06-05' }, '2026-12-15')).toBeNull();
    expect(mandateProblem({ ...m, last_collected_at: '2026-06-05', status: 'revoked' }, '2026-12-15')).toContain('pas actif');
  });
});

describe('pain.008.001.02', () => {
  it('formats amounts and text for SEPA', () => {
    expect(sepaAmount(7055)).toBe('70.55');
    expect(sepaAmount(5)).toBe('0.05');
    expect(sepaText('Hélène Dupré & Fils <x>', 70)).toBe('Helene Dupre Fils x');
  });

  it('groups FRST and RCUR, with control sums in cents', () => {
    const xml = buildPain008(input);
    expect(xml).toContain('<NbOfTxs>3</NbOfTxs><CtrlSum>82.65</CtrlSum>');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('<PmtInfId>MARELLE-20261215-AB12CD34-RCUR</PmtInfId>');
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs><CtrlSum>12.10</CtrlSum>');
    expect(xml).toContain('<Nm>Helene Dupre Fils</Nm>');
    expect(xml).toContain('<Id>FR72ZZZ123456</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm>');
  });

  it.skipIf(skipReason !== null)(`validates against the XSD${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
    expect(xsdErrors(buildPain008(input))).toBeNull();
    expect(xsdErrors(buildPain008({ ...input, transactions: input.transactions.slice(1) }))).toBeNull();
    // The check itself is real: a broken file is refused.
    expect(xsdErrors(buildPain008(input).replace('<PmtMtd>DD</PmtMtd>', '<PmtMtd>XX</PmtMtd>'))).not.toBeNull();
  });
});
