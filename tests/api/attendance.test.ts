import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo/seed';
import { staffClient, type Client } from '../support/client';
import { demoHarness, type Demo } from '../support/bookings';

/*
 * Attendance registers on the demo commune, clock fixed on Thursday 26 November 2026 at 09:00.
 * The demo animator (Yann Le Goff) is assigned to the restaurant and the périscolaire, not the ALSH.
 * Léo eats at the cantine every school day; Jade on Mondays, Tuesdays and Fridays only.
 */

let d: Demo;
let animateur: Client;
let agent: Client;
const TODAY = '2026-11-26';

async function staffLogin(email: string): Promise<Client> {
  const c = staffClient(d.h.backoffice);
  const res = await c.post('/api/staff/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

beforeEach(async () => {
  d = await demoHarness();
  animateur = await staffLogin('animateur@mairie.demo');
  agent = await staffLogin('agent@mairie.demo');
});
afterEach(() => d.h.close());

/** A binary answer (xlsx) read as bytes. */
async function download(c: Client, url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await supertest(d.h.backoffice)
    .get(url)
    .set('Cookie', `marelle_staff_session=${c.cookie('marelle_staff_session') ?? ''}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, type: String(res.headers['content-type']), body: res.body as Buffer };
}

const tickUrl = (date: string, unitId: number, childId: number) => `/api/staff/attendance/days/${date}/units/${unitId}/children/${childId}`;
const repas = () => d.unit('restauration/repas');

async function attendanceSnapshot() {
  const db = d.h.store.db;
  return {
    rows: await db.selectFrom('attendance').select(['id', 'child_id', 'date', 'unit_id', 'state', 'justification', 'version']).orderBy('id').execute(),
    audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

/** A child of a family who uses the cantine, without a cantine booking on the day. */
async function unbookedCantineChild(date: string) {
  const db = d.h.store.db;
  const booked = db.selectFrom('bookings').select('child_id').where('date', '=', date).where('unit_id', '=', repas());
  const row = await db
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .select(['c.id', 'c.first_name', 'c.last_name', 'fc.family_id'])
    .where('fc.family_id', 'in', db.selectFrom('bookings').select('family_id').where('service_id', '=', d.service('restauration')))
    .where('c.id', 'not in', booked)
    .orderBy('c.id')
    .executeTakeFirstOrThrow();
  return row;
}

describe('the day’s list', () => {
  it('an animator sees only the services assigned to them, and the list without money, QF or bank data', async () => {
    const services = await animateur.get('/api/staff/attendance/services');
    expect(services.status).toBe(200);
    expect(services.body.services.map((s: { name: string }) => s.name)).toEqual(['Restauration scolaire', 'Accueil périscolaire']);
    expect(services.body.today).toBe(TODAY);

    const res = await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.body.tickable).toBe(true);
    const leo = res.body.entries.find((e: { childId: number }) => e.childId === d.leo);
    expect(leo).toMatchObject({ unitId: repas(), booking: { status: 'accepted' }, attendance: null });
    expect(leo.billing).toBeUndefined();
    expect(res.body.entries.some((e: { childId: number }) => e.childId === d.jade)).toBe(false);
    const names = res.body.children.map((c: { lastName: string; firstName: string }) => `${c.lastName} ${c.firstName}`);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
    const card = res.body.children.find((c: { childId: number }) => c.childId === d.leo);
    expect(Object.keys(card).sort()).toEqual(
      ['age', 'allergies', 'authorizedPersons', 'birthDate', 'childId', 'classLevel', 'diet', 'dietDetails', 'firstName', 'guardians', 'hasPai', 'imageRights', 'lastName', 'mayLeaveAlone', 'paiDetails', 'school'].sort(),
    );
    const text = JSON.stringify(res.body).toLowerCase();
    for (const word of ['iban', '"qf"', 'price', 'invoice', 'bic', 'address', 'email']) expect(text).not.toContain(word);
    // The parents of both homes (garde alternée with Aurélie Moreau), with a number to call and nothing else.
    expect(card.guardians.map((g: { name: string }) => g.name)).toEqual(['Nicolas Lefèvre', 'Émilie Rolland', 'Aurélie Moreau']);
    for (const g of card.guardians) {
      expect(Object.keys(g).sort()).toEqual(['landline', 'name', 'phone']);
      expect(g.phone).toMatch(/^0\d( \d\d){4}$/);
    }
    const rows = await d.h.store.db
      .selectFrom('family_children as fc')
      .innerJoin('guardians as g', 'g.family_id', 'fc.family_id')
      .innerJoin('families as f', 'f.id', 'fc.family_id')
      .select(['g.email', 'g.phone_mobile', 'g.address_line1', 'g.postal_code', 'f.qf', 'f.caf_number'])
      .where('fc.child_id', '=', d.leo)
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(card.guardians.some((g: { phone: string }) => g.phone === r.phone_mobile)).toBe(true);
      for (const secret of [r.email, r.address_line1, r.caf_number]) if (secret) expect(text).not.toContain(secret.toLowerCase());
    }
    const jade = res.body.children.find((c: { childId: number }) => c.childId === d.jade);
    expect(jade).toBeUndefined(); // not at the cantine on Thursdays; her card is checked on the sheet.
  });

  it('a parent without a mobile is listed with the landline, one without any number says so', async () => {
    const db = d.h.store.db;
    await db.updateTable('guardians').set({ phone_mobile: null, phone_home: '02 99 11 22 33' }).where('first_name', '=', 'Émilie').where('last_name', '=', 'Rolland').execute();
    await db.updateTable('guardians').set({ phone_mobile: ' ', phone_home: null }).where('first_name', '=', 'Aurélie').where('last_name', '=', 'Moreau').execute();
    const res = await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=${TODAY}`);
    const card = res.body.children.find((c: { childId: number }) => c.childId === d.leo);
    expect(card.guardians.slice(1)).toEqual([
      { name: 'Émilie Rolland', phone: '02 99 11 22 33', landline: true },
      { name: 'Aurélie Moreau', phone: null, landline: false },
    ]);
  });

  it('office staff see every service and what each line makes billable', async () => {
    const services = await agent.get('/api/staff/attendance/services');
    expect(services.body.services).toHaveLength(5);
    const res = await agent.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=2026-11-24`);
    expect(res.status).toBe(200);
    const jade = res.body.entries.find((e: { childId: number }) => e.childId === d.jade);
    expect(jade.billing).toMatchObject({ billed: expect.any(Boolean), code: expect.any(String) });
  });

  it('a list of a service the animator is not assigned to: a clear refusal, for the list, the sheet and a tick', async () => {
    const before = await attendanceSnapshot();
    const res = await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('alsh_mercredi')}&date=2026-11-25`);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(
      "Vous n'êtes pas affecté(e) au service « ALSH du mercredi » : ses listes ne vous sont pas accessibles. Demandez à la mairie de vous y affecter.",
    );
    expect((await animateur.get(`/api/staff/attendance/sheets.pdf?serviceId=${d.service('alsh_mercredi')}&date=2026-11-25`)).status).toBe(403);
    const tick = await animateur.put(tickUrl('2026-11-25', d.unit('alsh_mercredi/journee'), d.leo), { state: 'present', version: null });
    expect(tick.status).toBe(403);
    expect(tick.body.message).toMatch(/pas affecté\(e\) au service « ALSH du mercredi »/);
    expect(await attendanceSnapshot()).toEqual(before);
  });

  it('office-only data stays closed to animators (meals, exports, CAF hours, assignments, families, dashboard)', async () => {
    for (const url of [
      `/api/staff/attendance/meals?date=${TODAY}`,
      `/api/staff/attendance/caf-hours?from=2026-11-01&to=2026-11-30`,
      `/api/staff/attendance/export.xlsx?serviceId=${d.service('restauration')}&from=2026-11-01&to=2026-11-30`,
      '/api/staff/attendance/assignments',
      '/api/staff/families',
      `/api/staff/families/${d.lefevre}`,
      '/api/staff/dashboard',
    ]) {
      const res = await animateur.get(url);
      expect(res.status, url).toBe(403);
      expect(JSON.stringify(res.body).toLowerCase(), url).not.toContain('iban');
    }
  });
});

