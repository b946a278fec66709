/**
 * The printed daily sheets: one page (or more) per unit and group of a service on a day, children
 * in alphabetical order with what the animator must know at a glance, and empty boxes to tick.
 * Black on white only (flags are words in capitals, never colours), A4 landscape for the columns.
 */
import type { IsoDate } from '../calendar/dates';
import { isoWeekday } from '../calendar/dates';
import type { Commune } from '../settings/definitions';
import type { PdfContent, PdfDocument } from '../pdf/pdfmake';
import type { ChildCard, DayList, ListEntry } from './register';
import { frenchDate } from './rules';

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function longFrenchDate(date: IsoDate): string {
  return `${WEEKDAYS[isoWeekday(date)]} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

const DIET_FLAGS: Record<ChildCard['diet'], string | null> = {
  standard: null,
  sans_porc: 'SANS PORC',
  vegetarien: 'VÉGÉTARIEN',
  sans_gluten: 'SANS GLUTEN',
  autre: 'RÉGIME',
};

/** The words printed in the « Santé / régime » column. */
export function healthFlags(child: ChildCard): string[] {
  const flags: string[] = [];
  if (child.hasPai) flags.push(child.paiDetails ? `PAI (${child.paiDetails})` : 'PAI');
  if (child.allergies) flags.push(`ALLERGIE : ${child.allergies}`);
  const diet = DIET_FLAGS[child.diet];
  if (diet) flags.push(child.dietDetails ? `${diet} (${child.dietDetails})` : diet);
  return flags;
}

/** The words printed in the « Sortie / photo » column. */
export function leaveFlags(child: ChildCard): string[] {
  return [child.mayLeaveAlone ? 'PART SEUL' : 'NE PART PAS SEUL', child.imageRights ? 'PHOTO OK' : 'PAS DE PHOTO'];
}

/** The lines printed in the « Parents » column: name and the number to call. */
export function guardianLines(child: ChildCard): string[] {
  return child.guardians.map((g) => (g.phone ? `${g.name} ${g.phone}${g.landline ? ' (fixe)' : ''}` : `${g.name} (pas de téléphone)`));
}

export interface SheetSection {
  unitId: number;
  unitName: string;
  hours: string | null;
  groupId: number | null;
  groupName: string | null;
  rows: { child: ChildCard; entry: ListEntry; unitsBooked: string[] }[];
}

/** Splits a day's list into its sheets: each unit × group with at least one child, in the service's order. */
export function sheetSections(list: DayList, only: { unitId?: number | undefined; groupId?: number | undefined } = {}): SheetSection[] {
  const cards = new Map(list.children.map((c) => [c.childId, c]));
  const unitName = new Map(list.units.map((u) => [u.id, u.name]));
  const sections: SheetSection[] = [];
  const groups: ({ id: number; name: string } | null)[] = list.groups.length > 0 ? [...list.groups, null] : [null];
  for (const unit of list.units) {
    if (only.unitId !== undefined && unit.id !== only.unitId) continue;
    for (const group of groups) {
      if (only.groupId !== undefined && group?.id !== only.groupId) continue;
      const rows: SheetSection['rows'] = [];
      for (const entry of list.entries) {
        if (entry.unitId !== unit.id || (group ? entry.groupId !== group.id : entry.groupId !== null && list.groups.length > 0)) continue;
        const child = cards.get(entry.childId);
        if (!child) continue;
        const unitsBooked = list.entries
          .filter((e) => e.childId === entry.childId && (e.booking !== null || e.attendance?.state === 'present_unbooked'))
          .map((e) => unitName.get(e.unitId) ?? '');
        rows.push({ child, entry, unitsBooked });
      }
      if (rows.length === 0) continue;
      sections.push({
        unitId: unit.id,
        unitName: unit.name,
        hours: unit.startTime && unit.endTime ? `${unit.startTime.replace(':', 'h')}–${unit.endTime.replace(':', 'h')}` : null,
        groupId: group?.id ?? null,
        groupName: group?.name ?? null,
        rows,
      });
    }
  }
  return sections;
}

const cell = (text: string, extra: Record<string, unknown> = {}): PdfContent => ({ text, ...extra });

function statusNote(entry: ListEntry): string {
  if (entry.attendance) return entry.attendance.label;
  if (!entry.booking) return '';
  if (entry.booking.status === 'pending') return 'Demande en attente';
  if (entry.booking.status === 'cancellation_pending') return 'Annulation demandée';
  if (entry.booking.exceptionalAbsence) return 'Absence exceptionnelle';
  return '';
}

function sectionContent(commune: Commune, list: DayList, section: SheetSection, first: boolean): PdfContent[] {
  const pai = section.rows.filter((r) => r.child.hasPai).length;
  const allergies = section.rows.filter((r) => r.child.allergies).length;
  const diets = section.rows.filter((r) => r.child.diet !== 'standard').length;
  const booked = section.rows.filter((r) => r.entry.booking !== null).length;
  const unbooked = section.rows.length - booked;
  const title = [section.unitName, section.hours ? `(${section.hours})` : null, section.groupName ? `— groupe ${section.groupName}` : null].filter(Boolean).join(' ');
  const counts = [
    `${booked} enfant${booked > 1 ? 's' : ''} inscrit${booked > 1 ? 's' : ''}`,
    unbooked > 0 ? `${unbooked} présent${unbooked > 1 ? 's' : ''} non inscrit${unbooked > 1 ? 's' : ''}` : null,
    `${pai} PAI`,
    `${allergies} allergie${allergies > 1 ? 's' : ''}`,
    `${diets} régime${diets > 1 ? 's' : ''}`,
    'Présents : ______',
  ]
    .filter(Boolean)
    .join('   ·   ');

  const header: PdfContent[] = [
    { text: commune.name, style: 'commune', ...(first ? {} : { pageBreak: 'before' }) },
    { text: `Feuille de présence — ${list.service.name}`, style: 'title' },
    { text: `${longFrenchDate(list.date)} (${frenchDate(list.date)}) — ${title}`, style: 'subtitle' },
    { text: counts, style: 'counts' },
  ];
  const body: PdfContent[][] = [
    [
      cell('P', { style: 'th', alignment: 'center' }),
      cell('A', { style: 'th', alignment: 'center' }),
      cell('Enfant', { style: 'th' }),
      cell('Âge', { style: 'th' }),
      cell('Classe', { style: 'th' }),
      cell('Réservé', { style: 'th' }),
      cell('Santé / régime', { style: 'th' }),
      cell('Parents', { style: 'th' }),
      cell('Personnes autorisées', { style: 'th' }),
      cell('Sortie / photo', { style: 'th' }),
    ],
  ];
  for (const { child, entry, unitsBooked } of section.rows) {
    const note = statusNote(entry);
    body.push([
      '',
      '',
      { stack: [{ text: `${child.lastName.toUpperCase()} ${child.firstName}`, bold: true }, ...(note ? [{ text: note, italics: true, fontSize: 7 }] : [])] },
      cell(`${child.age} ans`),
      cell(child.classLevel ?? ''),
      cell(entry.booking ? unitsBooked.join(', ') : 'NON INSCRIT'),
      cell(healthFlags(child).join('\n'), { bold: true }),
      cell(guardianLines(child).join('\n'), { fontSize: 7 }),
      cell(child.authorizedPersons.map((p) => `${p.name} (${p.relationship}) ${p.mobile}`).join('\n'), { fontSize: 7 }),
      cell(leaveFlags(child).join('\n'), { fontSize: 7 }),
    ]);
  }
  return [
    ...header,
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [16, 16, 106, 26, 36, 60, 106, 120, '*', 66], body },
      layout: {
        hLineWidth: () => 0.6,
        vLineWidth: () => 0.6,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
    },
    {
      text: 'P : présent · A : absent (préciser : maladie, certificat, justifiée par l’école, autre). Un enfant présent sans réservation s’ajoute en bas de la liste.',
      style: 'legend',
    },
  ];
}

/** The document of a day's sheets; `sections` empty gives one page saying so. */
export function sheetsDocument(commune: Commune, list: DayList, sections: readonly SheetSection[], printedAt: string): PdfDocument {
  const content: PdfContent[] =
    sections.length === 0
      ? [
          { text: commune.name, style: 'commune' },
          { text: `Feuille de présence — ${list.service.name}`, style: 'title' },
          { text: `${longFrenchDate(list.date)} (${frenchDate(list.date)})`, style: 'subtitle' },
          { text: 'Aucun enfant inscrit ce jour-là.', margin: [0, 12, 0, 0] },
        ]
      : sections.flatMap((s, i) => sectionContent(commune, list, s, i === 0));
  return {
    pageOrientation: 'landscape',
    pageMargins: [24, 24, 24, 32],
    content,
    footer: (page: number, pages: number) => ({
      text: `${list.service.name} — ${frenchDate(list.date)} — imprimé le ${printedAt} — page ${page} / ${pages}`,
      fontSize: 7,
      alignment: 'center',
      margin: [0, 10, 0, 0],
    }),
    defaultStyle: { fontSize: 8 },
    styles: {
      commune: { fontSize: 9 },
      title: { fontSize: 14, bold: true },
      subtitle: { fontSize: 11, bold: true, margin: [0, 2, 0, 2] },
      counts: { fontSize: 9, margin: [0, 0, 0, 6] },
      th: { bold: true, fontSize: 8 },
      legend: { fontSize: 7, italics: true, margin: [0, 4, 0, 0] },
    },
    info: { title: `Feuille de présence — ${list.service.name} — ${frenchDate(list.date)}` },
  };
}
