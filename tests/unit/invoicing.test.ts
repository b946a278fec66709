import { describe, expect, it } from 'vitest';
import type { BillingServiceSettings } from '../../shared/billing/matrix';
import { computeFamilyBill, monthBounds, monthLabel, type ChildDayInput, type ServiceInfo, type UnitInfo } from '../../shared/invoicing/compute';
import { assertMonthInvoiceable } from '../../shared/invoicing/run';
import { settledStatus } from '../../shared/invoicing/accounts';
import type { FamilyTariffProfile, TariffGrid } from '../../shared/tariffs/rules';

const grid = (id: number, validFrom: string, prices: [number, number]): TariffGrid => ({
  id,
  serviceId: 1,
  name: `Tarifs au ${validFrom}`,
  validFrom,
  brackets: [
    { id: id * 10 + 1, label: 'QF de 0 à 1000', qfMin: 0, qfMax: 1000, outsideCommune: false, sortOrder: 1, prices: new Map([[10, prices[0]]]) },
    { id: id * 10 + 2, label: 'QF de 1001 et plus', qfMin: 1001, qfMax: null, outsideCommune: false, sortOrder: 2, prices: new Map([[10, prices[1]]]) },
  ],
});

const cantine: BillingServiceSettings = { kind: 'restauration', bookingsFinal: false, justifiedAbsenceBilled: false, unbookedPresenceSurchargeCents: 100 };
const services = (grids: TariffGrid[], settings = cantine): Map<number, ServiceInfo> => new Map([[1, { id: 1, name: 'Restauration scolaire', sortOrder: 1, settings, grids }]]);
const units: Map<number, UnitInfo> = new Map([[10, { id: 10, name: 'Repas', sortOrder: 1 }]]);
const rich: FamilyTariffProfile = { qf: 1600, qfValidUntil: '2027-08-31', outsideCommune: false };

let nextId = 1;
const accepted = (date: string, extra: Partial<ChildDayInput> = {}): ChildDayInput => ({
  childId: 7,
  childName: 'Léo Lefèvre',
  serviceId: 1,
  unitId: 10,
  date,
  bookingId: nextId++,
  attendanceId: null,
  booking: { status: 'accepted', billedIfCancelled: false, surchargeCents: 0, exceptionalAbsence: false },
  attendance: { state: 'present', justification: null },
  ...extra,
});

const days = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => `2027-01-${String(from + i).padStart(2, '0')}`);