describe('ticking', () => {
  it('saves each tap at once, with a version; the list read again (browser closed) shows it', async () => {
    const url = tickUrl(TODAY, repas(), d.leo);
    const first = await animateur.put(url, { state: 'present', version: null });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ childId: d.leo, attendance: { state: 'present', label: 'Présent', version: 1, recordedBy: 'Yann Le Goff' } });
    const second = await animateur.put(url, { state: 'absent_justified', justification: 'school', version: 1 });
    expect(second.status).toBe(200);
    expect(second.body.attendance).toMatchObject({ state: 'absent_justified', justification: 'school', label: "Absent : justifiée par l'école", version: 2 });

    const list = await agent.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=${TODAY}`);
    const leo = list.body.entries.find((e: { childId: number }) => e.childId === d.leo);
    expect(leo.attendance).toMatchObject({ state: 'absent_justified', version: 2 });
    // The guide: a cantine absence justified to the school is not billed.
    expect(leo.billing).toMatchObject({ billed: false, code: 'absent_justified' });

    const audit = await d.h.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'attendance').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['attendance.recorded', 'attendance.changed']);
    expect(audit[1]?.actor_label).toBe('Yann Le Goff');
  });

  it('a stale version is a 409 with a French message and the row as it is now; nothing is overwritten', async () => {
    const url = tickUrl(TODAY, repas(), d.leo);
    expect((await animateur.put(url, { state: 'present', version: null })).status).toBe(200);
    const stale = await agent.put(url, { state: 'absent_unjustified', version: null });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('conflict');
    expect(stale.body.message).toBe(
      "Le pointage de Léo Lefèvre vient d'être modifié par un autre membre de l’équipe : « Présent ». L'écran montre maintenant son état actuel ; recommencez si besoin.",
    );
    expect(stale.body.current).toMatchObject({ childId: d.leo, attendance: { state: 'present', version: 1 } });
    const row = await d.h.store.db.selectFrom('attendance').selectAll().where('child_id', '=', d.leo).where('date', '=', TODAY).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'present', version: 1 });
  });

  it('two animators at the same time: on the same child one wins and the other gets a 409; on different children both are saved', async () => {
    const listed = await agent.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=${TODAY}`);
    const [a, b] = listed.body.entries.filter((e: { attendance: unknown }) => e.attendance === null).map((e: { childId: number }) => e.childId);
    const same = await Promise.all([
      animateur.put(tickUrl(TODAY, repas(), a), { state: 'present', version: null }),
      agent.put(tickUrl(TODAY, repas(), a), { state: 'absent_unjustified', version: null }),
    ]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = same.find((r) => r.status === 200);
    const row = await d.h.store.db.selectFrom('attendance').selectAll().where('child_id', '=', a).where('date', '=', TODAY).execute();
    expect(row).toHaveLength(1);
    expect(row[0]?.state).toBe(winner?.body.attendance.state);

    // Same version 1 from two screens: again one 409.
    const again = await Promise.all([
      animateur.put(tickUrl(TODAY, repas(), a), { state: 'present', version: 1 }),
      agent.put(tickUrl(TODAY, repas(), a), { state: 'absent_justified', justification: 'illness', version: 1 }),
    ]);
    expect(again.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await d.h.store.db.selectFrom('attendance').select('version').where('child_id', '=', a).where('date', '=', TODAY).executeTakeFirstOrThrow()).version).toBe(2);

    const different = await Promise.all([
      animateur.put(tickUrl(TODAY, repas(), b), { state: 'present', version: null }),
      agent.put(tickUrl(TODAY, repas(), d.leo), { state: 'present', version: null }),
    ]);
    expect(different.map((r) => r.status)).toEqual([200, 200]);
  });

  it('présent non inscrit: found among the service’s families, added in one request, billed with the 1 € surcharge', async () => {
    const child = await unbookedCantineChild(TODAY);
    const search = await animateur.get(`/api/staff/attendance/children?serviceId=${d.service('restauration')}&q=${encodeURIComponent(child.first_name)}`);
    expect(search.status).toBe(200);
    const found = search.body.children.find((c: { childId: number }) => c.childId === child.id);
    expect(found).toMatchObject({ familyId: child.family_id, firstName: child.first_name, familyLabel: expect.stringMatching(/^Famille /) });

    const add = await animateur.put(tickUrl(TODAY, repas(), child.id), { state: 'present_unbooked', familyId: child.family_id, version: null });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body).toMatchObject({ childId: child.id, familyId: child.family_id, booking: null, attendance: { state: 'present_unbooked', label: 'Présent non inscrit' } });

    const list = await agent.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=${TODAY}`);
    const entry = list.body.entries.find((e: { childId: number }) => e.childId === child.id);
    expect(entry.billing).toEqual({ billed: true, surchargeCents: 100, code: 'present_unbooked', explanation: 'Présence sans réservation : facturée avec majoration' });

    // Added by mistake: removed with its version.
    const removed = await animateur.send('delete', tickUrl(TODAY, repas(), child.id), { version: 1 });
    expect(removed.status).toBe(200);
    expect(removed.body.entry).toBeNull();
  });

  it('bad input: a future day, a child neither booked nor added, a booked child as « non inscrit », unknown states → French message, nothing changed', async () => {
    const before = await attendanceSnapshot();
    const future = await animateur.put(tickUrl('2026-11-27', repas(), d.leo), { state: 'present', version: null });
    expect(future.status).toBe(400);
    expect(future.body.message).toBe("Impossible de pointer le 27/11/2026 : ce jour n'est pas encore arrivé. Le pointage se fait le jour même ou après.");

    const jade = await animateur.put(tickUrl(TODAY, repas(), d.jade), { state: 'present', version: null });
    expect(jade.status).toBe(400);
    expect(jade.body.message).toBe("Jade Lefèvre n'est pas inscrit(e) à « Repas » le 26/11/2026 : s'il (si elle) est là, ajoutez-le (la) comme présent non inscrit.");

    const leoUnbooked = await animateur.put(tickUrl(TODAY, repas(), d.leo), { state: 'present_unbooked', familyId: d.lefevre, version: null });
    expect(leoUnbooked.status).toBe(400);
    expect(leoUnbooked.body.message).toBe('Léo Lefèvre est inscrit(e) à « Repas » ce jour-là : pointez-le (la) présent(e) dans la liste.');

    const noFamily = await animateur.put(tickUrl(TODAY, repas(), d.jade), { state: 'present_unbooked', version: null });
    expect(noFamily.body.message).toBe('Choisissez la famille à facturer pour cet enfant présent non inscrit.');
    const wrongFamily = await animateur.put(tickUrl(TODAY, repas(), d.jade), { state: 'present_unbooked', familyId: 999999, version: null });
    expect(wrongFamily.status).toBe(400);

    const cases: [unknown, string][] = [
      [{ state: 'late', version: null }, 'État de présence inconnu : présent, absent justifié, absent non justifié ou présent non inscrit.'],
      [{ state: 'absent_justified', version: null }, "Précisez le motif de l'absence justifiée."],
      [{ state: 'present', justification: 'illness', version: null }, 'Un motif ne se donne que pour une absence justifiée.'],
      [{ state: 'absent_justified', justification: 'holiday', version: null }, "Motif d'absence inconnu : maladie, maladie avec certificat, justifiée par l'école ou autre."],
      [{ state: 'present' }, 'Version du pointage attendue (null si pas encore pointé).'],
      [{ state: 'present', version: null, note: 'x' }, 'Champ non reconnu : « note ».'],
    ];
    for (const [body, message] of cases) {
      const res = await animateur.put(tickUrl(TODAY, repas(), d.leo), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toBe(message);
    }
    expect((await animateur.put(`/api/staff/attendance/days/2026-13-01/units/${repas()}/children/${d.leo}`, { state: 'present', version: null })).body.message).toBe(
      'Date : date invalide (format AAAA-MM-JJ).',
    );
    expect((await animateur.put(tickUrl(TODAY, 999999, d.leo), { state: 'present', version: null })).status).toBe(404);
    expect((await animateur.get(`/api/staff/attendance/day?serviceId=abc&date=${TODAY}`)).body.message).toBe('Service : identifiant attendu.');
    expect(await attendanceSnapshot()).toEqual(before);
  });

  it('a future day’s list can be read (and printed) but says it cannot be ticked', async () => {
    const res = await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=2026-11-30`);
    expect(res.status).toBe(200);
    expect(res.body.tickable).toBe(false);
    expect(res.body.entries.length).toBeGreaterThan(0);
  });
});

