/**
 * The lists staff print or share for a day or a period: the live bookings of one service, one
 * sheet per age group, with what the animators need at hand (age that day, class, allergies,
 * diet, PAI, whom to call). Written with exceljs as a real workbook: dates are Excel dates, the
 * header stays in view and carries the filters.
 */
import ExcelJS from 'exceljs';
import { parseIsoDate, type IsoDate } from '../calendar/dates';
import type { Db } from '../db/types';
import { notFound, AppError } from '../errors';
import type { BookingExportQuery } from '../schemas/staffBookings';
import { ageOn, frenchDate, LIVE_STATUSES, STATUS_LABELS } from './rules';
import { RESPONSABLE } from '../db/literals';

const DIET_LABELS: Record<'standard' | 'sans_porc' | 'vegetarien' | 'sans_gluten' | 'autre', string> = {
  standard: '',
  sans_porc: 'Sans porc',
  vegetarien: 'Végétarien',
  sans_gluten: 'Sans gluten',
  autre: 'Autre',
};

export interface ExportRow {
  date: IsoDate;
  unitName: string;
  lastName: string;
  firstName: string;
  age: number;
  groupName: string;
  school: string;
  classLevel: string;
  allergies: string;
  diet: string;
  pai: string;
  status: string;
  exceptionalAbsence: string;
  familyName: string;
  phone: string;
}

interface Column {
  header: string;
  key: keyof ExportRow;
  width: number;
}

const COLUMNS: readonly Column[] = [
  { header: 'Date', key: 'date', width: 12 },
  { header: 'Accueil', key: 'unitName', width: 24 },
  { header: 'Nom', key: 'lastName', width: 18 },
  { header: 'Prénom', key: 'firstName', width: 16 },
  { header: 'Âge', key: 'age', width: 6 },
  { header: 'Groupe', key: 'groupName', width: 14 },
  { header: 'École', key: 'school', width: 22 },
  { header: 'Classe', key: 'classLevel', width: 10 },
  { header: 'Allergies', key: 'allergies', width: 28 },
  { header: 'Régime', key: 'diet', width: 18 },
  { header: 'PAI', key: 'pai', width: 28 },
  { header: 'État', key: 'status', width: 26 },
  { header: 'Absence exceptionnelle', key: 'exceptionalAbsence', width: 14 },
  { header: 'Famille', key: 'familyName', width: 22 },
  { header: 'Téléphone', key: 'phone', width: 16 },
];

export const EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export interface BookingExport {
  fileName: string;
  buffer: Buffer;
  /** Rows written, all sheets together. */
  rowCount: number;
}

const NO_GROUP = 'Sans groupe';

/** An Excel date is a day count: a UTC midnight keeps the day whatever the reader's time zone. */
function excelDate(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '-').trim().slice(0, 31) || 'Réservations';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** ASCII file names survive every browser and mail client; the French words stay. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function exportFileName(serviceCode: string, from: IsoDate, to: IsoDate): string {
  const period = from === to ? from : `${from}-au-${to}`;
  return `reservations-${slug(serviceCode) || 'service'}-${period}.xlsx`;
}

export interface ExportOptionsDto {
  services: { id: number; code: string; name: string; groups: { id: number; name: string }[] }[];
}

/** What the export form offers: the active services and their groups, in display order. */
export async function exportOptions(db: Db): Promise<ExportOptionsDto> {
  const [services, groups] = await Promise.all([
    db.selectFrom('services').select(['id', 'code', 'name']).where('active', '=', 1).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('groups').select(['id', 'service_id', 'name']).orderBy('sort_order').orderBy('id').execute(),
  ]);
  return {
    services: services.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      groups: groups.filter((g) => g.service_id === s.id).map((g) => ({ id: g.id, name: g.name })),
    })),
  };
}

