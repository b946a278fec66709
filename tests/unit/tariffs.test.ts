import { describe, expect, it } from 'vitest';
import { TARIFF_BRACKETS } from '../../shared/demo/services';
import { checkBrackets, tariffGridInputSchema, type TariffBracketInput } from '../../shared/schemas/tariffs';
import { centsToInput, formatEuros, parseEuros } from '../../shared/tariffs/money';
import {
  applicableGrid,
  bracketFor,
  hasValidQf,
  priceFor,
  type FamilyTariffProfile,
  type TariffGrid,
} from '../../shared/tariffs/rules';

const REPAS = 1;
const GOUTER = 2;

/** The demo's brackets (0–600, 601–1000, 1001–1500, 1501+, Extérieur) with one price list per unit. */
function grid(id: number, validFrom: string, prices: Record<number, readonly number[]>): TariffGrid {
  return {
    id,
    serviceId: 1,
    name: `Grille ${validFrom}`,
    validFrom,
    brackets: TARIFF_BRACKETS.map((b, i) => ({
      id: id * 10 + i,
      label: b.label,
      qfMin: b.min,
      qfMax: b.max,
      outsideCommune: b.outside === 1,
      sortOrder: i + 1,
      prices: new Map(
        Object.entries(prices).flatMap(([unit, list]) => {
          const cents = list[i];
          return cents === undefined ? [] : [[Number(unit), cents] as [number, number]];
        }),
      ),
    })),
  };
}

const THIS_YEAR = grid(1, '2026-09-01', { [REPAS]: [120, 250, 340, 415, 550] });
const NEXT_YEAR = grid(2, '2027-09-01', { [REPAS]: [130, 260, 355, 430, 575] });
const DAY = '2026-11-26';

const family = (qf: number | null, extra: Partial<FamilyTariffProfile> = {}): FamilyTariffProfile => ({
  qf,
  qfValidUntil: qf === null ? null : '2027-08-31',
  outsideCommune: false,
  ...extra,
});

describe('bracketFor: the QF bracket, bounds included', () => {
  it.each([
    [0, 'QF de 0 à 600'],
    [600, 'QF de 0 à 600'],
    [601, 'QF de 601 à 1000'],
    [1000, 'QF de 601 à 1000'],
    [1001, 'QF de 1001 à 1500'],
    [1500, 'QF de 1001 à 1500'],
    [1501, 'QF de 1501 et plus'],
    [99_999, 'QF de 1501 et plus'],
  ])('QF %i → %s', (qf, label) => {
    const choice = bracketFor(THIS_YEAR, family(qf), DAY);
    expect(choice?.bracket.label).toBe(label);
    expect(choice?.reason).toBe('qf');
  });

  it('prices each boundary of the grid in its own bracket', () => {
    const price = (qf: number) => priceFor([THIS_YEAR], { unitId: REPAS, date: DAY, family: family(qf) });
    expect([600, 601, 1000, 1001, 1500, 1501].map((qf) => price(qf))).toMatchObject([
      { kind: 'price', priceCents: 120, bracketLabel: 'QF de 0 à 600' },
      { kind: 'price', priceCents: 250, bracketLabel: 'QF de 601 à 1000' },
      { kind: 'price', priceCents: 250, bracketLabel: 'QF de 601 à 1000' },
      { kind: 'price', priceCents: 340, bracketLabel: 'QF de 1001 à 1500' },
      { kind: 'price', priceCents: 340, bracketLabel: 'QF de 1001 à 1500' },
      { kind: 'price', priceCents: 415, bracketLabel: 'QF de 1501 et plus' },
    ]);
  });

  it('without a QF, the highest commune bracket applies', () => {
    expect(bracketFor(THIS_YEAR, family(null), DAY)).toMatchObject({ bracket: { label: 'QF de 1501 et plus' }, reason: 'no_qf' });
    // A QF the parents declared but staff have not checked yet (no validity date) is no valid QF either.
    expect(bracketFor(THIS_YEAR, family(300, { qfValidUntil: null }), DAY)).toMatchObject({
      bracket: { label: 'QF de 1501 et plus' },
      reason: 'no_qf',
    });
  });

  it('an expired QF gives the highest bracket; its last valid day still counts', () => {
    const expired = family(300, { qfValidUntil: '2026-11-25' });
    expect(bracketFor(THIS_YEAR, expired, DAY)).toMatchObject({ bracket: { label: 'QF de 1501 et plus' }, reason: 'qf_expired' });
    expect(priceFor([THIS_YEAR], { unitId: REPAS, date: DAY, family: expired })).toMatchObject({ priceCents: 415, reason: 'qf_expired' });
    const lastDay = family(300, { qfValidUntil: DAY });
    expect(bracketFor(THIS_YEAR, lastDay, DAY)).toMatchObject({ bracket: { label: 'QF de 0 à 600' }, reason: 'qf' });
    expect(hasValidQf(lastDay, DAY)).toBe(true);
    expect(hasValidQf(lastDay, '2026-11-27')).toBe(false);
  });

  it('a family outside the commune pays the Extérieur tariff, whatever its QF', () => {
    expect(bracketFor(THIS_YEAR, family(300, { outsideCommune: true }), DAY)).toMatchObject({ bracket: { label: 'Extérieur' }, reason: 'outside' });
    expect(priceFor([THIS_YEAR], { unitId: REPAS, date: DAY, family: family(null, { outsideCommune: true }) })).toMatchObject({
      kind: 'price',
      priceCents: 550,
      bracketLabel: 'Extérieur',
      reason: 'outside',
    });
  });

  it('a grid without an Extérieur bracket charges outside families the highest commune bracket', () => {
    const communeOnly: TariffGrid = { ...THIS_YEAR, brackets: THIS_YEAR.brackets.filter((b) => !b.outsideCommune) };
    expect(bracketFor(communeOnly, family(300, { outsideCommune: true }), DAY)).toMatchObject({
      bracket: { label: 'QF de 1501 et plus' },
      reason: 'outside',
    });
  });
});

