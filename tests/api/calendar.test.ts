import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_SOURCE } from '../../shared/calendar/store';
import { COMMUNE } from '../../shared/settings/definitions';
import { getSetting } from '../../shared/settings/settings';
import { staffClient, type Client } from '../support/client';
import { addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const HEADER = 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire';

/**
 * An excerpt of the Ministry's export as it is published: instants in UTC (Paris midnight is
 * 22:00 or 23:00 the day before), one row per académie, the end date being the day school
 * restarts, the summer holiday for pupils and for teachers, rentrée rows, Corsica and overseas.
 */
const OFFICIAL_CSV = [
  HEADER,
  'Rentrée scolaire des élèves;Élèves;2026-08-31T22:00:00+00:00;;Rennes;Zone B;2026-2027',
  'Prérentrée des enseignants;Enseignants;2026-08-30T22:00:00+00:00;;Rennes;Zone B;2026-2027',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Nantes;Zone B;2026-2027',
  'Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Rennes;Zone B;2026-2027',
  'Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Nantes;Zone B;2026-2027',
  "Vacances d'Hiver;-;2027-02-19T23:00:00+00:00;2027-03-07T23:00:00+00:00;Rennes;Zone B;2026-2027",
  'Vacances de Printemps;-;2027-04-16T22:00:00+00:00;2027-05-02T22:00:00+00:00;Rennes;Zone B;2026-2027',
  "Pont de l'Ascension;-;2027-05-05T22:00:00+00:00;2027-05-09T22:00:00+00:00;Rennes;Zone B;2026-2027",
  "Vacances d'Été;Élèves;2027-07-02T22:00:00+00:00;;Rennes;Zone B;2026-2027",
  "Vacances d'Été;Enseignants;2027-07-02T22:00:00+00:00;;Rennes;Zone B;2026-2027",
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lyon;Zone A;2026-2027',
  'Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Lyon;Zone A;2026-2027',
  "Vacances d'Hiver;-;2027-02-05T23:00:00+00:00;2027-02-21T23:00:00+00:00;Lyon;Zone A;2026-2027",
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Corse;Corse;2026-2027',
  'Vacances de la Toussaint;-;2026-10-17T04:00:00+00:00;2026-11-02T04:00:00+00:00;La Réunion;La Réunion;2026-2027',
].join('\r\n');

async function staff(role: 'admin' | 'agent' | 'animateur' = 'admin'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

/** A multipart upload as the back-office sends it, with the client's cookies and CSRF token. */
function upload(client: Client, content: string | Buffer, name = 'fr-en-calendrier-scolaire.csv', contentType = 'text/csv') {
  const names = ['marelle_staff_session', 'marelle_staff_csrf'];
  const cookie = names.map((n) => `${n}=${client.cookie(n) ?? ''}`).join('; ');
  return supertest(h.backoffice)
    .post('/api/staff/calendar/school-holidays/import')
    .set('Cookie', cookie)
    .set('x-csrf-token', client.cookie('marelle_staff_csrf') ?? '')
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), { filename: name, contentType });
}

const rows = () =>
  h.store.db
    .selectFrom('school_holidays')
    .selectAll()
    .orderBy('zone')
    .orderBy('first_day_off')
    .execute();
const imports = () => h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.school_holidays_imported').execute();

/** What the store holds before the import: a year the file does not bring, and a stale year it replaces. */
async function seedStored(): Promise<void> {
  await h.store.db
    .insertInto('school_holidays')
    .values([
      { zone: 'B', school_year: '2027-2028', name: 'Vacances de la Toussaint', first_day_off: '2027-10-23', last_day_off: '2027-11-07', source: 'officiel' },
      { zone: 'B', school_year: '2026-2027', name: 'Vacances de la Toussaint', first_day_off: '2026-10-17', last_day_off: '2026-11-01', source: 'officiel' },
      // Wrong dates (a draft calendar) and a holiday the new file no longer has.
      { zone: 'B', school_year: '2026-2027', name: 'Vacances de Noël', first_day_off: '2026-12-20', last_day_off: '2027-01-03', source: 'officiel' },
      { zone: 'B', school_year: '2026-2027', name: 'Pont de la Toussaint', first_day_off: '2026-11-11', last_day_off: '2026-11-11', source: 'officiel' },
    ])
    .execute();
}

