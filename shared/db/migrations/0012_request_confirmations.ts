import type { Migration } from './types';

// A request's confirmation e-mail is composed after its transaction (docs/decisions/0015): the
// request carries the state of each line as validated, until the composer has queued the e-mail.
// Requests validated before this migration had theirs queued already (the column's default).
export const migration: Migration = {
  id: '0012_request_confirmations',
  statements: [
    `ALTER TABLE requests ADD COLUMN confirmation_lines TEXT`,
    `CREATE INDEX requests_confirmation_due ON requests(id) WHERE confirmation_lines IS NOT NULL`,
  ],
};