describe('the month’s bill of a family', () => {
  it('17 meals at 4,15 € are 70,55 €, exactly', () => {
    const bill = computeFamilyBill(days(17).map((d) => accepted(d)), rich, services([grid(1, '2026-09-01', [250, 415])]), units);
    expect(bill.lines).toHaveLength(1);
    expect(bill.lines[0]).toMatchObject({ quantity: 17, unitPriceCents: 415, amountCents: 7055, dateFrom: '2027-01-01', dateTo: '2027-01-17', label: 'Repas' });
    expect(bill.totalCents).toBe(7055);
    expect(bill.lines[0]?.items).toHaveLength(17);
    expect(bill.lines[0]?.explanation).toContain('Présence');
  });

  it('splits the days at a tariff change: each day at the price of the grid in force on its date', () => {
    const bill = computeFamilyBill(
      days(10).map((d) => accepted(d)),
      rich,
      services([grid(1, '2026-09-01', [250, 415]), grid(2, '2027-01-06', [260, 430])]),
      units,
    );
    expect(bill.lines.map((l) => [l.dateFrom, l.dateTo, l.quantity, l.unitPriceCents, l.amountCents])).toEqual([
      ['2027-01-01', '2027-01-05', 5, 415, 2075],
      ['2027-01-06', '2027-01-10', 5, 430, 2150],
    ]);
    expect(bill.totalCents).toBe(4225);
    expect(bill.lines[1]?.explanation).toContain('Tarifs au 2027-01-06');
  });

  it('a QF whose validity ends mid-month prices the later days at the highest bracket', () => {
    const family: FamilyTariffProfile = { qf: 500, qfValidUntil: '2027-01-03', outsideCommune: false };
    const bill = computeFamilyBill(days(5).map((d) => accepted(d)), family, services([grid(1, '2026-09-01', [250, 415])]), units);
    expect(bill.lines.map((l) => [l.quantity, l.unitPriceCents])).toEqual([
      [3, 250],
      [2, 415],
    ]);
    expect(bill.lines[1]?.explanation).toContain('Quotient familial expiré');
  });

  it('applies the billing matrix to every attendance state, with the reason on each line', () => {
    const input: ChildDayInput[] = [
      accepted('2027-01-04'),
      accepted('2027-01-05', { attendance: { state: 'absent_unjustified', justification: null } }),
      accepted('2027-01-06', { attendance: { state: 'absent_justified', justification: 'illness' } }),
      accepted('2027-01-07', { attendance: null }),
      accepted('2027-01-08', { booking: { status: 'cancelled', billedIfCancelled: true, surchargeCents: 0, exceptionalAbsence: false }, attendance: null }),
      accepted('2027-01-11', { booking: { status: 'cancelled', billedIfCancelled: false, surchargeCents: 0, exceptionalAbsence: false }, attendance: null }),
      accepted('2027-01-12', { booking: { status: 'accepted', billedIfCancelled: false, surchargeCents: 100, exceptionalAbsence: false } }),
      accepted('2027-01-13', { bookingId: null, attendanceId: 99, booking: null, attendance: { state: 'present_unbooked', justification: null } }),
      accepted('2027-01-14', { booking: { status: 'refused', billedIfCancelled: false, surchargeCents: 0, exceptionalAbsence: false }, attendance: null }),
    ];
    const bill = computeFamilyBill(input, rich, services([grid(1, '2026-09-01', [250, 415])]), units);
    const service = bill.lines.filter((l) => l.kind === 'service').map((l) => [l.code, l.quantity]);
    expect(service).toEqual([
      ['present', 2],
      ['absent_unjustified', 1],
      ['not_recorded', 1],
      ['cancelled_late', 1],
      ['present_unbooked', 1],
    ]);
    const surcharges = bill.lines.filter((l) => l.kind === 'surcharge');
    expect(surcharges.map((l) => [l.dateFrom, l.quantity, l.unitPriceCents, l.explanation])).toEqual([
      ['2027-01-12', 1, 100, 'Réservation faite hors délai : majoration prévue par le règlement du service.'],
      ['2027-01-13', 1, 100, 'Présence sans réservation : majoration prévue par le règlement du service.'],
    ]);
    expect(bill.notBilled.map((g) => g.code).sort()).toEqual(['absent_justified', 'cancelled_in_time', 'refused']);
    expect(bill.totalCents).toBe(6 * 415 + 200);
  });

  it('holiday bookings are final: a justified absence is billed, an exceptional absence is not', () => {
    const holidays: BillingServiceSettings = { kind: 'alsh_vacances', bookingsFinal: true, justifiedAbsenceBilled: true, unbookedPresenceSurchargeCents: 0 };
    const bill = computeFamilyBill(
      [
        accepted('2027-01-04', { attendance: { state: 'absent_justified', justification: 'illness_certificate' } }),
        accepted('2027-01-05', {
          booking: { status: 'accepted', billedIfCancelled: false, surchargeCents: 0, exceptionalAbsence: true },
          attendance: { state: 'absent_justified', justification: 'illness_certificate' },
        }),
      ],
      rich,
      services([grid(1, '2026-09-01', [250, 415])], holidays),
      units,
    );
    expect(bill.lines.map((l) => [l.code, l.dateFrom])).toEqual([['absent_final', '2027-01-04']]);
    expect(bill.notBilled.map((g) => [g.code, g.dates])).toEqual([['exceptional_absence', ['2027-01-05']]]);
  });

  it('a billed day without a price is an anomaly, never a line at 0 €', () => {
    const bill = computeFamilyBill([accepted('2027-01-04')], rich, services([grid(1, '2027-02-01', [250, 415])]), units);
    expect(bill.lines).toEqual([]);
    expect(bill.anomalies[0]).toContain('Aucune grille');
  });
});

describe('months and states', () => {
  it('a month is invoiced once it is over', () => {
    expect(() => assertMonthInvoiceable('2026-10', '2026-11-26')).not.toThrow();
    expect(() => assertMonthInvoiceable('2026-11', '2026-11-26')).toThrow(/n'est pas terminé.*01\/12\/2026/);
    expect(() => assertMonthInvoiceable('2027-03', '2026-11-26')).toThrow(/n'a pas encore commencé/);
    expect(() => assertMonthInvoiceable('2026-13', '2026-11-26')).toThrow(/AAAA-MM/);
    expect(monthBounds('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthLabel('2027-03')).toBe('mars 2027');
  });

  it('the status follows payments and credit notes', () => {
    expect(settledStatus({ total_cents: 1000, paid_cents: 0, status: 'unpaid' }, 1000)).toBe('credited');
    expect(settledStatus({ total_cents: 1000, paid_cents: 400, status: 'unpaid' }, 600)).toBe('paid');
    expect(settledStatus({ total_cents: 1000, paid_cents: 0, status: 'unpaid' }, 300)).toBe('unpaid');
    expect(settledStatus({ total_cents: 1000, paid_cents: 0, status: 'direct_debit' }, 300)).toBe('direct_debit');
  });
});