describe('daily sheets PDF', () => {
  const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

  it.skipIf(!hasPdftotext)('a demo day: one line per booked child, alphabetical, with the right flags (checked with pdftotext)', async () => {
    const db = d.h.store.db;
    const DAY = '2026-11-24';
    // Léo's file: PAI, allergy, diet, may leave alone, no image rights, one authorized person.
    await db.updateTable('children').set({ may_leave_alone: 1, image_rights: 0, class_level: 'CE2' }).where('id', '=', d.leo).execute();
    await db
      .insertInto('medical_records')
      .values({ child_id: d.leo, allergies: 'arachide', has_pai: 1, pai_details: 'trousse au bureau', diet: 'sans_porc', updated_at: '2026-11-01T00:00:00Z', diet_details: null, doctor_name: null, doctor_phone: null, vaccinations_up_to_date: null, vaccination_notes: null, other_notes: null, pai_document_id: null })
      .onConflict((oc) => oc.column('child_id').doUpdateSet({ allergies: 'arachide', has_pai: 1, pai_details: 'trousse au bureau', diet: 'sans_porc', diet_details: null }))
      .execute();
    await db.deleteFrom('authorized_persons').where('child_id', '=', d.leo).execute();
    await db.insertInto('authorized_persons').values({ child_id: d.leo, first_name: 'Mamie', last_name: 'Rolland', mobile: '06 11 22 33 44', relationship: 'grand-mère', created_at: '2026-09-01T00:00:00Z' }).execute();
    await db.updateTable('children').set({ may_leave_alone: 0, image_rights: 1 }).where('id', '=', d.jade).execute();
    await db.deleteFrom('medical_records').where('child_id', '=', d.jade).execute();

    const res = await animateur.get(`/api/staff/attendance/sheets.pdf?serviceId=${d.service('restauration')}&date=${DAY}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="presences-restauration-scolaire-${DAY}.pdf"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-sheets-'));
    const file = path.join(dir, 'sheets.pdf');
    fs.writeFileSync(file, body);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(0);
    const text = out.stdout;
    expect(text).toContain('Mairie de Marelle-sur-Meu');
    expect(text).toContain('Feuille de présence — Restauration scolaire');
    expect(text).toContain('mardi 24 novembre 2026 (24/11/2026)');

    const booked = await db
      .selectFrom('bookings as b')
      .innerJoin('children as c', 'c.id', 'b.child_id')
      .select(['c.id', 'c.first_name', 'c.last_name'])
      .where('b.date', '=', DAY)
      .where('b.unit_id', '=', repas())
      .where('b.status', 'in', ['accepted', 'cancellation_pending', 'pending'])
      .execute();
    expect(booked.length).toBeGreaterThan(10);
    const lines = text.split('\n');
    const lineOf = (c: { first_name: string; last_name: string }) => lines.findIndex((l) => l.includes(`${c.last_name.toUpperCase()} ${c.first_name}`));
    for (const c of booked) {
      expect(lines.filter((l) => l.includes(`${c.last_name.toUpperCase()} ${c.first_name}`)), `${c.first_name} ${c.last_name}`).toHaveLength(1);
    }
    expect(text).toContain(`${booked.length} enfants inscrits`);
    // Alphabetical order.
    const order = [...booked].sort((a, b) => a.last_name.localeCompare(b.last_name, 'fr', { sensitivity: 'base' }) || a.first_name.localeCompare(b.first_name, 'fr', { sensitivity: 'base' }));
    const positions = order.map(lineOf);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    // A child's block runs from their line to the next child's.
    const block = (id: number) => {
      const i = order.findIndex((c) => c.id === id);
      const start = positions[i] ?? 0;
      const end = positions[i + 1] ?? lines.length;
      return lines.slice(start, end).join('\n');
    };
    const leo = block(d.leo);
    expect(leo).toMatch(/LEFÈVRE Léo\s+8 ans\s+CE2\s+Repas\s+PAI/);
    for (const flag of ['ALLERGIE : arachide', 'SANS PORC', 'Mamie Rolland (grand-mère) 06 11 22 33 44', 'PART SEUL', 'PAS DE PHOTO']) expect(leo).toContain(flag);
    // The parents to call: both homes for Léo (garde alternée), only the Lefèvre home for Jade.
    const phoneOf = async (firstName: string) =>
      (await db.selectFrom('guardians').select('phone_mobile').where('first_name', '=', firstName).executeTakeFirstOrThrow()).phone_mobile ?? '';
    const nicolas = await phoneOf('Nicolas');
    const aurelie = await phoneOf('Aurélie');
    expect(nicolas).toMatch(/^0\d( \d\d){4}$/);
    expect(leo).toMatch(new RegExp(`Nicolas Lefèvre\\s+${nicolas}`));
    expect(leo).toContain(aurelie);
    expect(text).toMatch(/\bParents\b/);
    const jade = block(d.jade);
    expect(jade).toContain(nicolas);
    expect(jade).not.toContain(aurelie);
    // Animators see the sheet: no e-mail, address or QF of the parents.
    const secrets = await db.selectFrom('guardians').innerJoin('families as f', 'f.id', 'guardians.family_id').select(['email', 'address_line1', 'caf_number']).where('f.id', '=', d.lefevre).execute();
    for (const r of secrets) for (const secret of [r.email, r.address_line1, r.caf_number]) if (secret) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/@|IBAN|quotient|\bQF\b|€/i);
    expect(jade).toContain('NE PART PAS SEUL');
    expect(jade).toContain('PHOTO OK');
    for (const flag of ['PAI', 'ALLERGIE', 'SANS PORC']) expect(jade).not.toContain(flag);
  });

  it('a unit of another service or an unknown group: 404 with a French message', async () => {
    const res = await agent.get(`/api/staff/attendance/sheets.pdf?serviceId=${d.service('restauration')}&date=${TODAY}&unitId=${d.unit('periscolaire/matin')}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe("Cet accueil n'appartient pas à ce service.");
  });
});

describe('kitchen count', () => {
  it('counts the day’s meals by diet (booked, minus absences, plus non inscrits), and a week Monday to Friday', async () => {
    const db = d.h.store.db;
    const booked = await db.selectFrom('bookings').select('child_id').where('date', '=', TODAY).where('unit_id', '=', repas()).where('status', '=', 'accepted').execute();
    await db.updateTable('medical_records').set({ diet: 'standard', has_pai: 0, allergies: null }).execute();
    await db
      .insertInto('medical_records')
      .values({ child_id: d.leo, allergies: null, has_pai: 0, pai_details: null, diet: 'vegetarien', updated_at: '2026-11-01T00:00:00Z', diet_details: null, doctor_name: null, doctor_phone: null, vaccinations_up_to_date: null, vaccination_notes: null, other_notes: null, pai_document_id: null })
      .onConflict((oc) => oc.column('child_id').doUpdateSet({ diet: 'vegetarien' }))
      .execute();
    const res = await agent.get(`/api/staff/attendance/meals?date=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(1);
    expect(res.body.days[0]).toMatchObject({ date: TODAY, total: booked.length, byCategory: { vegetarien: 1, standard: booked.length - 1, pai_allergies: 0 } });

    // Léo absent: one meal fewer; a child added non inscrit: one more.
    expect((await agent.put(tickUrl(TODAY, repas(), d.leo), { state: 'absent_justified', justification: 'illness', version: null })).status).toBe(200);
    const extra = await unbookedCantineChild(TODAY);
    expect((await agent.put(tickUrl(TODAY, repas(), extra.id), { state: 'present_unbooked', familyId: extra.family_id, version: null })).status).toBe(200);
    const after = await agent.get(`/api/staff/attendance/meals?date=${TODAY}`);
    expect(after.body.days[0]).toMatchObject({ total: booked.length, byCategory: { vegetarien: 0, standard: booked.length } });

    const week = await agent.get(`/api/staff/attendance/meals?date=${TODAY}&scope=week`);
    expect(week.body.days.map((x: { date: string }) => x.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(week.body.totals.total).toBe(week.body.days.reduce((n: number, x: { total: number }) => n + x.total, 0));

    const pdf = await agent.get(`/api/staff/attendance/meals.pdf?date=${TODAY}&scope=week`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await agent.get(`/api/staff/attendance/meals?date=${TODAY}&scope=month`)).body.message).toBe('Période : « day » (le jour) ou « week » (du lundi au vendredi).');
  });
});

describe('exports', () => {
  it('the attendance of a period per service, to Excel, with each line’s billable outcome', async () => {
    expect((await agent.put(tickUrl(TODAY, repas(), d.leo), { state: 'absent_unjustified', version: null })).status).toBe(200);
    const res = await download(agent, `/api/staff/attendance/export.xlsx?serviceId=${d.service('restauration')}&from=2026-11-23&to=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Présences');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Date', 'Accueil', 'Groupe', 'Nom', 'Prénom', 'Date de naissance', 'Âge', 'Classe', 'Famille (responsable)', 'Réservation', 'Pointage', 'Facturé', 'Majoration', 'Motif']);
    const rows: string[][] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    const leoToday = rows.find((r) => r[0] === '26/11/2026' && r[3] === 'Lefèvre' && r[4] === 'Léo');
    expect(leoToday?.slice(9)).toEqual(['ACCEPTÉE', 'Absent (non justifié)', 'Oui', '', 'Absence non justifiée : facturée']);
    expect(rows.some((r) => r[0] === '24/11/2026')).toBe(true);
    expect((await agent.get(`/api/staff/attendance/export.xlsx?serviceId=${d.service('restauration')}&from=2026-11-26&to=2026-11-01`)).body.message).toBe('La fin de la période précède son début.');
    expect((await agent.get(`/api/staff/attendance/export.xlsx?serviceId=${d.service('restauration')}&from=2026-01-01&to=2027-06-30`)).body.message).toBe(
      'La période ne peut pas dépasser 366 jours : découpez-la.',
    );
  });

  it('CAF hours of a sample month: périscolaire and extrascolaire, under six / six and over, whole sessions', async () => {
    const db = d.h.store.db;
    const add = (childId: number, familyId: number, serviceCode: string, unitCode: string, date: string, state: 'present' | 'present_unbooked' | 'absent_unjustified') =>
      db
        .insertInto('attendance')
        .values({ booking_id: null, family_id: familyId, child_id: childId, service_id: d.service(serviceCode), unit_id: d.unit(`${serviceCode}/${unitCode}`), group_id: null, date, state, justification: null, recorded_by: null, recorded_at: '2026-11-30T18:00:00Z', version: 1 })
        .execute();
    // Léo (8): two mornings (1 h 30) and a Wednesday day (11 h); one unjustified absence.
    await add(d.leo, d.lefevre, 'periscolaire', 'matin', '2026-11-02', 'present');
    await add(d.leo, d.lefevre, 'periscolaire', 'matin', '2026-11-03', 'present');
    await add(d.leo, d.lefevre, 'periscolaire', 'matin', '2026-11-05', 'absent_unjustified');
    await add(d.leo, d.lefevre, 'alsh_mercredi', 'journee', '2026-11-04', 'present');
    // Jade (4): two evenings (2 h 15), one of them without booking.
    await add(d.jade, d.lefevre, 'periscolaire', 'soir', '2026-11-02', 'present');
    await add(d.jade, d.lefevre, 'periscolaire', 'soir', '2026-11-03', 'present_unbooked');
    // Toussaint holidays (extrascolaire): Jade one day (11 h); October is outside the month.
    await add(d.jade, d.lefevre, 'alsh_vacances', 'journee', '2026-10-30', 'present');

    const res = await agent.get('/api/staff/attendance/caf-hours?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.body.children).toEqual([
      { childId: d.jade, lastName: 'Lefèvre', firstName: 'Jade', birthDate: '2022-06-03', regime: 'periscolaire', bracket: 'under_six', sessions: 2, hours: 4.5 },
      { childId: d.leo, lastName: 'Lefèvre', firstName: 'Léo', birthDate: '2018-04-12', regime: 'periscolaire', bracket: 'six_plus', sessions: 3, hours: 14 },
    ]);
    expect(res.body.totals).toEqual([
      { regime: 'periscolaire', bracket: 'under_six', children: 1, sessions: 2, hours: 4.5 },
      { regime: 'periscolaire', bracket: 'six_plus', children: 1, sessions: 3, hours: 14 },
      { regime: 'extrascolaire', bracket: 'under_six', children: 0, sessions: 0, hours: 0 },
      { regime: 'extrascolaire', bracket: 'six_plus', children: 0, sessions: 0, hours: 0 },
    ]);
    const oct = await agent.get('/api/staff/attendance/caf-hours?from=2026-10-01&to=2026-10-31');
    expect(oct.body.totals[2]).toEqual({ regime: 'extrascolaire', bracket: 'under_six', children: 1, sessions: 1, hours: 11 });

    const xlsx = await download(agent, '/api/staff/attendance/caf-hours.xlsx?from=2026-11-01&to=2026-11-30');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Synthèse')?.getRow(3).values).toEqual([undefined, 'Périscolaire', '6 ans et plus', 1, 3, 14]);
  });
});