/** The rows of the export, by group name in the service's order of groups. */
export async function loadExportRows(db: Db, query: BookingExportQuery): Promise<{ service: { code: string; name: string }; sheets: { name: string; rows: ExportRow[] }[] }> {
  const service = await db.selectFrom('services').select(['id', 'code', 'name']).where('id', '=', query.serviceId).executeTakeFirst();
  if (!service) throw notFound('Ce service est introuvable.');
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('service_id', '=', service.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  if (query.groupId !== undefined && !groups.some((g) => g.id === query.groupId)) {
    throw new AppError('validation', "Ce groupe n'appartient pas à ce service.", [{ path: 'groupId', message: "Ce groupe n'appartient pas à ce service." }]);
  }

  let q = db
    .selectFrom('bookings as b')
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .leftJoin('groups as g', 'g.id', 'b.group_id')
    .leftJoin('medical_records as m', 'm.child_id', 'b.child_id')
    .leftJoin('guardians as r', (join) => join.onRef('r.family_id', '=', 'b.family_id').on('r.role', '=', RESPONSABLE))
    .select([
      'b.id',
      'b.date',
      'b.status',
      'b.exceptional_absence',
      'b.group_id',
      'u.name as unit_name',
      'u.sort_order as unit_order',
      'c.last_name',
      'c.first_name',
      'c.birth_date',
      'c.school',
      'c.class_level',
      'g.name as group_name',
      'm.allergies',
      'm.diet',
      'm.diet_details',
      'm.has_pai',
      'm.pai_details',
      'r.last_name as family_last_name',
      'r.phone_mobile',
      'r.phone_home',
    ])
    .where('b.service_id', '=', service.id)
    .where('b.date', '>=', query.from)
    .where('b.date', '<=', query.to)
    .where('b.status', 'in', LIVE_STATUSES);
  if (query.groupId !== undefined) q = q.where('b.group_id', '=', query.groupId);
  const rows = await q.execute();

  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.unit_order - b.unit_order ||
      collator.compare(a.unit_name, b.unit_name) ||
      collator.compare(a.last_name, b.last_name) ||
      collator.compare(a.first_name, b.first_name) ||
      a.id - b.id,
  );

  const toRow = (r: (typeof rows)[number]): ExportRow => {
    const diet = r.diet ? DIET_LABELS[r.diet] : '';
    return {
      date: r.date,
      unitName: r.unit_name,
      lastName: r.last_name,
      firstName: r.first_name,
      age: ageOn(r.birth_date, r.date),
      groupName: r.group_name ?? NO_GROUP,
      school: r.school ?? '',
      classLevel: r.class_level ?? '',
      allergies: r.allergies?.trim() ?? '',
      diet: r.diet_details?.trim() && r.diet !== 'standard' ? `${diet} (${r.diet_details.trim()})` : diet,
      pai: r.has_pai === 1 ? (r.pai_details?.trim() ? `Oui : ${r.pai_details.trim()}` : 'Oui') : '',
      status: STATUS_LABELS[r.status],
      exceptionalAbsence: r.exceptional_absence === 1 ? 'Oui' : '',
      familyName: r.family_last_name ?? '',
      phone: r.phone_mobile ?? r.phone_home ?? '',
    };
  };

  // One sheet per group, in the service's order; a service without groups gets one sheet.
  const sheets: { name: string; rows: ExportRow[] }[] = [];
  const selected = query.groupId === undefined ? groups : groups.filter((g) => g.id === query.groupId);
  for (const g of selected) sheets.push({ name: g.name, rows: rows.filter((r) => r.group_id === g.id).map(toRow) });
  const known = new Set(groups.map((g) => g.id));
  const ungrouped = rows.filter((r) => r.group_id === null || !known.has(r.group_id));
  if (query.groupId === undefined && (ungrouped.length > 0 || sheets.length === 0)) {
    sheets.push({ name: groups.length === 0 ? service.name : NO_GROUP, rows: ungrouped.map(toRow) });
  }
  return { service: { code: service.code, name: service.name }, sheets };
}

/** The workbook of a day's or a period's bookings of a service (one sheet per group). */
export async function buildBookingsExport(db: Db, query: BookingExportQuery, now: Date): Promise<BookingExport> {
  const { service, sheets } = await loadExportRows(db, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Marelle';
  workbook.created = now;
  workbook.modified = now;
  workbook.title = `Réservations — ${service.name}`;
  const taken = new Set<string>();
  const period = query.from === query.to ? `le ${frenchDate(query.from)}` : `du ${frenchDate(query.from)} au ${frenchDate(query.to)}`;
  let rowCount = 0;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
      headerFooter: { oddHeader: `&L${service.name} — ${sheet.name}&R${period}`, oddFooter: '&CPage &P / &N' },
    });
    ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const r of sheet.rows) ws.addRow({ ...r, date: excelDate(r.date) });
    ws.getColumn('date').numFmt = 'dd/mm/yyyy';
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
    rowCount += sheet.rows.length;
  }
  const data = await workbook.xlsx.writeBuffer();
  return { fileName: exportFileName(service.code, query.from, query.to), buffer: Buffer.from(data), rowCount };
}
