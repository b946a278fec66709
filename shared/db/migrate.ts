import type BetterSqlite3 from 'better-sqlite3';
import { migrations as registered } from './migrations';
import type { Migration } from './migrations/types';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies the registered migrations not yet in `schema_migrations`, each in its own transaction
 * (SQLite DDL is transactional, so a failing migration leaves the store as it was).
 */
export function migrateToLatest(sqlite: BetterSqlite3.Database, list: readonly Migration[] = registered): MigrationReport {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (sqlite.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id),
  );
  const known = new Set(list.map((m) => m.id));
  const unknown = [...done].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    // A store written by a newer Marelle: refuse rather than run old code on a newer schema.
    throw new Error(`La base de données a été créée par une version plus récente de Marelle (migrations ${unknown.join(', ')}).`);
  }
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  const record = sqlite.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of list) {
    if (done.has(migration.id)) {
      report.alreadyApplied.push(migration.id);
      continue;
    }
    sqlite.transaction(() => {
      for (const statement of migration.statements) sqlite.exec(statement);
      record.run(migration.id, new Date().toISOString());
    })();
    report.applied.push(migration.id);
  }
  return report;
}