describe('assignments', () => {
  it('the admin assigns an animator to services; the animator then sees that list', async () => {
    const admin = await staffLogin('admin@mairie.demo');
    const list = await admin.get('/api/staff/attendance/assignments');
    expect(list.status).toBe(200);
    const yann = list.body.animators.find((a: { email: string }) => a.email === 'animateur@mairie.demo');
    expect(yann.serviceIds.sort()).toEqual([d.service('restauration'), d.service('periscolaire')].sort());
    const set = await admin.put(`/api/staff/attendance/assignments/${yann.staffId}`, { serviceIds: [d.service('alsh_mercredi')] });
    expect(set.status).toBe(200);
    expect(set.body.serviceIds).toEqual([d.service('alsh_mercredi')]);
    expect((await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('alsh_mercredi')}&date=2026-11-25`)).status).toBe(200);
    expect((await animateur.get(`/api/staff/attendance/day?serviceId=${d.service('restauration')}&date=2026-11-25`)).status).toBe(403);
    expect((await agent.put(`/api/staff/attendance/assignments/${yann.staffId}`, { serviceIds: [] })).status).toBe(403);
    const adminId = (await d.h.store.db.selectFrom('staff_users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect((await admin.put(`/api/staff/attendance/assignments/${adminId}`, { serviceIds: [] })).body.message).toBe(
      "Seuls les animateurs sont affectés à des services : l'administration et les agents voient toutes les listes.",
    );
  });
});
