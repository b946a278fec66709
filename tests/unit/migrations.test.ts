import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../shared/db/migrate';
import { migrations } from '../../shared/db/migrations';
import { openStore } from '../../shared/db/store';

const dir = path.resolve(import.meta.dirname, '../../shared/db/migrations');

describe('migrations', () => {
  it('registers every migration file of the folder, in order', () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrations.map((m) => m.id)).toEqual(files);
  });

  it('migrates an empty database to the current schema, with every table of the glossary', () => {
    const sqlite = new BetterSqlite3(':memory:');
    const report = migrateToLatest(sqlite);
    expect(report.applied).toEqual(migrations.map((m) => m.id));
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    for (const t of [
      'families', 'guardians', 'children', 'family_children', 'medical_records', 'authorized_persons', 'documents',
      'services', 'periods', 'units', 'groups', 'opening_days', 'tariff_grids', 'tariff_brackets', 'tariff_prices',
      'requests', 'bookings', 'booking_events', 'attendance', 'invoices', 'invoice_lines', 'payments', 'sepa_mandates',
      'news', 'info_pages', 'staff_users', 'sessions', 'email_outbox', 'audit_log', 'enrolments', 'staffing_rules',
    ]) {
      expect(tables, t).toContain(t);
    }
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();
  });

  it('is idempotent: a second run applies nothing', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateToLatest(sqlite);
    const again = migrateToLatest(sqlite);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(migrations.length);
  });

  it('rolls back a failing migration entirely', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateToLatest(sqlite);
    const broken = { id: '9999_broken', statements: ['CREATE TABLE half_done (id INTEGER)', 'CREATE TABLE nope ('] };
    expect(() => migrateToLatest(sqlite, [...migrations, broken])).toThrow();
    const half = sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get();
    expect(half).toBeUndefined();
    expect(sqlite.prepare("SELECT id FROM schema_migrations WHERE id = '9999_broken'").get()).toBeUndefined();
  });

  it('refuses a store written by a newer version', () => {
    const sqlite = new BetterSqlite3(':memory:');
    migrateToLatest(sqlite);
    sqlite.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_future', 'x')").run();
    expect(() => migrateToLatest(sqlite)).toThrow(/version plus récente/);
  });

  it('opens a file store in WAL mode with foreign keys on', async () => {
    const tmp = fs.mkdtempSync('/tmp/marelle-wal-');
    const store = openStore({ file: path.join(tmp, 'm.sqlite') });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('enforces schema rules as a last line of defence', () => {
    const store = openStore({ file: ':memory:' });
    const s = store.sqlite;
    const now = '2026-11-26T00:00:00Z';
    s.prepare("INSERT INTO children (last_name, first_name, birth_date, created_at, updated_at) VALUES ('A','B','2020-01-01',?,?)").run(now, now);
    const add = s.prepare("INSERT INTO authorized_persons (child_id, last_name, first_name, mobile, relationship, created_at) VALUES (1,'X','Y','0600000000','oncle',?)");
    for (let i = 0; i < 4; i++) add.run(now);
    expect(() => add.run(now)).toThrow(/authorized_persons_limit/);
    expect(() => s.prepare("INSERT INTO family_children (family_id, child_id, linked_at) VALUES (999, 1, ?)").run(now)).toThrow(/FOREIGN KEY/);
  });
});

describe('prepared statement cache', () => {
  it('reuses a statement for the same SQL and stays bounded', async () => {
    const { cachingStatements } = await import('../../shared/db/store');
    const sqlite = new BetterSqlite3(':memory:');
    const db = cachingStatements(sqlite, 2);
    const a = db.prepare('SELECT 1');
    expect(db.prepare('SELECT 1')).toBe(a);
    db.prepare('SELECT 2');
    db.prepare('SELECT 3');
    // 'SELECT 1' was the least recently used: evicted, prepared afresh.
    expect(db.prepare('SELECT 1')).not.toBe(a);
    expect(db.prepare('SELECT 3').all([])).toEqual([{ 3: 3 }]);
    sqlite.close();
  });
});
