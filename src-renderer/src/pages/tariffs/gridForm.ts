/**
 * The grid editor's values (what staff type: "4,15", "jj/mm/aaaa") and their conversion to the API
 * body, checked with the API's own schema (shared/schemas/tariffs.ts). Rows keep the body's order,
 * so an issue path such as `brackets.2.prices.7` names the cell of row 2, unit 7, from either side.
 */
import { tariffGridInputSchema, type TariffGridInput } from '../../../../shared/schemas/tariffs';
import { centsToInput, parseEuros } from '../../../../shared/tariffs/money';
import { defaultGridName } from '../../../../shared/tariffs/rules';
import { dateToInput, inputToDate, inputToInteger, zodErrors, type FormErrors } from '../../forms';
import type { TariffGridDto, TariffUnitDto } from '../../tariffsApi';

export interface BracketRow {
  /** React key: rows are added and removed. */
  key: string;
  label: string;
  qfMin: string;
  qfMax: string;
  outsideCommune: boolean;
  /** unit id → price as typed ("4,15"); '' = no price. */
  prices: Record<string, string>;
}

export interface GridValues {
  name: string;
  validFrom: string;
  brackets: BracketRow[];
}

let rowCounter = 0;
export const newRowKey = (): string => `row-${(rowCounter += 1)}`;

export const priceKey = (row: number, unitId: number): string => `brackets.${row}.prices.${unitId}`;
export const bracketKey = (row: number, field: 'label' | 'qfMin' | 'qfMax' | 'outsideCommune'): string => `brackets.${row}.${field}`;

export function gridToValues(grid: Pick<TariffGridDto, 'name' | 'validFrom' | 'brackets'>): GridValues {
  return {
    name: grid.name,
    validFrom: dateToInput(grid.validFrom),
    brackets: grid.brackets.map((b) => ({
      key: newRowKey(),
      label: b.label,
      qfMin: b.outsideCommune ? '' : String(b.qfMin),
      qfMax: b.outsideCommune || b.qfMax === null ? '' : String(b.qfMax),
      outsideCommune: b.outsideCommune,
      prices: Object.fromEntries(Object.entries(b.prices).map(([unit, cents]) => [unit, centsToInput(cents)])),
    })),
  };
}

/** The brackets of a commune starting from scratch: the guide's four QF brackets and the Extérieur tariff. */
export function defaultValues(validFrom: string): GridValues {
  const row = (label: string, qfMin: string, qfMax: string, outsideCommune = false): BracketRow => ({
    key: newRowKey(),
    label,
    qfMin,
    qfMax,
    outsideCommune,
    prices: {},
  });
  return {
    name: defaultGridName(validFrom),
    validFrom: dateToInput(validFrom),
    brackets: [
      row('QF de 0 à 600', '0', '600'),
      row('QF de 601 à 1000', '601', '1000'),
      row('QF de 1001 à 1500', '1001', '1500'),
      row('QF de 1501 et plus', '1501', ''),
      row('Extérieur', '', '', true),
    ],
  };
}

export function emptyRow(outsideCommune: boolean): BracketRow {
  return { key: newRowKey(), label: outsideCommune ? 'Extérieur' : '', qfMin: '', qfMax: '', outsideCommune, prices: {} };
}

/** A typed QF: '' → null (the schema then says what is expected), digits → number. */
function qfValue(text: string): number | null {
  const value = inputToInteger(text);
  return typeof value === 'number' ? value : value === null ? null : Number.NaN;
}

/**
 * The API body and the errors found on this side: amounts that are not amounts ("4,1,5") are
 * reported on their cell, everything else by the shared schema, with the server's own sentences.
 */
export function toBody(values: GridValues, units: readonly TariffUnitDto[]): { body: TariffGridInput; errors: FormErrors } {
  const local: FormErrors = {};
  const brackets = values.brackets.map((row, index) => {
    const prices: Record<string, number> = {};
    for (const unit of units) {
      const text = (row.prices[String(unit.id)] ?? '').trim();
      if (text === '') continue;
      const parsed = parseEuros(text);
      if (parsed.ok) prices[String(unit.id)] = parsed.cents;
      else local[priceKey(index, unit.id)] = parsed.message;
    }
    const qfMin = row.outsideCommune ? 0 : qfValue(row.qfMin);
    const qfMax = row.outsideCommune ? null : qfValue(row.qfMax);
    return { label: row.label, qfMin, qfMax, outsideCommune: row.outsideCommune, prices };
  });
  const draft = { name: values.name, validFrom: inputToDate(values.validFrom) ?? '', brackets };
  // The local sentences win: an unreadable amount is not "missing".
  const errors = { ...zodErrors(tariffGridInputSchema, draft), ...local };
  return { body: draft as TariffGridInput, errors };
}

/** The next 1 September strictly after both today and the latest grid: next school year's grid. */
export function nextSchoolYearStart(today: string, latestValidFrom: string | null): string {
  const base = latestValidFrom !== null && latestValidFrom > today ? latestValidFrom : today;
  const year = Number(base.slice(0, 4));
  const candidate = `${year}-09-01`;
  return candidate > base ? candidate : `${year + 1}-09-01`;
}
