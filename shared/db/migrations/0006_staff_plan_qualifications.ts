import type { Migration } from './types';

// Staff plans (issue 6): besides the BAFA-qualified count already stored, the trainees (stagiaires
// BAFA) — the rest of the animators are unqualified — and the animators by name, each with a
// qualification, as a JSON list (null when staff gave a count only). `animators` keeps its meaning
// for the booking rules: the people counted in the ratio, the director included when counted.
export const migration: Migration = {
  id: '0006_staff_plan_qualifications',
  statements: [
    `ALTER TABLE staff_plans ADD COLUMN trainees INTEGER NOT NULL DEFAULT 0 CHECK (trainees >= 0)`,
    `ALTER TABLE staff_plans ADD COLUMN members TEXT`,
    // The month view reads a service's plans over a month.
    `CREATE INDEX staff_plans_service_date ON staff_plans(service_id, date)`,
  ],
};