describe('applicableGrid and next year’s grid', () => {
  it('takes the grid with the latest date of effect on or before the day', () => {
    const grids = [NEXT_YEAR, THIS_YEAR];
    expect(applicableGrid(grids, '2026-08-31')).toBeNull();
    expect(applicableGrid(grids, '2026-09-01')?.id).toBe(1);
    expect(applicableGrid(grids, '2027-08-31')?.id).toBe(1);
    expect(applicableGrid(grids, '2027-09-01')?.id).toBe(2);
    expect(applicableGrid(grids, '2030-01-01')?.id).toBe(2);
  });

  it('preparing next year’s grid does not change this year’s prices', () => {
    const before = priceFor([THIS_YEAR], { unitId: REPAS, date: '2027-06-15', family: family(700) });
    const after = priceFor([THIS_YEAR, NEXT_YEAR], { unitId: REPAS, date: '2027-06-15', family: family(700) });
    expect(after).toEqual(before);
    expect(after).toMatchObject({ kind: 'price', priceCents: 250, gridId: 1 });
    // The day before next year's grid still has this year's price; its first day has the new one.
    expect(priceFor([THIS_YEAR, NEXT_YEAR], { unitId: REPAS, date: '2027-08-31', family: family(700, { qfValidUntil: '2028-08-31' }) })).toMatchObject({
      priceCents: 250,
      gridValidFrom: '2026-09-01',
    });
    expect(priceFor([THIS_YEAR, NEXT_YEAR], { unitId: REPAS, date: '2027-09-01', family: family(700, { qfValidUntil: '2028-08-31' }) })).toMatchObject({
      priceCents: 260,
      gridValidFrom: '2027-09-01',
    });
  });

  it('answers a typed "no price" when no grid applies or the unit is not priced', () => {
    expect(priceFor([NEXT_YEAR], { unitId: REPAS, date: DAY, family: family(700) })).toMatchObject({ kind: 'no_price', cause: 'no_grid' });
    expect(priceFor([THIS_YEAR], { unitId: GOUTER, date: DAY, family: family(700) })).toMatchObject({
      kind: 'no_price',
      cause: 'unit_not_priced',
      bracketLabel: 'QF de 601 à 1000',
      reason: 'qf',
    });
  });

  it('returns the stored integer cents, never a rounded float', () => {
    const odd = grid(3, '2026-09-01', { [REPAS]: [1, 333, 1999, 100_001, 7] });
    const prices = [0, 700, 1200, 2000].map((qf) => priceFor([odd], { unitId: REPAS, date: DAY, family: family(qf) }));
    expect(prices.map((p) => (p.kind === 'price' ? p.priceCents : null))).toEqual([1, 333, 1999, 100_001]);
    for (const p of prices) if (p.kind === 'price') expect(Number.isInteger(p.priceCents)).toBe(true);
  });
});