describe('importing the official school calendar', () => {
  it('stores Paris dates with the last day off (restart − 1), replaces the years of the file and keeps the others', async () => {
    await seedStored();
    const admin = await staff('admin');
    const res = await upload(admin, OFFICIAL_CSV);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      source: 'fichier « fr-en-calendrier-scolaire.csv » importé le 26/11/2026',
      holidays: 9,
      changed: true,
      items: [
        { zone: 'A', schoolYear: '2026-2027', added: 3, updated: 0, unchanged: 0, removed: 0 },
        { zone: 'B', schoolYear: '2026-2027', added: 4, updated: 1, unchanged: 1, removed: 1 },
      ],
    });

    const stored = (await rows()).map((r) => [r.zone, r.school_year, r.name, r.first_day_off, r.last_day_off]);
    expect(stored).toEqual([
      ['A', '2026-2027', 'Vacances de la Toussaint', '2026-10-17', '2026-11-01'],
      ['A', '2026-2027', 'Vacances de Noël', '2026-12-19', '2027-01-03'],
      ['A', '2026-2027', "Vacances d'Hiver", '2027-02-06', '2027-02-21'],
      ['B', '2026-2027', 'Vacances de la Toussaint', '2026-10-17', '2026-11-01'],
      ['B', '2026-2027', 'Vacances de Noël', '2026-12-19', '2027-01-03'],
      ['B', '2026-2027', "Vacances d'Hiver", '2027-02-20', '2027-03-07'],
      ['B', '2026-2027', 'Vacances de Printemps', '2027-04-17', '2027-05-02'],
      ['B', '2026-2027', "Pont de l'Ascension", '2027-05-06', '2027-05-09'],
      ['B', '2026-2027', "Vacances d'Été", '2027-07-03', null],
      // Not in the file: kept as it was.
      ['B', '2027-2028', 'Vacances de la Toussaint', '2027-10-23', '2027-11-07'],
    ]);
    // The unchanged Toussaint keeps its origin; new and updated rows name the file.
    const sources = new Map((await rows()).map((r) => [`${r.zone} ${r.school_year} ${r.name}`, r.source]));
    expect(sources.get('B 2026-2027 Vacances de la Toussaint')).toBe('officiel');
    expect(sources.get('B 2026-2027 Vacances de Noël')).toBe('fichier « fr-en-calendrier-scolaire.csv » importé le 26/11/2026');
    expect(sources.get('B 2027-2028 Vacances de la Toussaint')).toBe('officiel');

    const audit = await imports();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'staff', actor_label: 'Test admin', entity_type: 'school_holidays', at: new Date(NOW).toISOString() });
    const changes = JSON.parse(audit[0]!.changes ?? '{}') as Record<string, [unknown, unknown]>;
    expect(changes['B 2026-2027 Vacances de Noël']).toEqual([
      { firstDayOff: '2026-12-20', lastDayOff: '2027-01-03' },
      { firstDayOff: '2026-12-19', lastDayOff: '2027-01-03' },
    ]);
    expect(changes['B 2026-2027 Pont de la Toussaint']).toEqual([{ firstDayOff: '2026-11-11', lastDayOff: '2026-11-11' }, null]);
    expect(changes['B 2026-2027 Vacances de la Toussaint']).toBeUndefined();
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const admin = await staff('admin');
    expect((await upload(admin, OFFICIAL_CSV)).status).toBe(200);
    const before = await rows();
    const again = await upload(admin, OFFICIAL_CSV, 'copie.csv');
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(again.body.items).toEqual([
      { zone: 'A', schoolYear: '2026-2027', added: 0, updated: 0, unchanged: 3, removed: 0 },
      { zone: 'B', schoolYear: '2026-2027', added: 0, updated: 0, unchanged: 6, removed: 0 },
    ]);
    expect(await rows()).toEqual(before);
    // Each import is traced, even one that changed nothing.
    expect(await imports()).toHaveLength(2);
  });

  it('reads the JSON export too, UTC instants included', async () => {
    const admin = await staff('admin');
    const json = JSON.stringify([
      { description: 'Vacances de la Toussaint', population: '-', start_date: '2026-10-16T22:00:00+00:00', end_date: '2026-11-01T23:00:00+00:00', location: 'Créteil', zones: 'Zone C', annee_scolaire: '2026-2027' },
      { description: 'Rentrée scolaire des élèves', population: 'Élèves', start_date: '2026-08-31T22:00:00+00:00', end_date: null, location: 'Créteil', zones: 'Zone C', annee_scolaire: '2026-2027' },
    ]);
    const res = await upload(admin, json, 'fr-en-calendrier-scolaire.json', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ zone: 'C', schoolYear: '2026-2027', added: 1, updated: 0, unchanged: 0, removed: 0 }]);
    expect((await rows()).map((r) => [r.zone, r.first_day_off, r.last_day_off])).toEqual([['C', '2026-10-17', '2026-11-01']]);
  });

  it('refuses a file that is not the official export with a French sentence, and changes nothing', async () => {
    await seedStored();
    const admin = await staff('admin');
    const before = await rows();
    const bad: [content: string | Buffer, expected: RegExp][] = [
      ['nom;prénom\nDupont;Jean\n', /n'est pas un export du calendrier scolaire.*colonnes manquantes/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), /fichier binaire/],
      ['{"description": ', /JSON est illisible/],
      [`${HEADER}\nVacances de Noël;-;le 19 décembre;2027-01-03T23:00:00+00:00;Rennes;Zone B;2026-2027\n`, /Ligne 2 : Date de début illisible/],
      ['BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', /format ICS n'est pas pris en charge/],
    ];
    for (const [content, expected] of bad) {
      const res = await upload(admin, content);
      expect(res.status, String(expected)).toBe(400);
      expect(res.body.error).toBe('validation');
      expect(res.body.message).toMatch(expected);
      expect(res.body.message).toMatch(/Rien n’a été importé|rien n’a été importé|ICS/);
    }
    expect(await rows()).toEqual(before);
    expect(await imports()).toHaveLength(0);
  });

  it('refuses an empty form, an empty file and a file over 5 MB', async () => {
    const admin = await staff('admin');
    const names = ['marelle_staff_session', 'marelle_staff_csrf'];
    const cookie = names.map((n) => `${n}=${admin.cookie(n) ?? ''}`).join('; ');
    const noFile = await supertest(h.backoffice)
      .post('/api/staff/calendar/school-holidays/import')
      .set('Cookie', cookie)
      .set('x-csrf-token', admin.cookie('marelle_staff_csrf') ?? '')
      .field('note', 'x');
    expect(noFile.status).toBe(400);
    const json = await admin.post('/api/staff/calendar/school-holidays/import', { file: OFFICIAL_CSV });
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/formulaire d'import/);
    const empty = await upload(admin, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Le fichier envoyé est vide.');
    const big = await upload(admin, Buffer.alloc(5 * 1024 * 1024 + 10, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/dépasse 5 Mo/);
    expect(await rows()).toEqual([]);
  });
});

describe('reading the school calendar', () => {
  it("lists the zone's holidays: stored years over the shipped data, with the restart day", async () => {
    const agent = await staff('agent');
    const shipped = await agent.get('/api/staff/calendar/school-holidays');
    expect(shipped.status).toBe(200);
    expect(shipped.body.zone).toBe('B');
    expect(shipped.body.communeZone).toBe('B');
    expect(shipped.body.schoolYears).toEqual(['2026-2027', '2027-2028']);
    expect(shipped.body.items[0]).toEqual({
      zone: 'B',
      schoolYear: '2026-2027',
      name: 'Vacances de la Toussaint',
      firstDayOff: '2026-10-17',
      lastDayOff: '2026-11-01',
      restartDate: '2026-11-02',
      source: SHIPPED_SOURCE,
    });

    // A stored year replaces the shipped one as a whole; the other shipped year stays.
    await h.store.db
      .insertInto('school_holidays')
      .values({ zone: 'B', school_year: '2026-2027', name: 'Vacances de la Toussaint', first_day_off: '2026-10-17', last_day_off: '2026-11-01', source: 'officiel' })
      .execute();
    const merged = await agent.get('/api/staff/calendar/school-holidays?schoolYear=2026-2027');
    expect(merged.body.items).toHaveLength(1);
    expect(merged.body.items[0].source).toBe('officiel');
    const next = await agent.get('/api/staff/calendar/school-holidays?schoolYear=2027-2028');
    expect(next.body.items.map((i: { name: string }) => i.name)).toContain("Vacances d'Été");
    expect(next.body.items.find((i: { name: string }) => i.name === "Vacances d'Été")).toMatchObject({ lastDayOff: null, restartDate: null });

    const zoneA = await agent.get('/api/staff/calendar/school-holidays?zone=A');
    expect(zoneA.body).toMatchObject({ zone: 'A', communeZone: 'B', items: [] });
    const bad = await agent.get('/api/staff/calendar/school-holidays?zone=D&schoolYear=2026');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Choisissez la zone A, B ou C.');
  });

  it('computes the public holidays of a year, Easter-based ones included, with their weekday', async () => {
    const agent = await staff('agent');
    const res = await agent.get('/api/staff/calendar/public-holidays?year=2027');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2027);
    expect(res.body.items).toHaveLength(11);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { date: '2027-03-29', name: 'Lundi de Pâques', weekday: 'lundi' },
        { date: '2027-05-06', name: 'Ascension', weekday: 'jeudi' },
        { date: '2027-05-17', name: 'Lundi de Pentecôte', weekday: 'lundi' },
        { date: '2027-11-11', name: 'Armistice 1918', weekday: 'jeudi' },
      ]),
    );
    // Without a year: the current year of the (fixed) clock.
    const current = await agent.get('/api/staff/calendar/public-holidays');
    expect(current.body.year).toBe(2026);
    expect(current.body.items).toContainEqual({ date: '2026-11-11', name: 'Armistice 1918', weekday: 'mercredi' });
    for (const year of ['abc', '20270', '1500']) {
      const bad = await agent.get(`/api/staff/calendar/public-holidays?year=${year}`);
      expect(bad.status, year).toBe(400);
      expect(bad.body.message).toMatch(/^L'année doit être un nombre entier entre 1900 et 2200/);
    }
  });
});

