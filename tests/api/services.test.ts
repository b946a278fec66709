import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../shared/demo/seed';
import { staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function staff(role: 'admin' | 'agent' | 'animateur' = 'admin'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

const count = (sql: string, ...params: unknown[]): number => (h.store.sqlite.prepare(sql).get(...params) as { n: number }).n;
const rows = <T>(sql: string, ...params: unknown[]): T[] => h.store.sqlite.prepare(sql).all(...params) as T[];

/** Everything the configuration stores, to prove that a refused request changed nothing. */
function snapshot(): string {
  return JSON.stringify(
    ['services', 'periods', 'units', 'unit_incompatibilities', 'groups', 'opening_days', 'opening_day_activities', 'staffing_rules', 'tariff_grids', 'audit_log'].map(
      (t) => rows(`SELECT * FROM ${t} ORDER BY 1`),
    ),
  );
}

const BASE = '/api/staff/services';

async function createAlsh(admin: Client): Promise<number> {
  const res = await admin.post(BASE, { name: 'ALSH du mercredi', code: 'alsh_mercredi', kind: 'alsh_mercredi' });
  expect(res.status).toBe(201);
  return res.body.service.id as number;
}

const WEDNESDAYS_OCT_NOV = {
  name: 'Mercredis octobre-novembre 2026',
  kind: 'other',
  startDate: '2026-10-01',
  endDate: '2026-11-30',
  dayPattern: 'wednesdays',
};

interface Day {
  date: string;
  status: string;
  note: string | null;
  holiday: string | null;
  manual: boolean;
  bookings: number;
}

async function calendar(client: Client, serviceId: number, periodId: number): Promise<Day[]> {
  const res = await client.get(`${BASE}/${serviceId}/periods/${periodId}/opening-days`);
  expect(res.status).toBe(200);
  return res.body.days as Day[];
}

const openDates = (days: Day[]) => days.filter((d) => d.status === 'open').map((d) => d.date);

describe('services — rules and defaults', () => {
  it('creates a service with the guide’s defaults for its kind, lists it, reads it, changes its rules (audited)', async () => {
    const admin = await staff();
    const res = await admin.post(BASE, { name: 'Restauration scolaire', code: 'cantine', kind: 'restauration', contactPhone: '02.61.91.00.12' });
    expect(res.status).toBe(201);
    expect(res.body.service).toMatchObject({
      name: 'Restauration scolaire',
      code: 'cantine',
      kind: 'restauration',
      deadlineDays: 7,
      lateBookingPolicy: 'surcharge',
      lateBookingSurchargeCents: 100,
      unbookedPresenceSurchargeCents: 100,
      lateCancellationPolicy: 'billed',
      approvalMode: 'automatic',
      bookingsFinal: false,
      active: true,
      contactPhone: '02 61 91 00 12',
    });
    expect(res.body).toMatchObject({ periods: [], units: [], groups: [], staffing: { ratioRegime: 'none', rows: [] } });
    const id = res.body.service.id as number;

    const list = await admin.get(BASE);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id, name: 'Restauration scolaire', kind: 'restauration', periods: 0 })]);

    const put = await admin.put(`${BASE}/${id}`, { deadlineDays: 3, lateBookingPolicy: 'refuse' });
    expect(put.status).toBe(200);
    expect(put.body.service).toMatchObject({ deadlineDays: 3, lateBookingPolicy: 'refuse', lateBookingSurchargeCents: 100, name: 'Restauration scolaire' });
    const audit = rows<{ action: string; entity_type: string; changes: string }>(
      "SELECT action, entity_type, changes FROM audit_log WHERE entity_type = 'service' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(['service.created', 'service.updated']);
    expect(JSON.parse(audit[1]!.changes)).toEqual({ deadlineDays: [7, 3], lateBookingPolicy: ['surcharge', 'refuse'] });

    // Saving the same values writes nothing.
    await admin.put(`${BASE}/${id}`, { deadlineDays: 3 });
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'service'")).toBe(2);
  });

  it('refuses a code already used, a deadline of -1 day and unknown fields, changing nothing', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const before = snapshot();

    const duplicate = await admin.post(BASE, { name: 'Autre', code: 'alsh_mercredi', kind: 'autre' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('Le code « alsh_mercredi » est déjà celui du service « ALSH du mercredi ».');

    const deadline = await admin.put(`${BASE}/${id}`, { deadlineDays: -1 });
    expect(deadline.status).toBe(400);
    expect(deadline.body).toMatchObject({ error: 'validation', message: 'Le délai doit être un nombre de jours positif ou nul.' });
    expect(deadline.body.issues[0].path).toBe('deadlineDays');

    const unknown = await admin.put(`${BASE}/${id}`, { deadlineDays: 5, status: 'open' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Champ non reconnu : « status ».');

    const negative = await admin.post(BASE, { name: 'Cantine', code: 'cantine', kind: 'restauration', lateBookingSurchargeCents: -100 });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toBe('Majoration hors délai : le montant doit être positif ou nul.');

    expect(snapshot()).toBe(before);
  });

  it('answers 404 for an unknown service', async () => {
    const admin = await staff();
    expect((await admin.get(`${BASE}/999`)).status).toBe(404);
    expect((await admin.get(`${BASE}/abc`)).status).toBe(404);
    expect((await admin.put(`${BASE}/999`, { deadlineDays: 3 })).body.message).toBe('Service introuvable.');
  });
});

describe('services — units, incompatibilities, groups, staffing', () => {
  it('stores incompatibilities both ways: journée excludes matin means matin excludes journée', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const unit = async (code: string, name: string, startTime: string | null, endTime: string | null, incompatibleWith: number[] = []) => {
      const res = await admin.post(`${BASE}/${id}/units`, { code, name, kind: 'accueil', startTime, endTime, incompatibleWith });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    const matin = await unit('matin', 'Matin', '07:30', '12:00');
    const apresMidi = await unit('apres_midi', 'Après-midi', '13:30', '18:30');
    const journee = await unit('journee', 'Journée', '07:30', '18:30', [matin]);

    let detail = (await admin.get(`${BASE}/${id}`)).body;
    const byCode = (code: string) => detail.units.find((u: { code: string }) => u.code === code);
    expect(byCode('journee').incompatibleWith).toEqual([matin]);
    expect(byCode('matin').incompatibleWith).toEqual([journee]);
    expect(count('SELECT COUNT(*) AS n FROM unit_incompatibilities')).toBe(2);

    // Ticked from the other side: après-midi excludes journée.
    const set = await admin.put(`${BASE}/${id}/units/${apresMidi}/incompatibilities`, { unitIds: [journee] });
    expect(set.status).toBe(200);
    detail = (await admin.get(`${BASE}/${id}`)).body;
    expect(byCode('journee').incompatibleWith).toEqual([matin, apresMidi]);
    expect(count('SELECT COUNT(*) AS n FROM unit_incompatibilities')).toBe(4);

    const before = snapshot();
    const self = await admin.put(`${BASE}/${id}/units/${matin}/incompatibilities`, { unitIds: [matin] });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe('Un accueil ne peut pas être incompatible avec lui-même.');

    const times = await admin.put(`${BASE}/${id}/units/${matin}`, { code: 'matin', name: 'Matin', kind: 'accueil', startTime: '12:00', endTime: '07:30' });
    expect(times.status).toBe(400);
    expect(times.body.message).toBe("L'heure de fin doit être postérieure à l'heure de début.");
    expect(times.body.issues[0].path).toBe('endTime');

    const other = await admin.post(BASE, { name: 'Périscolaire', code: 'periscolaire', kind: 'periscolaire' });
    const foreign = await admin.put(`${BASE}/${other.body.service.id}/units/${matin}`, { code: 'matin', name: 'Matin', kind: 'accueil', startTime: null, endTime: null });
    expect(foreign.status).toBe(404);
    // (the other service was created above: compare without it)
    expect(count('SELECT COUNT(*) AS n FROM units')).toBe(3);
    expect(JSON.parse(snapshot())[2]).toEqual(JSON.parse(before)[2]);

    // Deleting a unit removes its incompatibilities on both sides.
    expect((await admin.send('delete', `${BASE}/${id}/units/${journee}`)).status).toBe(204);
    expect(count('SELECT COUNT(*) AS n FROM unit_incompatibilities')).toBe(0);
  });

  it('edits age groups and staffing ratios, with the legal ones as defaults', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const g1 = await admin.post(`${BASE}/${id}/groups`, { name: '3-5 ans', minAge: 3, maxAge: 5, maxPlaces: 24 });
    expect(g1.status).toBe(201);
    const g2 = await admin.post(`${BASE}/${id}/groups`, { name: '6-11 ans', minAge: 6, maxAge: 11, maxPlaces: 48 });
    const bad = await admin.put(`${BASE}/${id}/groups/${g1.body.id}`, { name: '3-5 ans', minAge: 6, maxAge: 5, maxPlaces: 24 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("L'âge maximum doit être supérieur ou égal à l'âge minimum.");

    let staffing = (await admin.get(`${BASE}/${id}/staffing`)).body;
    expect(staffing.legal).toEqual({ short: { underSix: 10, sixPlus: 14 }, long: { underSix: 8, sixPlus: 12 } });
    expect(staffing.rows.map((r: { name: string }) => r.name)).toEqual(['Tout le service', '3-5 ans', '6-11 ans']);
    expect(staffing.rows[1].sessions[1]).toMatchObject({ longSession: true, rule: null, effective: { underSix: 8, sixPlus: 12 }, source: 'legal' });

    // A PEDT relaxes the legal ratios.
    await admin.put(`${BASE}/${id}`, { pedt: true });
    staffing = (await admin.get(`${BASE}/${id}/staffing`)).body;
    expect(staffing.legal).toEqual({ short: { underSix: 14, sixPlus: 18 }, long: { underSix: 10, sixPlus: 14 } });

    const put = await admin.put(`${BASE}/${id}/staffing`, {
      rules: [
        { groupId: null, longSession: true, underSixPerAnimator: 8, sixPlusPerAnimator: 12 },
        { groupId: g2.body.id, longSession: true, underSixPerAnimator: 8, sixPlusPerAnimator: 16 },
      ],
    });
    expect(put.status).toBe(200);
    const g2Row = put.body.rows.find((r: { groupId: number | null }) => r.groupId === g2.body.id);
    expect(g2Row.sessions[1]).toMatchObject({ rule: { underSix: 8, sixPlus: 16 }, source: 'group', exceedsLegal: true });
    const g1Row = put.body.rows.find((r: { groupId: number | null }) => r.groupId === g1.body.id);
    expect(g1Row.sessions[1]).toMatchObject({ rule: null, effective: { underSix: 8, sixPlus: 12 }, source: 'service', exceedsLegal: false });
    expect(count('SELECT COUNT(*) AS n FROM staffing_rules WHERE service_id = ?', id)).toBe(2);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'staffing.updated'")).toBe(1);

    const zero = await admin.put(`${BASE}/${id}/staffing`, { rules: [{ groupId: null, longSession: false, underSixPerAnimator: 0, sixPlusPerAnimator: 12 }] });
    expect(zero.status).toBe(400);
    expect(count('SELECT COUNT(*) AS n FROM staffing_rules WHERE service_id = ?', id)).toBe(2);
  });
});

describe('periods and opening days', () => {
  it('opens the Wednesdays of October–November 2026 except the Toussaint holidays and 11 November', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const res = await admin.post(`${BASE}/${id}/periods`, WEDNESDAYS_OCT_NOV);
    expect(res.status).toBe(201);
    expect(res.body.period).toMatchObject({ schoolYear: '2026-2027', openDays: 5, closedDays: 0, weekdays: null });
    expect(res.body.regeneration).toMatchObject({ added: ['2026-10-07', '2026-10-14', '2026-11-04', '2026-11-18', '2026-11-25'], removed: [], warnings: [] });

    const days = await calendar(admin, id, res.body.period.id);
    expect(days).toHaveLength(61);
    expect(openDates(days)).toEqual(['2026-10-07', '2026-10-14', '2026-11-04', '2026-11-18', '2026-11-25']);
    const day = (date: string) => days.find((d) => d.date === date)!;
    // Toussaint 2026, zone B: from Saturday 17 October to Sunday 1 November.
    expect(day('2026-10-21')).toMatchObject({ status: 'school_holiday', holiday: 'Vacances de la Toussaint' });
    expect(day('2026-10-28')).toMatchObject({ status: 'school_holiday' });
    expect(day('2026-11-11')).toMatchObject({ status: 'public_holiday', holiday: 'Armistice 1918' });
    expect(day('2026-10-08')).toMatchObject({ status: 'no_service' });
    expect(count('SELECT COUNT(*) AS n FROM opening_days WHERE period_id = ?', res.body.period.id)).toBe(5);
  });

  it('refuses a period ending before it starts, with the French sentence, and stores nothing', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const before = snapshot();
    const res = await admin.post(`${BASE}/${id}/periods`, { ...WEDNESDAYS_OCT_NOV, startDate: '2026-11-30', endDate: '2026-10-01' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation', message: 'La date de fin doit être postérieure à la date de début.' });
    expect(res.body.issues[0].path).toBe('endDate');
    const unknown = await admin.post(`${BASE}/${id}/periods`, { ...WEDNESDAYS_OCT_NOV, serviceId: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Champ non reconnu : « serviceId ».');
    expect(snapshot()).toBe(before);
  });

  it('closes and opens days by hand; regenerating keeps those days and the booked ones, and reports the latter', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const created = await admin.post(`${BASE}/${id}/periods`, WEDNESDAYS_OCT_NOV);
    const periodId = created.body.period.id as number;
    const dayUrl = (date: string) => `${BASE}/${id}/periods/${periodId}/opening-days/${date}`;

    const closed = await admin.put(dayUrl('2026-11-18'), { closed: true, note: 'Journée pédagogique' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ date: '2026-11-18', status: 'closed', note: 'Journée pédagogique', manual: true });
    // A holiday Wednesday opened exceptionally.
    const opened = await admin.put(dayUrl('2026-10-21'), { closed: false, note: 'Ouverture exceptionnelle' });
    expect(opened.body).toMatchObject({ status: 'open', manual: true });
    const outside = await admin.put(dayUrl('2026-12-02'), { closed: true });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toMatch(/en dehors de la période/);

    // A family booked 25 November.
    const { familyId } = await addFamily(h.store, 'parent@example.fr');
    const child = h.store.sqlite
      .prepare("INSERT INTO children (last_name, first_name, birth_date, created_at, updated_at) VALUES ('Durand', 'Léa', '2018-05-02', ?, ?)")
      .run(NOW, NOW).lastInsertRowid;
    h.store.sqlite.prepare('INSERT INTO family_children (family_id, child_id, linked_at) VALUES (?, ?, ?)').run(familyId, child, NOW);
    const unit = await admin.post(`${BASE}/${id}/units`, { code: 'journee', name: 'Journée', kind: 'accueil', startTime: '07:30', endTime: '18:30' });
    h.store.sqlite
      .prepare(
        "INSERT INTO bookings (family_id, child_id, service_id, period_id, unit_id, date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-11-25', 'accepted', ?, ?)",
      )
      .run(familyId, child, id, periodId, unit.body.id, NOW, NOW);

    // Regenerating as it is changes nothing.
    const same = await admin.post(`${BASE}/${id}/periods/${periodId}/opening-days/regenerate`);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ added: [], removed: [], keptEdited: ['2026-10-21'], keptWithBookings: [] });

    // The period now ends on 20 November: 25 November has a booking and stays, reported.
    const put = await admin.put(`${BASE}/${id}/periods/${periodId}`, { ...WEDNESDAYS_OCT_NOV, endDate: '2026-11-20' });
    expect(put.status).toBe(200);
    expect(put.body.regeneration).toMatchObject({ added: [], removed: [], keptWithBookings: [{ date: '2026-11-25', bookings: 1 }] });

    // Then to mid-December: new Wednesdays are added, the hand-made days are kept as they were.
    const longer = await admin.put(`${BASE}/${id}/periods/${periodId}`, { ...WEDNESDAYS_OCT_NOV, endDate: '2026-12-16' });
    expect(longer.body.regeneration.added).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
    const days = await calendar(admin, id, periodId);
    const day = (date: string) => days.find((d) => d.date === date)!;
    expect(day('2026-11-18')).toMatchObject({ status: 'closed', note: 'Journée pédagogique', manual: true });
    expect(day('2026-10-21')).toMatchObject({ status: 'open', note: 'Ouverture exceptionnelle' });
    expect(day('2026-11-25')).toMatchObject({ status: 'open', bookings: 1 });
    expect(openDates(days)).toEqual(['2026-10-07', '2026-10-14', '2026-10-21', '2026-11-04', '2026-11-25', '2026-12-02', '2026-12-09', '2026-12-16']);

    // The period cannot be deleted while it has bookings.
    const del = await admin.send('delete', `${BASE}/${id}/periods/${periodId}`);
    expect(del.status).toBe(409);
    const actions = rows<{ action: string }>("SELECT action FROM audit_log WHERE entity_type IN ('period', 'opening_day') ORDER BY id").map((a) => a.action);
    expect(actions).toEqual(['period.created', 'opening_day.closed', 'opening_day.opened', 'opening_days.regenerated', 'period.updated', 'period.updated']);
  });

  it('attaches activities to an open day, with places', async () => {
    const admin = await staff();
    const id = await createAlsh(admin);
    const periodId = (await admin.post(`${BASE}/${id}/periods`, WEDNESDAYS_OCT_NOV)).body.period.id as number;
    const sortie = await admin.post(`${BASE}/${id}/units`, { code: 'sortie', name: 'Sortie au zoo', kind: 'activite', startTime: '09:00', endTime: '17:00' });
    const journee = await admin.post(`${BASE}/${id}/units`, { code: 'journee', name: 'Journée', kind: 'accueil', startTime: null, endTime: null });
    const url = (date: string) => `${BASE}/${id}/periods/${periodId}/opening-days/${date}/activities`;

    const res = await admin.put(url('2026-10-14'), { activities: [{ unitId: sortie.body.id, places: 24 }] });
    expect(res.status).toBe(200);
    expect(res.body.activities).toEqual([{ unitId: sortie.body.id, name: 'Sortie au zoo', places: 24 }]);
    const accueil = await admin.put(url('2026-10-14'), { activities: [{ unitId: journee.body.id, places: null }] });
    expect(accueil.status).toBe(400);
    const holiday = await admin.put(url('2026-10-21'), { activities: [{ unitId: sortie.body.id, places: 24 }] });
    expect(holiday.status).toBe(400);
    expect(holiday.body.message).toMatch(/n'est pas un jour d'ouverture/);
    expect(count('SELECT COUNT(*) AS n FROM opening_day_activities')).toBe(1);
  });
});

describe('duplication to the next school year', () => {
  async function alshWithYear(admin: Client) {
    const id = await createAlsh(admin);
    const journee = (await admin.post(`${BASE}/${id}/units`, { code: 'journee', name: 'Journée', kind: 'accueil', startTime: '07:30', endTime: '18:30' })).body.id as number;
    const matin = (await admin.post(`${BASE}/${id}/units`, { code: 'matin', name: 'Matin', kind: 'accueil', startTime: '07:30', endTime: '12:00', incompatibleWith: [journee] })).body
      .id as number;
    await admin.post(`${BASE}/${id}/groups`, { name: '3-5 ans', minAge: 3, maxAge: 5, maxPlaces: 24 });
    const year = await admin.post(`${BASE}/${id}/periods`, {
      name: 'Mercredis 2026-2027',
      kind: 'school_year',
      startDate: '2026-09-02',
      endDate: '2027-06-30',
      dayPattern: 'wednesdays',
      bookingsOpenAt: '2026-06-01T08:00:00+02:00',
    });
    expect(year.status).toBe(201);
    const toussaint = await admin.post(`${BASE}/${id}/periods`, {
      name: 'Vacances de la Toussaint 2026',
      kind: 'holidays',
      startDate: '2026-10-19',
      endDate: '2026-10-30',
      dayPattern: 'holiday_weekdays',
    });
    await admin.put(`${BASE}/${id}/periods/${year.body.period.id}/opening-days/2026-12-16`, { closed: true, note: 'Spectacle de Noël' });
    // This year's tariff grid (the tariffs screens are another slice: written directly here).
    const grid = h.store.sqlite
      .prepare("INSERT INTO tariff_grids (service_id, name, valid_from, created_at) VALUES (?, 'Tarifs 2026-2027', '2026-09-01', ?)")
      .run(id, NOW).lastInsertRowid;
    for (const [index, [label, min, max, outside, journeeCents, matinCents]] of (
      [
        ['QF de 0 à 600', 0, 600, 0, 600, 300],
        ['QF de 601 et plus', 601, null, 0, 1250, 620],
        ['Extérieur', 0, null, 1, 2000, 1000],
      ] as const
    ).entries()) {
      const bracket = h.store.sqlite
        .prepare('INSERT INTO tariff_brackets (grid_id, label, qf_min, qf_max, outside_commune, sort_order) VALUES (?, ?, ?, ?, ?, ?)')
        .run(grid, label, min, max, outside, index + 1).lastInsertRowid;
      h.store.sqlite.prepare('INSERT INTO tariff_prices (bracket_id, unit_id, price_cents) VALUES (?, ?, ?), (?, ?, ?)').run(bracket, journee, journeeCents, bracket, matin, matinCents);
    }
    return { id, yearId: year.body.period.id as number, toussaintId: toussaint.body.period.id as number, gridId: Number(grid) };
  }

  it('creates 2027-2028 in one action and leaves 2026-2027 untouched', async () => {
    const admin = await staff();
    const { id, gridId } = await alshWithYear(admin);
    const thisYear = () =>
      JSON.stringify([
        rows("SELECT * FROM periods WHERE school_year = '2026-2027' ORDER BY id"),
        rows("SELECT d.* FROM opening_days d JOIN periods p ON p.id = d.period_id WHERE p.school_year = '2026-2027' ORDER BY d.id"),
        rows('SELECT * FROM tariff_grids WHERE id = ?', gridId),
        rows('SELECT b.*, p.unit_id, p.price_cents FROM tariff_brackets b JOIN tariff_prices p ON p.bracket_id = b.id WHERE b.grid_id = ? ORDER BY b.id, p.unit_id', gridId),
        rows('SELECT * FROM units ORDER BY id'),
        rows('SELECT * FROM unit_incompatibilities ORDER BY 1, 2'),
        rows('SELECT * FROM groups ORDER BY id'),
      ]);
    const before = thisYear();

    const preview = await admin.get(`${BASE}/${id}/duplication`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      fromSchoolYear: '2026-2027',
      toSchoolYear: '2027-2028',
      rentree: '2027-09-01',
      yearEnd: '2028-07-03',
      kept: { units: 2, incompatibilities: 1, groups: 1, staffingRules: 0 },
      tariff: { action: 'create', sourceName: 'Tarifs 2026-2027', name: 'Tarifs 2027-2028', validFrom: '2027-09-01', brackets: 3, prices: 6 },
    });
    expect(preview.body.periods.map((p: { name: string; startDate: string; endDate: string }) => [p.name, p.startDate, p.endDate])).toEqual([
      ['Mercredis 2027-2028', '2027-09-01', '2028-07-03'],
      ['Vacances de la Toussaint 2027', '2027-10-23', '2027-11-07'],
    ]);
    expect(count('SELECT COUNT(*) AS n FROM periods')).toBe(2);

    const res = await admin.post(`${BASE}/${id}/duplication`, {});
    expect(res.status).toBe(201);
    expect(res.body.toSchoolYear).toBe('2027-2028');
    expect(thisYear()).toBe(before);

    const next = rows<{ id: number; name: string; start_date: string; end_date: string; bookings_open_at: string | null }>(
      "SELECT id, name, start_date, end_date, bookings_open_at FROM periods WHERE school_year = '2027-2028' ORDER BY start_date",
    );
    expect(next.map((p) => [p.name, p.start_date, p.end_date])).toEqual([
      ['Mercredis 2027-2028', '2027-09-01', '2028-07-03'],
      ['Vacances de la Toussaint 2027', '2027-10-23', '2027-11-07'],
    ]);
    // Bookings open on the same weekday and at the same Paris time, a year later.
    expect(next[0]!.bookings_open_at).toBe('2027-05-31T06:00:00.000Z');
    const wednesdays = await calendar(admin, id, next[0]!.id);
    const open = openDates(wednesdays);
    expect(open[0]).toBe('2027-09-01');
    // Toussaint 2027 (23 October – 7 November), Christmas, 11 November 2027 is a Thursday: no Wednesday in the holidays.
    expect(open).not.toContain('2027-10-27');
    expect(open).not.toContain('2027-11-03');
    expect(open).not.toContain('2027-12-22');
    expect(open).toContain('2027-11-10');
    expect(wednesdays.filter((d) => d.status === 'closed')).toEqual([]);
    const toussaint = openDates(await calendar(admin, id, next[1]!.id));
    expect(toussaint).toEqual(['2027-10-25', '2027-10-26', '2027-10-27', '2027-10-28', '2027-10-29', '2027-11-02', '2027-11-03', '2027-11-04', '2027-11-05']);

    // Next year's grid: same brackets and prices, valid from the rentrée.
    const grids = rows<{ id: number; name: string; valid_from: string }>('SELECT id, name, valid_from FROM tariff_grids WHERE service_id = ? ORDER BY valid_from', id);
    expect(grids.map((g) => [g.name, g.valid_from])).toEqual([
      ['Tarifs 2026-2027', '2026-09-01'],
      ['Tarifs 2027-2028', '2027-09-01'],
    ]);
    const prices = (grid: number) =>
      rows('SELECT b.label, b.qf_min, b.qf_max, b.outside_commune, p.unit_id, p.price_cents FROM tariff_brackets b JOIN tariff_prices p ON p.bracket_id = b.id WHERE b.grid_id = ? ORDER BY b.sort_order, p.unit_id', grid);
    expect(prices(grids[1]!.id)).toEqual(prices(gridId));
    expect(prices(gridId)).toHaveLength(6);

    // Units, incompatibilities and groups are the service's: not copied, still one of each.
    expect(count('SELECT COUNT(*) AS n FROM units WHERE service_id = ?', id)).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM groups WHERE service_id = ?', id)).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'service.duplicated' AND entity_id = ?", id)).toBe(1);

    // Once done, 2027-2028 has periods: a second duplication is refused, and nothing changes.
    const snap = snapshot();
    const again = await admin.post(`${BASE}/${id}/duplication`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      "« ALSH du mercredi » a déjà des périodes pour l'année scolaire 2027-2028 : la duplication n'est pas possible. Complétez-les dans l'onglet « Périodes ».",
    );
    expect(snapshot()).toBe(snap);

    // 2028-2029 holidays are not known yet (shipped data stops at 2027-2028).
    const unknown = await admin.post(`${BASE}/${id}/duplication`, { fromSchoolYear: '2027-2028' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.message).toBe(
      "Les vacances scolaires 2028-2029 de la zone B ne sont pas connues : importez le calendrier scolaire de l'Éducation nationale (menu « Calendrier scolaire ») avant de dupliquer.",
    );
    expect(snapshot()).toBe(snap);
  });

  it('duplicates every service of the demo commune, holidays and summer included', async () => {
    await seedDemo(h.store, new Date(NOW));
    const admin = staffClient(h.backoffice);
    expect((await admin.post('/api/staff/auth/login', { email: 'admin@mairie.demo', password: DEMO_PASSWORD })).status).toBe(200);
    const services = (await admin.get(BASE)).body.items as { id: number; code: string }[];
    expect(services).toHaveLength(5);
    for (const s of services) {
      const res = await admin.post(`${BASE}/${s.id}/duplication`, {});
      expect(res.status, s.code).toBe(201);
      expect(res.body.tariff.action, s.code).toBe('create');
    }
    const vacances = services.find((s) => s.code === 'alsh_vacances')!;
    const next = rows<{ name: string; start_date: string; end_date: string }>(
      "SELECT name, start_date, end_date FROM periods WHERE service_id = ? AND school_year = '2027-2028' ORDER BY start_date",
      vacances.id,
    );
    expect(next.map((p) => p.name)).toEqual([
      'Vacances de la Toussaint 2027',
      'Vacances de Noël 2027',
      "Vacances d'hiver 2028",
      'Vacances de printemps 2028',
      "Vacances d'été 2028",
    ]);
    expect(next[2]).toMatchObject({ start_date: '2028-02-05', end_date: '2028-02-20' });
    expect(next[4]).toMatchObject({ start_date: '2028-07-04', end_date: '2028-07-28' });
    // Every new period has opening days; the old ones keep theirs.
    expect(count("SELECT COUNT(*) AS n FROM periods p WHERE p.school_year = '2027-2028' AND NOT EXISTS (SELECT 1 FROM opening_days d WHERE d.period_id = p.id)")).toBe(0);
  });
});

describe('roles', () => {
  it('lets an agent read the configuration but not change it; an animateur gets 403 everywhere', async () => {
    const admin = await staff('admin');
    const id = await createAlsh(admin);
    const periodId = (await admin.post(`${BASE}/${id}/periods`, WEDNESDAYS_OCT_NOV)).body.period.id as number;
    const before = snapshot();

    const agent = await staff('agent');
    expect((await agent.get(BASE)).status).toBe(200);
    expect((await agent.get(`${BASE}/${id}`)).status).toBe(200);
    expect((await agent.get(`${BASE}/${id}/periods/${periodId}/opening-days`)).status).toBe(200);
    const writes: [ 'post' | 'put' | 'delete', string, unknown][] = [
      ['post', BASE, { name: 'X', code: 'x', kind: 'autre' }],
      ['put', `${BASE}/${id}`, { deadlineDays: 3 }],
      ['post', `${BASE}/${id}/units`, { code: 'matin', name: 'Matin', kind: 'accueil', startTime: null, endTime: null }],
      ['post', `${BASE}/${id}/groups`, { name: '3-5 ans', minAge: 3, maxAge: 5 }],
      ['put', `${BASE}/${id}/staffing`, { rules: [] }],
      ['post', `${BASE}/${id}/periods`, WEDNESDAYS_OCT_NOV],
      ['put', `${BASE}/${id}/periods/${periodId}/opening-days/2026-10-07`, { closed: true, note: null }],
      ['post', `${BASE}/${id}/periods/${periodId}/opening-days/regenerate`, undefined],
      ['delete', `${BASE}/${id}/periods/${periodId}`, undefined],
      ['post', `${BASE}/${id}/duplication`, {}],
    ];
    for (const [method, url, body] of writes) {
      const res = await agent.send(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.message).toBe("Votre rôle ne permet pas d'accéder à cette fonction.");
    }

    const animateur = await staff('animateur');
    for (const url of [BASE, `${BASE}/${id}`, `${BASE}/${id}/staffing`, `${BASE}/${id}/periods/${periodId}/opening-days`, `${BASE}/${id}/duplication`]) {
      expect((await animateur.get(url)).status, url).toBe(403);
    }
    for (const [method, url, body] of writes) {
      expect((await animateur.send(method, url, body)).status, `${method} ${url}`).toBe(403);
    }
    expect(snapshot()).toBe(before);
  });
});
