import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo/seed';
import { EXPORT_HEADERS } from '../../shared/bookings/exports';
import { demoHarness, snapshot, type Demo } from '../support/bookings';
import { staffClient, type Client } from '../support/client';

/*
 * Excel exports of the bookings (issue 6, item 6), read back with exceljs: the demo commune,
 * the clock fixed on Thursday 26 November 2026.
 */

let d: Demo;
let agent: Client;
beforeEach(async () => {
  d = await demoHarness();
  agent = await login('agent@mairie.demo');
});
afterEach(() => d.h.close());

async function login(email: string): Promise<Client> {
  const c = staffClient(d.h.backoffice);
  expect((await c.post('/api/staff/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(200);
  return c;
}

/** The download as bytes (supertest buffers only text by default). */
async function download(c: Client, query: string) {
  return supertest(d.h.backoffice)
    .get(`/api/staff/bookings/export?${query}`)
    .set('Cookie', `marelle_staff_session=${c.cookie('marelle_staff_session') ?? ''}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

async function workbookOf(body: unknown): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** The sheet's rows as header → value records. */
function records(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    out.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

describe('Excel export of the bookings', () => {
  it('a cantine day: one sheet per group, bold frozen filtered header, Excel dates, the columns staff expect', async () => {
    await d.h.store.db
      .updateTable('medical_records')
      .set({ allergies: 'Arachide', has_pai: 1, pai_details: 'Trousse dans le sac', diet: 'sans_porc', diet_details: null })
      .where('child_id', '=', d.jade)
      .execute();
    await d.h.store.db.updateTable('children').set({ school: 'École Jules-Ferry', class_level: 'MS' }).where('id', '=', d.jade).execute();

    const res = await download(agent, `serviceId=${d.service('restauration')}&from=2026-11-27&to=2026-11-27`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reservations-restauration-2026-11-27.xlsx"');

    const wb = await workbookOf(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Élémentaire et maternelle']);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('feuille absente');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(1).width).toBe(12);

    const rows = records(ws);
    const expected = await d.h.store.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('service_id', '=', d.service('restauration'))
      .where('date', '=', '2026-11-27')
      .where('status', 'in', ['pending', 'waitlisted', 'accepted', 'cancellation_pending'])
      .executeTakeFirstOrThrow();
    expect(rows).toHaveLength(Number(expected.n));
    expect(rows.length).toBeGreaterThan(2);
    const jade = rows.find((r) => r['Prénom'] === 'Jade' && r['Nom'] === 'Lefèvre');
    expect(jade).toMatchObject({
      Accueil: 'Repas',
      'Âge': 4,
      Groupe: 'Élémentaire et maternelle',
      'École': 'École Jules-Ferry',
      Classe: 'MS',
      Allergies: 'Arachide',
      'Régime': 'Sans porc',
      PAI: 'Oui : Trousse dans le sac',
      'État': 'ACCEPTÉE',
      Famille: 'Lefèvre',
    });
    expect(String(jade?.['Téléphone'])).toMatch(/^0\d( \d\d){4}$/);
    const date = jade?.Date;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(ws.getCell('A2').numFmt).toBe('dd/mm/yyyy');
    // Sorted by name within the day.
    const names = rows.map((r) => `${String(r['Nom'])} ${String(r['Prénom'])}`);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
  });

  it('a period of the ALSH du mercredi for one group: pending requests with their state, one sheet', async () => {
    const groups = await d.h.store.db.selectFrom('groups').select(['id', 'name']).where('service_id', '=', d.service('alsh_mercredi')).orderBy('sort_order').execute();
    const older = groups.find((g) => g.name === '6-11 ans');
    if (!older) throw new Error('groupe absent');
    const res = await download(agent, `serviceId=${d.service('alsh_mercredi')}&from=2026-12-01&to=2026-12-31&groupId=${older.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="reservations-alsh-mercredi-2026-12-01-au-2026-12-31.xlsx"');
    const wb = await workbookOf(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['6-11 ans']);
    const rows = records(wb.worksheets[0] as ExcelJS.Worksheet);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['Groupe'] === '6-11 ans')).toBe(true);
    expect(rows.find((r) => r['Prénom'] === 'Léo')).toMatchObject({ 'État': 'EN ATTENTE DE TRAITEMENT', Accueil: 'Journée (repas compris)', 'Âge': 8 });
    expect(rows.some((r) => r['Prénom'] === 'Jade')).toBe(false);
  });

  it('without a group: every group of the service gets its sheet, even an empty one', async () => {
    const res = await download(agent, `serviceId=${d.service('alsh_mercredi')}&from=2026-12-09&to=2026-12-09`);
    const wb = await workbookOf(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['3-5 ans', '6-11 ans']);
    const young = records(wb.worksheets[0] as ExcelJS.Worksheet);
    expect(young.filter((r) => r['Prénom'] === 'Jade').map((r) => r['Accueil'])).toEqual(['Matin', 'Repas']);
  });

  it('bad input: a French sentence, no file', async () => {
    const before = await snapshot(d.h);
    const s = d.service('restauration');
    const cases: [string, number, string][] = [
      [`serviceId=${s}&from=2026-12-10&to=2026-12-01`, 400, 'La date de fin doit être postérieure ou égale à la date de début.'],
      [`serviceId=${s}&from=2026-01-01&to=2027-01-02`, 400, 'Un export couvre au plus un an : réduisez la période.'],
      [`serviceId=${s}&from=2026-02-30&to=2026-03-01`, 400, 'Début : date invalide (format AAAA-MM-JJ).'],
      [`from=2026-12-01&to=2026-12-01`, 400, 'Service : identifiant attendu.'],
      [`serviceId=99999&from=2026-12-01&to=2026-12-01`, 404, 'Ce service est introuvable.'],
    ];
    for (const [query, status, message] of cases) {
      const res = await agent.get(`/api/staff/bookings/export?${query}`);
      expect(res.status, query).toBe(status);
      expect(res.body.message, query).toBe(message);
    }
    const otherGroup = await d.h.store.db.selectFrom('groups').select('id').where('service_id', '=', d.service('alsh_mercredi')).executeTakeFirstOrThrow();
    const wrongGroup = await agent.get(`/api/staff/bookings/export?serviceId=${s}&from=2026-12-01&to=2026-12-01&groupId=${otherGroup.id}`);
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.message).toBe("Ce groupe n'appartient pas à ce service.");
    expect(await snapshot(d.h)).toEqual(before);
  });

  it('a whole year is accepted; an animateur is refused', async () => {
    const ok = await download(agent, `serviceId=${d.service('restauration')}&from=2026-09-01&to=2027-08-31`);
    expect(ok.status).toBe(200);
    const anim = await login('animateur@mairie.demo');
    expect((await anim.get(`/api/staff/bookings/export?serviceId=${d.service('restauration')}&from=2026-11-27&to=2026-11-27`)).status).toBe(403);
  });
});

describe('export options', () => {
  it('lists the active services with their groups', async () => {
    const res = await agent.get('/api/staff/bookings/export/options');
    expect(res.status).toBe(200);
    const mercredi = res.body.services.find((s: { code: string }) => s.code === 'alsh_mercredi');
    expect(mercredi.groups.map((g: { name: string }) => g.name)).toEqual(['3-5 ans', '6-11 ans']);
  });
});
