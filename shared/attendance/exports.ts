/**
 * Excel exports of the registers: a service's attendance over a period (with what each line
 * makes billable), and the hours actually delivered for the CAF's prestation de service.
 */
import ExcelJS from 'exceljs';
import { billingOutcome, billingSettingsOf } from '../billing/matrix';
import { ageOn } from '../bookings/rules';
import type { IsoDate } from '../calendar/dates';
import { STATUS_LABELS } from '../bookings/rules';
import type { Db } from '../db/types';
import { notFound } from '../errors';
import { STATE_LABELS, JUSTIFICATION_LABELS } from '../schemas/attendance';
import { AGE_BRACKET_LABELS, REGIME_LABELS, cafHours, hoursOf, isListed, type AgeBracket, type CafPresence } from './rules';
import { RESPONSABLE } from '../db/literals';

const formatEuros = (cents: number): string => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
}

export interface AttendanceExportRow {
  date: IsoDate;
  unit: string;
  group: string;
  lastName: string;
  firstName: string;
  birthDate: IsoDate;
  age: number;
  classLevel: string;
  family: string;
  booking: string;
  attendance: string;
  billed: boolean;
  surcharge: string;
  explanation: string;
}

/** Every booked or ticked child-day of a service over a period, with its billable outcome. */
export async function attendanceRows(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<{ serviceName: string; rows: AttendanceExportRow[] }> {
  const service = await db.selectFrom('services').selectAll().where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw notFound('Service introuvable.');
  const settings = billingSettingsOf(service);
  const bookings = await db
    .selectFrom('bookings as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .leftJoin('groups as g', 'g.id', 'b.group_id')
    .select(['b.id', 'b.family_id', 'b.child_id', 'b.unit_id', 'b.date', 'b.status', 'b.surcharge_cents', 'b.billed_if_cancelled', 'b.exceptional_absence', 'u.name as unit', 'u.sort_order', 'g.name as group'])
    .where('b.service_id', '=', serviceId)
    .where('b.date', '>=', from)
    .where('b.date', '<=', to)
    .execute();
  const marks = await db
    .selectFrom('attendance as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .select(['a.booking_id', 'a.family_id', 'a.child_id', 'a.unit_id', 'a.date', 'a.state', 'a.justification', 'u.name as unit', 'u.sort_order', 'g.name as group'])
    .where('a.service_id', '=', serviceId)
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .execute();
  const key = (x: { child_id: number; unit_id: number; date: string }) => `${x.date}|${x.child_id}|${x.unit_id}`;
  const markBy = new Map(marks.map((m) => [key(m), m]));
  // The booking that counts for a child-day: the live one, else the latest (refused, cancelled).
  const bookingBy = new Map<string, (typeof bookings)[number]>();
  for (const b of bookings.sort((x, y) => x.id - y.id)) {
    const k = key(b);
    const held = bookingBy.get(k);
    if (!held || isListed(b.status) || !isListed(held.status)) bookingBy.set(k, b);
  }
  const keys = new Set([...bookingBy.keys(), ...markBy.keys()]);
  const childIds = [...new Set([...bookings.map((b) => b.child_id), ...marks.map((m) => m.child_id)])];
  const familyIds = [...new Set([...bookings.map((b) => b.family_id), ...marks.map((m) => m.family_id)])];
  const children = new Map<number, { last_name: string; first_name: string; birth_date: string; class_level: string | null }>();
  for (let i = 0; i < childIds.length; i += 500) {
    for (const c of await db.selectFrom('children').select(['id', 'last_name', 'first_name', 'birth_date', 'class_level']).where('id', 'in', childIds.slice(i, i + 500)).execute()) {
      children.set(c.id, c);
    }
  }
  const families = new Map<number, string>();
  for (let i = 0; i < familyIds.length; i += 500) {
    const rows = await db
      .selectFrom('guardians')
      .select(['family_id', 'last_name', 'first_name'])
      .where('role', '=', RESPONSABLE)
      .where('family_id', 'in', familyIds.slice(i, i + 500))
      .execute();
    for (const g of rows) families.set(g.family_id, `${g.last_name} ${g.first_name}`);
  }
  const rows: (AttendanceExportRow & { sort: number })[] = [];
  for (const k of keys) {
    const b = bookingBy.get(k) ?? null;
    const m = markBy.get(k) ?? null;
    // A cancelled or refused line nobody ticked is history, not attendance.
    if (b && !m && !isListed(b.status) && b.billed_if_cancelled !== 1) continue;
    const base = m ?? b;
    if (!base) continue;
    const child = children.get(base.child_id);
    if (!child) continue;
    const outcome = billingOutcome(
      settings,
      b ? { status: b.status, billedIfCancelled: b.billed_if_cancelled === 1, surchargeCents: b.surcharge_cents, exceptionalAbsence: b.exceptional_absence === 1 } : null,
      m ? { state: m.state, justification: m.justification } : null,
    );
    rows.push({
      sort: base.sort_order,
      date: base.date,
      unit: base.unit,
      group: (b?.group ?? m?.group) ?? '',
      lastName: child.last_name,
      firstName: child.first_name,
      birthDate: child.birth_date,
      age: ageOn(child.birth_date, base.date),
      classLevel: child.class_level ?? '',
      family: families.get(m?.family_id ?? b?.family_id ?? 0) ?? '',
      booking: b ? STATUS_LABELS[b.status] : 'Sans réservation',
      attendance: m ? (m.state === 'absent_justified' && m.justification ? `Absent : ${JUSTIFICATION_LABELS[m.justification].toLowerCase()}` : STATE_LABELS[m.state]) : 'Non pointé',
      billed: outcome.billed,
      surcharge: outcome.surchargeCents > 0 ? formatEuros(outcome.surchargeCents) : '',
      explanation: outcome.explanation,
    });
  }
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.sort - b.sort || a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  return { serviceName: service.name, rows: rows.map(({ sort: _sort, ...r }) => r) };
}

export async function attendanceWorkbook(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<{ buffer: Buffer; serviceName: string }> {
  const { serviceName, rows } = await attendanceRows(db, serviceId, from, to);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Marelle';
  const sheet = wb.addWorksheet('Présences');
  sheet.columns = [
    { header: 'Date', key: 'date', width: 12 },
    { header: 'Accueil', key: 'unit', width: 24 },
    { header: 'Groupe', key: 'group', width: 16 },
    { header: 'Nom', key: 'lastName', width: 18 },
    { header: 'Prénom', key: 'firstName', width: 16 },
    { header: 'Date de naissance', key: 'birthDate', width: 14 },
    { header: 'Âge', key: 'age', width: 6 },
    { header: 'Classe', key: 'classLevel', width: 10 },
    { header: 'Famille (responsable)', key: 'family', width: 24 },
    { header: 'Réservation', key: 'booking', width: 26 },
    { header: 'Pointage', key: 'attendance', width: 26 },
    { header: 'Facturé', key: 'billed', width: 9 },
    { header: 'Majoration', key: 'surcharge', width: 11 },
    { header: 'Motif', key: 'explanation', width: 46 },
  ];
  for (const r of rows) sheet.addRow({ ...r, date: r.date.split('-').reverse().join('/'), birthDate: r.birthDate.split('-').reverse().join('/'), billed: r.billed ? 'Oui' : 'Non' });
  styleHeader(sheet);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), serviceName };
}

// ---- CAF hours ---------------------------------------------------------------------------------------

export interface CafChildHours {
  childId: number;
  lastName: string;
  firstName: string;
  birthDate: IsoDate;
  regime: 'periscolaire' | 'extrascolaire';
  bracket: AgeBracket;
  sessions: number;
  hours: number;
}

export interface CafReport {
  from: IsoDate;
  to: IsoDate;
  children: CafChildHours[];
  totals: { regime: 'periscolaire' | 'extrascolaire'; bracket: AgeBracket; children: number; sessions: number; hours: number }[];
  /** Units counted with no hours set (configure their times): their sessions add 0 hours. */
  unitsWithoutHours: string[];
}

export async function cafReport(db: Db, from: IsoDate, to: IsoDate): Promise<CafReport> {
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('children as c', 'c.id', 'a.child_id')
    .select(['a.child_id', 'a.date', 'a.state', 's.ratio_regime', 's.name as service', 'u.name as unit', 'u.start_time', 'u.end_time', 'c.birth_date', 'c.last_name', 'c.first_name'])
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .where('a.state', 'in', ['present', 'present_unbooked'])
    .where('s.ratio_regime', 'in', ['periscolaire', 'extrascolaire'])
    .execute();
  const presences: CafPresence[] = rows.map((r) => ({
    childId: r.child_id,
    birthDate: r.birth_date,
    date: r.date,
    regime: r.ratio_regime,
    state: r.state,
    startTime: r.start_time,
    endTime: r.end_time,
  }));
  const names = new Map(rows.map((r) => [r.child_id, r]));
  const children = cafHours(presences)
    .map((h) => {
      const c = names.get(h.childId);
      return {
        childId: h.childId,
        lastName: c?.last_name ?? '',
        firstName: c?.first_name ?? '',
        birthDate: c?.birth_date ?? '',
        regime: h.regime,
        bracket: h.bracket,
        sessions: h.sessions,
        hours: hoursOf(h.minutes),
        minutes: h.minutes,
      };
    })
    .sort((a, b) => b.regime.localeCompare(a.regime) || b.bracket.localeCompare(a.bracket) || a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  const totals: CafReport['totals'] = [];
  for (const regime of ['periscolaire', 'extrascolaire'] as const) {
    for (const bracket of ['under_six', 'six_plus'] as const) {
      const these = children.filter((c) => c.regime === regime && c.bracket === bracket);
      totals.push({
        regime,
        bracket,
        children: these.length,
        sessions: these.reduce((n, c) => n + c.sessions, 0),
        // Summed in minutes, rounded once.
        hours: hoursOf(these.reduce((n, c) => n + c.minutes, 0)),
      });
    }
  }
  const unitsWithoutHours = [...new Set(rows.filter((r) => !r.start_time || !r.end_time).map((r) => `${r.service} — ${r.unit}`))].sort();
  return { from, to, children: children.map(({ minutes: _m, ...c }) => c), totals, unitsWithoutHours };
}

export async function cafWorkbook(db: Db, from: IsoDate, to: IsoDate): Promise<Buffer> {
  const report = await cafReport(db, from, to);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Marelle';
  const summary = wb.addWorksheet('Synthèse');
  summary.columns = [
    { header: 'Accueil', key: 'regime', width: 16 },
    { header: "Tranche d'âge", key: 'bracket', width: 16 },
    { header: 'Enfants', key: 'children', width: 10 },
    { header: 'Séances', key: 'sessions', width: 10 },
    { header: 'Heures réalisées', key: 'hours', width: 16 },
  ];
  for (const t of report.totals) summary.addRow({ ...t, regime: REGIME_LABELS[t.regime], bracket: AGE_BRACKET_LABELS[t.bracket] });
  styleHeader(summary);
  summary.addRow([]);
  summary.addRow([`Période du ${report.from.split('-').reverse().join('/')} au ${report.to.split('-').reverse().join('/')}. Une présence compte pour toute la durée de la séance.`]);
  if (report.unitsWithoutHours.length > 0) summary.addRow([`Accueils sans horaires (comptés 0 h) : ${report.unitsWithoutHours.join(', ')}`]);
  const detail = wb.addWorksheet('Par enfant');
  detail.columns = [
    { header: 'Nom', key: 'lastName', width: 18 },
    { header: 'Prénom', key: 'firstName', width: 16 },
    { header: 'Date de naissance', key: 'birthDate', width: 14 },
    { header: 'Accueil', key: 'regime', width: 16 },
    { header: "Tranche d'âge", key: 'bracket', width: 16 },
    { header: 'Séances', key: 'sessions', width: 10 },
    { header: 'Heures réalisées', key: 'hours', width: 16 },
  ];
  for (const c of report.children) {
    detail.addRow({ ...c, birthDate: c.birthDate.split('-').reverse().join('/'), regime: REGIME_LABELS[c.regime], bracket: AGE_BRACKET_LABELS[c.bracket] });
  }
  styleHeader(detail);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