describe("the commune's zone", () => {
  it('is changed by an admin, audited, and refused when it is not A, B or C', async () => {
    const admin = await staff('admin');
    const res = await admin.put('/api/staff/calendar/zone', { zone: 'A' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ zone: 'A' });
    expect((await getSetting(h.store.db, COMMUNE)).schoolZone).toBe('A');
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.school_zone_changed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes ?? '{}')).toEqual({ schoolZone: ['B', 'A'] });
    expect((await admin.get('/api/staff/calendar/school-holidays')).body.zone).toBe('A');

    // The same zone again: nothing to record.
    expect((await admin.put('/api/staff/calendar/zone', { zone: 'A' })).status).toBe(200);
    for (const body of [{ zone: 'D' }, { zone: 'a' }, {}, { zone: 'B', extra: 1 }]) {
      const bad = await admin.put('/api/staff/calendar/zone', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error).toBe('validation');
    }
    expect((await admin.put('/api/staff/calendar/zone', { zone: 'D' })).body.message).toBe('Choisissez la zone A, B ou C.');
    expect((await getSetting(h.store.db, COMMUNE)).schoolZone).toBe('A');
    expect(await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.school_zone_changed').execute()).toHaveLength(1);
  });
});

describe('roles', () => {
  it('an agent reads the calendar but gets 403 on the import and the zone', async () => {
    const agent = await staff('agent');
    expect((await agent.get('/api/staff/calendar/public-holidays?year=2027')).status).toBe(200);
    expect((await agent.get('/api/staff/calendar/school-holidays')).status).toBe(200);
    expect((await upload(agent, OFFICIAL_CSV)).status).toBe(403);
    expect((await agent.put('/api/staff/calendar/zone', { zone: 'A' })).status).toBe(403);
    expect(await rows()).toEqual([]);
    expect((await getSetting(h.store.db, COMMUNE)).schoolZone).toBe('B');
  });

  it('an animateur gets 403 everywhere', async () => {
    const animateur = await staff('animateur');
    expect((await animateur.get('/api/staff/calendar/public-holidays?year=2027')).status).toBe(403);
    expect((await animateur.get('/api/staff/calendar/school-holidays')).status).toBe(403);
    expect((await upload(animateur, OFFICIAL_CSV)).status).toBe(403);
    expect((await animateur.put('/api/staff/calendar/zone', { zone: 'A' })).status).toBe(403);
    expect(await rows()).toEqual([]);
  });

  it('without a session, 401', async () => {
    expect((await supertest(h.backoffice).get('/api/staff/calendar/public-holidays')).status).toBe(401);
  });
});
