import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../shared/auth/passwords';
import { publicHolidayDates } from '../../shared/calendar';
import { openStore, type Store } from '../../shared/db/store';
import { generateFamilies } from '../../shared/demo/generate';
import { DEMO_PASSWORD, seedDemo } from '../../shared/demo/seed';
import { COMMUNE, MAINTENANCE } from '../../shared/settings/definitions';
import { getSetting } from '../../shared/settings/settings';

const NOW = new Date('2026-11-26T09:00:00+01:00');
const stores: Store[] = [];

function newStore(): Store {
  const store = openStore({ file: ':memory:' });
  stores.push(store);
  return store;
}

async function seeded(now = NOW): Promise<Store> {
  const store = newStore();
  await seedDemo(store, now);
  return store;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const count = (store: Store, sql: string, ...params: unknown[]): number =>
  (store.sqlite.prepare(sql).get(...params) as { n: number }).n;

function foreignKeyViolations(store: Store): unknown[] {
  return store.sqlite.prepare('PRAGMA foreign_key_check').all();
}

describe('seedDemo', () => {
  it('creates the demo commune with the described counts', async () => {
    const store = newStore();
    const summary = await seedDemo(store, NOW);

    expect(summary.families).toBe(count(store, 'SELECT COUNT(*) AS n FROM families'));
    expect(summary.families).toBeGreaterThanOrEqual(38);
    expect(summary.families).toBeLessThanOrEqual(45);
    expect(summary.children).toBe(count(store, 'SELECT COUNT(*) AS n FROM children'));
    expect(summary.staff).toBe(3);
    expect(count(store, 'SELECT COUNT(*) AS n FROM staff_users')).toBe(3);
    expect(count(store, 'SELECT COUNT(*) AS n FROM services')).toBe(5);
    expect(foreignKeyViolations(store)).toEqual([]);

    expect(summary.logins.map((l) => [l.email, l.role])).toEqual([
      ['admin@mairie.demo', 'admin'],
      ['agent@mairie.demo', 'agent'],
      ['animateur@mairie.demo', 'animateur'],
      ['famille@demo.fr', 'parent'],
      ['moreau@demo.fr', 'parent'],
    ]);
    expect(summary.logins.every((l) => l.password === DEMO_PASSWORD)).toBe(true);
  });

  it('uses one password hash, computed once, for every login', async () => {
    const store = await seeded();
    const hashes = store.sqlite
      .prepare('SELECT password_hash AS h FROM staff_users UNION SELECT password_hash FROM portal_accounts')
      .all() as { h: string }[];
    expect(hashes).toHaveLength(1);
    const hash = hashes[0]?.h ?? '';
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
  });

  it('stores the commune settings', async () => {
    const store = await seeded();
    const commune = await getSetting(store.db, COMMUNE);
    expect(commune.name).toBe('Mairie de Marelle-sur-Meu');
    expect(commune.schoolZone).toBe('B');
    expect(commune.email).toBe('enfance@mairie.demo');
    expect(await getSetting(store.db, MAINTENANCE)).toEqual({ enabled: false, message: null });
  });

  it('links Léo Lefèvre to the Lefèvre and Moreau families, both validated', async () => {
    const store = await seeded();
    const shared = store.sqlite
      .prepare('SELECT child_id FROM family_children GROUP BY child_id HAVING COUNT(*) > 1')
      .all() as { child_id: number }[];
    expect(shared).toHaveLength(1);
    const childId = shared[0]?.child_id;
    const child = store.sqlite.prepare('SELECT first_name, last_name FROM children WHERE id = ?').get(childId);
    expect(child).toEqual({ first_name: 'Léo', last_name: 'Lefèvre' });

    const families = store.sqlite
      .prepare(
        `SELECT a.email, f.status, a.email_verified_at IS NOT NULL AS verified, g.last_name
           FROM family_children fc
           JOIN families f ON f.id = fc.family_id
           JOIN portal_accounts a ON a.family_id = f.id
           JOIN guardians g ON g.family_id = f.id AND g.role = 'responsable'
          WHERE fc.child_id = ? ORDER BY a.email`,
      )
      .all(childId);
    expect(families).toEqual([
      { email: 'famille@demo.fr', status: 'validated', verified: 1, last_name: 'Lefèvre' },
      { email: 'moreau@demo.fr', status: 'validated', verified: 1, last_name: 'Moreau' },
    ]);
    expect(
      count(
        store,
        `SELECT COUNT(*) AS n FROM family_children fc JOIN portal_accounts a ON a.family_id = fc.family_id WHERE a.email = 'famille@demo.fr'`,
      ),
    ).toBe(2);
  });

  it('spreads the family statuses as described', async () => {
    const store = await seeded();
    const rows = store.sqlite.prepare('SELECT status, COUNT(*) AS n FROM families GROUP BY status').all() as { status: string; n: number }[];
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(byStatus['email_unverified']).toBe(1);
    expect(byStatus['profile_incomplete']).toBe(1);
    expect(byStatus['awaiting_validation']).toBeGreaterThanOrEqual(2);
    expect(byStatus['validated']).toBeGreaterThan(30);
    // Only the unverified account has no verification date.
    expect(count(store, 'SELECT COUNT(*) AS n FROM portal_accounts WHERE email_verified_at IS NULL')).toBe(1);
    // Every family has exactly one responsable.
    expect(count(store, `SELECT COUNT(*) AS n FROM families f WHERE (SELECT COUNT(*) FROM guardians g WHERE g.family_id = f.id AND g.role = 'responsable') <> 1`)).toBe(0);
    // QF spread over the four brackets, a few unknown.
    for (const [min, max] of [[0, 600], [601, 1000], [1001, 1500], [1501, 100000]] as const) {
      expect(count(store, 'SELECT COUNT(*) AS n FROM families WHERE qf BETWEEN ? AND ?', min, max), `QF ${min}-${max}`).toBeGreaterThan(0);
    }
    expect(count(store, 'SELECT COUNT(*) AS n FROM families WHERE qf IS NULL')).toBeGreaterThan(0);
  });

  it('gives children aged 3 to 11 a school, a class, a medical record and at most 4 authorized persons', async () => {
    const store = await seeded();
    const children = store.sqlite.prepare('SELECT birth_date, school, class_level FROM children').all() as {
      birth_date: string;
      school: string | null;
      class_level: string | null;
    }[];
    for (const c of children) {
      const age = 2026 - Number(c.birth_date.slice(0, 4)) - (c.birth_date.slice(5) > '09-01' ? 1 : 0);
      expect(age).toBeGreaterThanOrEqual(3);
      expect(age).toBeLessThanOrEqual(11);
      expect(c.school).toBeTruthy();
      expect(['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2']).toContain(c.class_level);
    }
    expect(count(store, 'SELECT COUNT(*) AS n FROM children c LEFT JOIN medical_records m ON m.child_id = c.id WHERE m.child_id IS NULL')).toBe(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM medical_records WHERE has_pai = 1')).toBeGreaterThan(0);
    expect(count(store, "SELECT COUNT(*) AS n FROM medical_records WHERE diet IN ('sans_porc', 'vegetarien')")).toBeGreaterThan(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM medical_records WHERE allergies IS NOT NULL')).toBeGreaterThan(0);
    expect(
      count(store, 'SELECT COUNT(*) AS n FROM (SELECT child_id FROM authorized_persons GROUP BY child_id HAVING COUNT(*) > 4)'),
    ).toBe(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM authorized_persons')).toBeGreaterThan(0);
  });

  it('configures the services with the rules of the guide', async () => {
    const store = await seeded();
    const services = store.sqlite
      .prepare(
        `SELECT code, approval_mode, deadline_days, late_booking_policy, late_cancellation_policy, bookings_final,
                late_booking_surcharge_cents, ratio_regime FROM services ORDER BY sort_order`,
      )
      .all() as { code: string }[];
    const by = Object.fromEntries(services.map((s) => [s.code, s]));
    expect(by['restauration']).toMatchObject({
      approval_mode: 'automatic',
      deadline_days: 7,
      late_booking_policy: 'surcharge',
      late_booking_surcharge_cents: 100,
      late_cancellation_policy: 'billed',
      ratio_regime: 'none',
    });
    expect(by['periscolaire']).toMatchObject({ approval_mode: 'automatic', late_booking_policy: 'accept', late_cancellation_policy: 'free', ratio_regime: 'periscolaire' });
    expect(by['alsh_mercredi']).toMatchObject({ approval_mode: 'manual', late_booking_policy: 'refuse', late_cancellation_policy: 'billed', ratio_regime: 'periscolaire' });
    expect(by['alsh_vacances']).toMatchObject({ approval_mode: 'manual', bookings_final: 1, ratio_regime: 'extrascolaire' });

    // Journée excludes matin and après-midi, both ways.
    const pairs = store.sqlite
      .prepare(
        `SELECT a.code AS a, b.code AS b FROM unit_incompatibilities i
           JOIN units a ON a.id = i.unit_id JOIN units b ON b.id = i.other_unit_id
           JOIN services s ON s.id = a.service_id WHERE s.code = 'alsh_mercredi' ORDER BY a.code, b.code`,
      )
      .all();
    expect(pairs).toEqual([
      { a: 'apres_midi', b: 'journee' },
      { a: 'journee', b: 'apres_midi' },
      { a: 'journee', b: 'matin' },
      { a: 'matin', b: 'journee' },
    ]);
    // Legal ratios.
    const rules = store.sqlite
      .prepare(
        `SELECT s.code, r.long_session, r.under_six_per_animator AS u6, r.six_plus_per_animator AS p6
           FROM staffing_rules r JOIN services s ON s.id = r.service_id ORDER BY s.code, r.long_session`,
      )
      .all();
    expect(rules).toContainEqual({ code: 'alsh_vacances', long_session: 0, u6: 8, p6: 12 });
    expect(rules).toContainEqual({ code: 'periscolaire', long_session: 0, u6: 10, p6: 14 });
    expect(rules).toContainEqual({ code: 'alsh_mercredi', long_session: 1, u6: 8, p6: 12 });
    // Every unit has a price in each of the five brackets.
    expect(count(store, 'SELECT COUNT(*) AS n FROM tariff_brackets')).toBe(25);
    expect(count(store, 'SELECT COUNT(*) AS n FROM tariff_prices')).toBe(5 * count(store, 'SELECT COUNT(*) AS n FROM units'));
    expect(count(store, "SELECT COUNT(*) AS n FROM tariff_brackets WHERE outside_commune = 1")).toBe(5);
    // Activities offered on some holiday days.
    expect(count(store, "SELECT COUNT(*) AS n FROM units WHERE kind = 'activite'")).toBeGreaterThanOrEqual(2);
    expect(count(store, 'SELECT COUNT(*) AS n FROM opening_day_activities')).toBeGreaterThan(0);
  });

  it('builds the 2026-2027 calendar without public holidays', async () => {
    const store = await seeded();
    const holidays = publicHolidayDates(2026, 2027);
    const days = store.sqlite.prepare('SELECT date FROM opening_days').all() as { date: string }[];
    expect(days.length).toBeGreaterThan(300);
    expect(days.filter((d) => holidays.has(d.date))).toEqual([]);

    const wednesdays = (
      store.sqlite
        .prepare(`SELECT o.date FROM opening_days o JOIN periods p ON p.id = o.period_id WHERE p.name = 'Mercredis 2026-2027'`)
        .all() as { date: string }[]
    ).map((d) => d.date);
    expect(wednesdays).not.toContain('2026-11-11');
    expect(wednesdays).toContain('2026-11-04');
    expect(wednesdays).toContain('2026-11-18');
    expect(wednesdays).not.toContain('2026-10-21'); // Toussaint holidays

    const periods = store.sqlite.prepare('SELECT name, start_date, end_date, day_pattern FROM periods ORDER BY id').all();
    expect(periods).toContainEqual({ name: 'Année scolaire 2026-2027', start_date: '2026-09-01', end_date: '2027-07-02', day_pattern: 'school_days' });
    expect(periods).toContainEqual({ name: "Vacances d'été 2027", start_date: '2027-07-05', end_date: '2027-07-30', day_pattern: 'holiday_weekdays' });
    for (const name of ['Vacances de la Toussaint 2026', 'Vacances de Noël 2026', "Vacances d'hiver 2027", 'Vacances de printemps 2027']) {
      expect(count(store, 'SELECT COUNT(*) AS n FROM periods WHERE name = ? AND bookings_open_at IS NOT NULL', name), name).toBe(1);
    }
    const christmas = store.sqlite
      .prepare(
        `SELECT o.date FROM opening_days o JOIN periods p ON p.id = o.period_id
          WHERE p.name = 'Vacances de Noël 2026' AND o.closed = 1 AND o.note IS NOT NULL ORDER BY o.date`,
      )
      .all();
    expect(christmas).toEqual([{ date: '2026-12-24' }, { date: '2026-12-31' }]);
    expect(count(store, "SELECT COUNT(*) AS n FROM school_holidays WHERE zone = 'B' AND source = 'officiel'")).toBe(12);
  });

  it('books cantine days and pending Wednesdays, with events and past attendance', async () => {
    const store = await seeded();
    expect(count(store, `SELECT COUNT(*) AS n FROM bookings b JOIN services s ON s.id = b.service_id WHERE s.code = 'restauration' AND b.status = 'accepted' AND b.date BETWEEN '2026-09-01' AND '2026-11-30'`)).toBeGreaterThan(100);
    expect(count(store, `SELECT COUNT(*) AS n FROM bookings b JOIN services s ON s.id = b.service_id WHERE s.code = 'alsh_mercredi' AND b.status = 'pending' AND b.date LIKE '2026-12-%'`)).toBeGreaterThan(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM booking_events e WHERE e.booking_id = b.id)')).toBe(0);
    // Attendance only for past days, present or absent for illness.
    expect(count(store, "SELECT COUNT(*) AS n FROM attendance WHERE date >= '2026-11-26'")).toBe(0);
    expect(count(store, "SELECT COUNT(*) AS n FROM attendance WHERE state = 'present'")).toBeGreaterThan(100);
    expect(count(store, "SELECT COUNT(*) AS n FROM attendance WHERE state = 'absent_justified' AND justification = 'illness'")).toBeGreaterThan(0);
    // Léo's cantine days are booked by one home or the other, never both.
    expect(count(store, `SELECT COUNT(DISTINCT b.family_id) AS n FROM bookings b JOIN children c ON c.id = b.child_id WHERE c.first_name = 'Léo' AND c.last_name = 'Lefèvre'`)).toBe(2);
    // The late cantine booking carries the 1 € surcharge.
    expect(count(store, 'SELECT COUNT(*) AS n FROM bookings WHERE late = 1 AND surcharge_cents = 100')).toBe(1);
  });

  it('publishes news and info pages in French', async () => {
    const store = await seeded();
    expect(count(store, 'SELECT COUNT(*) AS n FROM news')).toBe(3);
    expect(count(store, "SELECT COUNT(*) AS n FROM news WHERE publish_from <= ?", NOW.toISOString())).toBe(3);
    const pages = store.sqlite.prepare('SELECT slug, title, body, service_id FROM info_pages ORDER BY sort_order').all() as {
      slug: string;
      title: string;
      body: string;
      service_id: number | null;
    }[];
    expect(pages.map((p) => p.slug)).toEqual(['reglement-interieur', 'guide-enfance-jeunesse', 'menus-restaurant']);
    const reglement = pages[0];
    expect(reglement?.title).toBe('Règlement intérieur');
    expect(reglement?.body).toMatch(/7 jours/);
    expect(reglement?.body).toMatch(/1 €/);
    expect(reglement?.body.split('\n\n').length).toBeGreaterThan(3);
    expect(pages[2]?.service_id).not.toBeNull();
  });

  it('writes no history after `now`', async () => {
    const early = new Date('2026-07-01T10:00:00+02:00');
    const store = await seeded(early);
    const iso = early.toISOString();
    for (const [table, column] of [
      ['families', 'created_at'],
      ['families', 'validated_at'],
      ['portal_accounts', 'created_at'],
      ['bookings', 'created_at'],
      ['booking_events', 'at'],
      ['requests', 'created_at'],
      ['news', 'publish_from'],
      ['staff_users', 'created_at'],
    ] as const) {
      expect(count(store, `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} > ?`, iso), `${table}.${column}`).toBe(0);
    }
    expect(count(store, 'SELECT COUNT(*) AS n FROM attendance')).toBe(0);
    expect(foreignKeyViolations(store)).toEqual([]);
  });

  it('refuses a store that is not empty, and leaves it unchanged', async () => {
    const store = await seeded();
    const families = count(store, 'SELECT COUNT(*) AS n FROM families');
    const bookings = count(store, 'SELECT COUNT(*) AS n FROM bookings');
    await expect(seedDemo(store, NOW)).rejects.toThrow(/pas vide/);
    expect(count(store, 'SELECT COUNT(*) AS n FROM families')).toBe(families);
    expect(count(store, 'SELECT COUNT(*) AS n FROM bookings')).toBe(bookings);
  });

  it('is deterministic for a given now', async () => {
    const a = await seeded();
    const b = await seeded();
    const dump = (s: Store) =>
      s.sqlite.prepare('SELECT c.first_name, c.last_name, c.birth_date, m.diet FROM children c JOIN medical_records m ON m.child_id = c.id ORDER BY c.id').all();
    expect(dump(a)).toEqual(dump(b));
  });
});

describe('generateFamilies', () => {
  const accounts = (store: Store) =>
    store.sqlite
      .prepare(
        `SELECT a.email, g.first_name, g.last_name, f.qf FROM portal_accounts a
           JOIN families f ON f.id = a.family_id
           JOIN guardians g ON g.family_id = f.id AND g.role = 'responsable'
          WHERE a.email LIKE 'famille%@example.fr' ORDER BY f.id`,
      )
      .all() as { email: string; first_name: string; last_name: string; qf: number | null }[];

  it('adds validated families with children, deterministically', async () => {
    const store = await seeded();
    const before = count(store, 'SELECT COUNT(*) AS n FROM families');
    const childrenBefore = count(store, 'SELECT COUNT(*) AS n FROM children');
    const result = await generateFamilies(store, 1000, NOW, { seed: 7 });

    expect(result.families).toBe(1000);
    expect(count(store, 'SELECT COUNT(*) AS n FROM families')).toBe(before + 1000);
    expect(count(store, 'SELECT COUNT(*) AS n FROM children')).toBe(childrenBefore + result.children);
    expect(result.children).toBeGreaterThanOrEqual(1000);
    expect(result.children).toBeLessThanOrEqual(3000);
    expect(foreignKeyViolations(store)).toEqual([]);
    expect(count(store, "SELECT COUNT(*) AS n FROM families WHERE status = 'validated'")).toBeGreaterThanOrEqual(1000);
    expect(count(store, 'SELECT COUNT(*) AS n FROM (SELECT child_id FROM authorized_persons GROUP BY child_id HAVING COUNT(*) > 4)')).toBe(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM children c LEFT JOIN medical_records m ON m.child_id = c.id WHERE m.child_id IS NULL')).toBe(0);
    expect(count(store, 'SELECT COUNT(*) AS n FROM families f WHERE NOT EXISTS (SELECT 1 FROM family_children fc WHERE fc.family_id = f.id)')).toBe(1); // the unverified sign-up

    const list = accounts(store);
    expect(list).toHaveLength(1000);
    expect(list[0]?.email).toBe('famille1@example.fr');
    expect(list[999]?.email).toBe('famille1000@example.fr');

    // Same seed on the same starting point → the same households.
    const other = await seeded();
    await generateFamilies(other, 1000, NOW, { seed: 7 });
    expect(accounts(other)).toEqual(list);

    // Another seed → other names.
    const third = await seeded();
    await generateFamilies(third, 1000, NOW, { seed: 8 });
    expect(accounts(third).map((a) => `${a.first_name} ${a.last_name}`)).not.toEqual(list.map((a) => `${a.first_name} ${a.last_name}`));
  });

  it('continues the numbering on a second run', async () => {
    const store = newStore();
    await generateFamilies(store, 3, NOW);
    await generateFamilies(store, 2, NOW);
    expect(accounts(store).map((a) => a.email)).toEqual([
      'famille1@example.fr',
      'famille2@example.fr',
      'famille3@example.fr',
      'famille4@example.fr',
      'famille5@example.fr',
    ]);
    expect(foreignKeyViolations(store)).toEqual([]);
  });

  it('rejects a negative count', async () => {
    const store = newStore();
    await expect(generateFamilies(store, -1, NOW)).rejects.toThrow(RangeError);
  });
});