describe('money: euros typed, cents stored', () => {
  it.each([
    ['4,15', 415],
    ['4.15', 415],
    ['4', 400],
    ['4,5', 450],
    ['0,10', 10],
    [' 1 234,56 € ', 123_456],
    ['0,29', 29],
    ['0,57', 57],
    ['1,13', 113],
  ])('"%s" → %i cents', (text, cents) => {
    expect(parseEuros(text)).toEqual({ ok: true, cents });
  });

  it('refuses what is not an amount, and keeps the sign for the schema to refuse', () => {
    expect(parseEuros('')).toMatchObject({ ok: false });
    expect(parseEuros('abc')).toMatchObject({ ok: false, message: 'Montant invalide : saisissez par exemple 4,15.' });
    expect(parseEuros('4,155')).toMatchObject({ ok: false, message: 'Montant invalide : deux chiffres après la virgule au maximum.' });
    expect(parseEuros('-1,00')).toEqual({ ok: true, cents: -100 });
  });

  it('shows cents as euros', () => {
    expect(centsToInput(415)).toBe('4,15');
    expect(centsToInput(5)).toBe('0,05');
    expect(formatEuros(415).replace(/\s/g, ' ')).toBe('4,15 €');
  });
});

describe('grid validation', () => {
  const bracket = (label: string, qfMin: number, qfMax: number | null, price = 100, outsideCommune = false): TariffBracketInput => ({
    label,
    qfMin,
    qfMax,
    outsideCommune,
    prices: { '1': price },
  });
  const messages = (brackets: TariffBracketInput[]) => {
    const result = tariffGridInputSchema.safeParse({ name: 'Tarifs', validFrom: '2027-09-01', brackets });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts the demo grid', () => {
    expect(
      messages([bracket('A', 0, 600), bracket('B', 601, 1000), bracket('C', 1001, 1500), bracket('D', 1501, null), bracket('Extérieur', 0, null, 550, true)]),
    ).toEqual([]);
  });

  it('names both brackets that overlap', () => {
    expect(messages([bracket('A', 0, 600), bracket('B', 601, 1000), bracket('C', 900, 1500), bracket('D', 1501, null)])).toEqual([
      'brackets.2.qfMin: Les tranches de QF se chevauchent : 601–1000 et 900–1500.',
      'brackets.1.qfMax: Les tranches de QF se chevauchent : 601–1000 et 900–1500.',
    ]);
  });

  it('refuses a gap, a first bracket above 0, no or two open-ended brackets, two Extérieur', () => {
    expect(messages([bracket('A', 0, 600), bracket('B', 700, null)])[0]).toBe(
      "brackets.1.qfMin: Les tranches de QF laissent un trou entre 0–600 et 700 et plus : les QF de 601 à 699 n'auraient pas de tarif.",
    );
    expect(messages([bracket('A', 100, null)])[0]).toBe(
      "brackets.0.qfMin: La première tranche doit commencer à un QF de 0 : les QF de 0 à 99 n'auraient pas de tarif.",
    );
    expect(messages([bracket('A', 0, 600), bracket('B', 601, 1000)])[0]).toContain('sans plafond');
    expect(messages([bracket('A', 0, null), bracket('B', 601, null)])[0]).toBe(
      'brackets.0.qfMax: Une seule tranche peut être sans plafond : « A » et « B ».',
    );
    expect(messages([bracket('A', 0, null), bracket('E1', 0, null, 1, true), bracket('E2', 0, null, 1, true)])).toEqual([
      'brackets.2.outsideCommune: Une seule tranche « Extérieur » est possible par grille.',
    ]);
    expect(messages([bracket('A', 0, 600), bracket('B', 601, 500), bracket('C', 601, null)])[0]).toBe(
      'brackets.1.qfMax: Tranche « B » : le QF max (500) est inférieur au QF min (601).',
    );
  });

  it('refuses a negative or fractional price, and a unit priced in some brackets only', () => {
    expect(messages([bracket('A', 0, 600, -1), bracket('B', 601, null)])).toEqual(['brackets.0.prices.1: Un tarif ne peut pas être négatif.']);
    expect(messages([bracket('A', 0, 600, 4.15), bracket('B', 601, null)])).toEqual(["brackets.0.prices.1: Un tarif s'exprime en centimes entiers."]);
    const partial = [bracket('A', 0, 600), { ...bracket('B', 601, null), prices: {} }];
    expect(messages(partial)).toEqual([
      "brackets.1.prices.1: Tarif manquant dans la tranche « B » : une prestation tarifée doit l'être dans chaque tranche.",
    ]);
  });

  it('checkBrackets reports through any issue sink (the editor uses it too)', () => {
    const found: string[] = [];
    checkBrackets([bracket('A', 0, 600), bracket('A', 601, null)], { addIssue: (i) => found.push(i.message) });
    expect(found).toEqual(['Deux tranches portent le même nom « A ».']);
  });
});
