import type { Migration } from './types';

// Attendance registers (issue 7): which services an animator ticks. Admins and agents see every
// service; an animator sees only the lists of the services assigned here. The attendance rows
// themselves (with their version for optimistic concurrency) are in 0001.
export const migration: Migration = {
  id: '0008_attendance',
  statements: [
    `CREATE TABLE staff_service_assignments (
      staff_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      assigned_at TEXT NOT NULL,
      PRIMARY KEY (staff_id, service_id)
    )`,
    `CREATE INDEX staff_service_assignments_service ON staff_service_assignments(service_id)`,
    // The kitchen count and the exports read a period's attendance by date across services.
    `CREATE INDEX attendance_date ON attendance(date, unit_id)`,
  ],
};
