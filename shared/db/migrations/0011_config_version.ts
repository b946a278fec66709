import type { Migration } from './types';

/**
 * Migration 0011 (issue 5's rush). The booking path keeps the services' reference data (services, units, groups, staffing rules,
 * tariffs, periods, opening days, settings) in memory. Any write to those tables, from any
 * connection or process, bumps one counter; a request reads it (one row) in its own transaction
 * and drops the cache when it moved. `PRAGMA data_version` would miss the connection's own writes.
 */
export const CONFIG_VERSION_TABLES = [
  'services',
  'units',
  'unit_incompatibilities',
  'groups',
  'staffing_rules',
  'tariff_grids',
  'tariff_brackets',
  'tariff_prices',
  'periods',
  'opening_days',
  'opening_day_activities',
  'settings',
] as const;

export const configVersionTrigger = (table: string, event: 'insert' | 'update' | 'delete'): string => `config_version_${table}_${event}`;

/** Booking statuses that hold a place (as PLACE_HOLDING_STATUSES in shared/bookings/rules.ts). */
const HOLDING = `('accepted', 'cancellation_pending')`;
const plusOne = (row: 'NEW') => `INSERT INTO booking_place_counts (unit_id, date, group_key, n)
  VALUES (${row}.unit_id, ${row}.date, COALESCE(${row}.group_id, 0), 1)
  ON CONFLICT (unit_id, date, group_key) DO UPDATE SET n = n + 1;`;
const minusOne = (row: 'OLD') => `UPDATE booking_place_counts SET n = n - 1
  WHERE unit_id = ${row}.unit_id AND date = ${row}.date AND group_key = COALESCE(${row}.group_id, 0);`;

/** The triggers that keep `booking_place_counts` equal to a count of the bookings holding a place. */
export const PLACE_COUNT_TRIGGERS = ['booking_places_insert', 'booking_places_delete', 'booking_places_update_old', 'booking_places_update_new'] as const;

export const migration: Migration = {
  id: '0011_config_version',
  statements: [
    `CREATE TABLE config_version (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL
    )`,
    `INSERT INTO config_version (id, version) VALUES (1, 1)`,
    ...CONFIG_VERSION_TABLES.flatMap((table) =>
      (['insert', 'update', 'delete'] as const).map(
        (event) => `CREATE TRIGGER ${configVersionTrigger(table, event)} AFTER ${event.toUpperCase()} ON ${table}
          BEGIN UPDATE config_version SET version = version + 1 WHERE id = 1; END`,
      ),
    ),
    // Places held per unit, day and group (0 = no group), kept by triggers whoever writes the
    // bookings: the place check of a request reads a handful of rows instead of counting
    // hundreds of bookings per day during an opening rush.
    `CREATE TABLE booking_place_counts (
      unit_id INTEGER NOT NULL,
      date TEXT NOT NULL,
      group_key INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (unit_id, date, group_key)
    ) WITHOUT ROWID`,
    `INSERT INTO booking_place_counts (unit_id, date, group_key, n)
      SELECT unit_id, date, COALESCE(group_id, 0), COUNT(*) FROM bookings WHERE status IN ${HOLDING} GROUP BY 1, 2, 3`,
    `CREATE TRIGGER booking_places_insert AFTER INSERT ON bookings WHEN NEW.status IN ${HOLDING}
      BEGIN ${plusOne('NEW')} END`,
    `CREATE TRIGGER booking_places_delete AFTER DELETE ON bookings WHEN OLD.status IN ${HOLDING}
      BEGIN ${minusOne('OLD')} END`,
    `CREATE TRIGGER booking_places_update_old AFTER UPDATE OF status, unit_id, date, group_id ON bookings WHEN OLD.status IN ${HOLDING}
      BEGIN ${minusOne('OLD')} END`,
    `CREATE TRIGGER booking_places_update_new AFTER UPDATE OF status, unit_id, date, group_id ON bookings WHEN NEW.status IN ${HOLDING}
      BEGIN ${plusOne('NEW')} END`,
  ],
};
