/**
 * The month's bill of one family, pure: every booked or attended child-day goes through the billing
 * matrix (shared/billing/matrix.ts), billed days are priced with the grid in force on their date at
 * the family's bracket, and days of the same child, unit, price and reason make one line. Amounts
 * are integer cents: a line is quantity × unit price (exact), the total the sum of the lines.
 */
import { billingOutcome, type BillingAttendance, type BillingBooking, type BillingCode, type BillingServiceSettings } from '../billing/matrix';
import { compareDates, type IsoDate } from '../calendar/dates';
import { bracketReasonLabel, priceFor, type FamilyTariffProfile, type TariffGrid } from '../tariffs/rules';

/** One booking and/or attendance row of one child, unit and day, as loaded for a family. */
export interface ChildDayInput {
  childId: number;
  childName: string;
  serviceId: number;
  unitId: number;
  date: IsoDate;
  bookingId: number | null;
  attendanceId: number | null;
  booking: BillingBooking | null;
  attendance: BillingAttendance | null;
}

export interface ServiceInfo {
  id: number;
  name: string;
  sortOrder: number;
  settings: BillingServiceSettings;
  grids: readonly TariffGrid[];
}

export interface UnitInfo {
  id: number;
  name: string;
  sortOrder: number;
}

export interface LineItem {
  bookingId: number | null;
  attendanceId: number | null;
  date: IsoDate;
}

export interface DraftLine {
  kind: 'service' | 'surcharge';
  childId: number;
  childName: string;
  serviceId: number;
  serviceName: string;
  unitId: number;
  unitName: string;
  label: string;
  dateFrom: IsoDate;
  dateTo: IsoDate;
  dates: IsoDate[];
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  code: BillingCode;
  /** Why the days are billed, at this price. */
  explanation: string;
  /** The child-days this line bills (service lines only: a surcharge rides on its day's line). */
  items: LineItem[];
}

/** Days looked at and not billed, grouped the same way, so staff (and parents) see why. */
export interface NotBilledGroup {
  childName: string;
  serviceName: string;
  unitName: string;
  code: BillingCode;
  explanation: string;
  dates: IsoDate[];
}

export interface FamilyBill {
  lines: DraftLine[];
  notBilled: NotBilledGroup[];
  /** Billed days that cannot be priced (no grid, no bracket, unit without a price): the family is not invoiced until fixed. */
  anomalies: string[];
  totalCents: number;
}

const frenchDate = (date: IsoDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

interface Group {
  line: DraftLine;
  childSort: string;
  serviceSort: number;
  unitSort: number;
}

/** The bill of one family for the days given (already restricted to the month and services). */
export function computeFamilyBill(
  days: readonly ChildDayInput[],
  family: FamilyTariffProfile,
  services: ReadonlyMap<number, ServiceInfo>,
  units: ReadonlyMap<number, UnitInfo>,
): FamilyBill {
  const groups = new Map<string, Group>();
  const notBilled = new Map<string, NotBilledGroup>();
  const anomalies: string[] = [];

  for (const day of days) {
    const service = services.get(day.serviceId);
    const unit = units.get(day.unitId);
    if (!service || !unit) continue;
    const outcome = billingOutcome(service.settings, day.booking, day.attendance);
    if (!outcome.billed) {
      if (outcome.code === 'nothing') continue;
      const key = `${day.childId}|${day.unitId}|${outcome.code}`;
      const g = notBilled.get(key);
      if (g) g.dates.push(day.date);
      else notBilled.set(key, { childName: day.childName, serviceName: service.name, unitName: unit.name, code: outcome.code, explanation: outcome.explanation, dates: [day.date] });
      continue;
    }
    const quote = priceFor(service.grids, { unitId: day.unitId, date: day.date, family });
    if (quote.kind === 'no_price') {
      anomalies.push(`${day.childName} — ${service.name} — ${unit.name} le ${frenchDate(day.date)} : ${quote.message}`);
      continue;
    }
    const gridName = service.grids.find((g) => g.id === quote.gridId)?.name ?? '';
    const why = `${outcome.explanation}. ${bracketReasonLabel(quote.reason)} « ${quote.bracketLabel} », ${gridName}.`;
    const item: LineItem = { bookingId: day.bookingId, attendanceId: day.attendanceId, date: day.date };
    const add = (kind: 'service' | 'surcharge', priceCents: number, label: string, explanation: string, withItem: boolean): void => {
      const key = `${kind}|${day.childId}|${day.serviceId}|${day.unitId}|${priceCents}|${kind === 'service' ? outcome.code : explanation}`;
      const existing = groups.get(key);
      if (existing) {
        existing.line.dates.push(day.date);
        if (withItem) existing.line.items.push(item);
        return;
      }
      groups.set(key, {
        childSort: day.childName,
        serviceSort: service.sortOrder,
        unitSort: unit.sortOrder,
        line: {
          kind,
          childId: day.childId,
          childName: day.childName,
          serviceId: service.id,
          serviceName: service.name,
          unitId: unit.id,
          unitName: unit.name,
          label,
          dateFrom: day.date,
          dateTo: day.date,
          dates: [day.date],
          quantity: 0,
          unitPriceCents: priceCents,
          amountCents: 0,
          code: outcome.code,
          explanation,
          items: withItem ? [item] : [],
        },
      });
    };
    add('service', quote.priceCents, unit.name, why, true);
    if (outcome.surchargeCents > 0) {
      const reason =
        outcome.code === 'present_unbooked'
          ? 'Présence sans réservation : majoration prévue par le règlement du service.'
          : 'Réservation faite hors délai : majoration prévue par le règlement du service.';
      add('surcharge', outcome.surchargeCents, `Majoration — ${unit.name}`, reason, false);
    }
  }

  const lines = [...groups.values()]
    .map((g) => {
      const dates = [...g.line.dates].sort(compareDates);
      const quantity = dates.length;
      return {
        ...g,
        line: { ...g.line, dates, dateFrom: dates[0] ?? g.line.dateFrom, dateTo: dates[dates.length - 1] ?? g.line.dateTo, quantity, amountCents: quantity * g.line.unitPriceCents },
      };
    })
    .sort(
      (a, b) =>
        a.childSort.localeCompare(b.childSort, 'fr') ||
        a.line.childId - b.line.childId ||
        a.serviceSort - b.serviceSort ||
        a.line.serviceId - b.line.serviceId ||
        a.unitSort - b.unitSort ||
        a.line.unitId - b.line.unitId ||
        (a.line.kind === b.line.kind ? 0 : a.line.kind === 'service' ? -1 : 1) ||
        compareDates(a.line.dateFrom, b.line.dateFrom) ||
        a.line.unitPriceCents - b.line.unitPriceCents,
    )
    .map((g) => g.line);

  return {
    lines,
    notBilled: [...notBilled.values()].map((g) => ({ ...g, dates: [...g.dates].sort(compareDates) })),
    anomalies,
    totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
  };
}

/** "2026-10" → "octobre 2026". */
export function monthLabel(month: string): string {
  const names = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  const m = Number(month.slice(5, 7));
  return `${names[m - 1] ?? month} ${month.slice(0, 4)}`;
}

/** "de janvier 2027", "d’octobre 2026": the month after "facture", "prestations". */
export const ofMonth = (month: string): string => ofMonthLabel(monthLabel(month));

export const ofMonthLabel = (label: string): string => (/^[aeiouyéèâ]/i.test(label) ? `d’${label}` : `de ${label}`);

/** First and last day of a "YYYY-MM" month. */
export function monthBounds(month: string): { from: IsoDate; to: IsoDate } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
