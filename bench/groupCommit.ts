import type { GroupCommitOptions } from '../shared/db/groupCommit';

/**
 * The store's group commit as the bench asks: BENCH_GROUP_COMMIT=0 turns it off (each request its
 * own transaction, as before decision 0013), BENCH_GROUP_COMMIT=<n> caps a group at n requests;
 * BENCH_GROUP_WINDOW=none: groups do not wait for the end of the I/O phase (GroupCommitOptions.window).
 */
export function benchGroupCommit(): false | GroupCommitOptions {
  const value = process.env.BENCH_GROUP_COMMIT;
  const window = process.env.BENCH_GROUP_WINDOW === 'none' ? 'none' : 'immediate';
  if (value === '0') return false;
  return value === undefined || value === '' ? { window } : { maxGroup: Number(value), window };
}
