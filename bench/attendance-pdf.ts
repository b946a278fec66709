/**
 * Benchmark (issue 7): the daily sheets of a 300-child day must render in under a second.
 * A synthetic list (300 children, three groups, flags and authorized persons on many of them)
 * goes through the same document builder and renderer as GET /api/staff/attendance/sheets.pdf.
 * Run: node --import tsx bench/attendance-pdf.ts
 */
import { performance } from 'node:perf_hooks';
import type { ChildCard, DayList, ListEntry } from '../shared/attendance/register';
import { sheetSections, sheetsDocument } from '../shared/attendance/sheets';
import { renderPdf } from '../shared/pdf/pdfmake';
import { COMMUNE } from '../shared/settings/definitions';

const CHILDREN = 300;
const RUNS = 7;
const BUDGET_MS = 1000;

const FIRST = ['Léo', 'Jade', 'Louise', 'Gabriel', 'Ambre', 'Raphaël', 'Alice', 'Arthur', 'Lina', 'Maël', 'Rose', 'Noah'];
const LAST = ['Lefèvre', 'Moreau', 'Le Goff', 'Bernard', 'Hamon', 'Riou', 'Jégou', 'Prigent', 'Guillou', 'Le Bihan', 'Tanguy', 'Morvan'];
const DIETS: ChildCard['diet'][] = ['standard', 'standard', 'standard', 'sans_porc', 'vegetarien', 'standard', 'sans_gluten'];

function dayList(): DayList {
  const children: ChildCard[] = [];
  const entries: ListEntry[] = [];
  for (let i = 0; i < CHILDREN; i++) {
    const age = 3 + (i % 9);
    children.push({
      childId: i + 1,
      firstName: FIRST[i % FIRST.length] ?? 'Enfant',
      lastName: `${LAST[(i * 7) % LAST.length] ?? 'Nom'} ${Math.floor(i / LAST.length)}`,
      birthDate: `${2026 - age}-03-15`,
      age,
      school: 'École Jules Ferry',
      classLevel: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'][i % 8] ?? null,
      mayLeaveAlone: age >= 9 && i % 2 === 0,
      imageRights: i % 5 !== 0,
      allergies: i % 11 === 0 ? 'arachide, fruits à coque' : null,
      hasPai: i % 17 === 0,
      paiDetails: i % 17 === 0 ? 'trousse au bureau de la direction' : null,
      diet: DIETS[i % DIETS.length] ?? 'standard',
      dietDetails: null,
      authorizedPersons: Array.from({ length: i % 4 }, (_, k) => ({ name: `Personne ${k + 1} ${LAST[k] ?? ''}`, relationship: k === 0 ? 'grand-mère' : 'voisin', mobile: `06 1${k} 22 33 4${k}` })),
      guardians: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ name: `Parent ${k + 1} ${LAST[(i + k) % LAST.length] ?? ''}`, phone: `06 2${k} 33 44 5${k}`, landline: false })),
    });
    entries.push({
      childId: i + 1,
      familyId: i + 1,
      unitId: 1,
      groupId: age <= 5 ? 1 : age <= 8 ? 2 : 3,
      booking: { id: i + 1, status: 'accepted', late: false, exceptionalAbsence: false },
      attendance: null,
    });
  }
  return {
    service: { id: 1, name: 'Restauration scolaire', kind: 'restauration', ratioRegime: 'none' },
    date: '2026-11-26',
    tickable: true,
    units: [{ id: 1, name: 'Repas', startTime: '11:45', endTime: '13:30' }],
    groups: [
      { id: 1, name: '3-5 ans' },
      { id: 2, name: '6-8 ans' },
      { id: 3, name: '9-11 ans' },
    ],
    children,
    entries,
  };
}

const list = dayList();
const commune = { ...COMMUNE.fallback, name: 'Mairie de Marelle-sur-Meu' };
const once = async (): Promise<{ ms: number; bytes: number }> => {
  const start = performance.now();
  const pdf = await renderPdf(sheetsDocument(commune, list, sheetSections(list), '26/11/2026 à 09:00'));
  return { ms: performance.now() - start, bytes: pdf.length };
};

// The first run loads the fonts: measured apart.
const cold = await once();
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < RUNS; i++) {
  const r = await once();
  times.push(r.ms);
  bytes = r.bytes;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const worst = times[times.length - 1] ?? 0;
console.log(`Feuilles de présence, ${CHILDREN} enfants (${Math.round(bytes / 1024)} Ko) :`);
console.log(`  premier rendu (polices chargées) ${cold.ms.toFixed(0)} ms ; ensuite médiane ${median.toFixed(0)} ms, pire ${worst.toFixed(0)} ms sur ${RUNS} rendus`);
console.log(median < BUDGET_MS ? `  OK : sous ${BUDGET_MS} ms.` : `  TROP LENT : objectif ${BUDGET_MS} ms.`);
if (median >= BUDGET_MS) process.exitCode = 1;
