import type { Db } from '../db/types';
import { familyMatches, searchTerms } from '../db/family-search';
import type { FamilyStatus } from '../db/tables/families.table';
import { familyDisplayName } from './names';
import { SEARCH_MAX_RESULTS } from './schemas';
import { RESPONSABLE } from '../db/literals';

/** One line of the staff's family lists (search results, validation queue). */
export interface FamilyListItem {
  id: number;
  displayName: string;
  status: FamilyStatus;
  email: string | null;
  phone: string | null;
  children: { id: number; firstName: string; lastName: string }[];
  submittedAt: string | null;
}

export { SEARCH_MAX_RESULTS };

function listQuery(db: Db) {
  return db
    .selectFrom('families as f')
    .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'f.id').on('g.role', '=', RESPONSABLE))
    .select((eb) => [
      'f.id',
      'f.status',
      'f.submitted_at',
      'g.last_name',
      'g.email as guardian_email',
      'g.phone_mobile',
      'g.phone_home',
      eb.selectFrom('portal_accounts as a').select('a.email').whereRef('a.family_id', '=', 'f.id').orderBy('a.id').limit(1).as('account_email'),
    ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

/** Adds the children (in birth order) to rows already chosen and ordered. */
async function toItems(db: Db, rows: ListRow[]): Promise<FamilyListItem[]> {
  if (rows.length === 0) return [];
  const children = await db
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .select(['fc.family_id', 'c.id', 'c.first_name', 'c.last_name'])
    .where(
      'fc.family_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('c.birth_date')
    .orderBy('c.id')
    .execute();
  const byFamily = new Map<number, FamilyListItem['children']>();
  for (const c of children) {
    const list = byFamily.get(c.family_id) ?? [];
    list.push({ id: c.id, firstName: c.first_name, lastName: c.last_name });
    byFamily.set(c.family_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    displayName: familyDisplayName(r.last_name, r.id),
    status: r.status,
    email: r.account_email ?? r.guardian_email,
    phone: r.phone_mobile ?? r.phone_home,
    children: byFamily.get(r.id) ?? [],
    submittedAt: r.submitted_at,
  }));
}

export interface SearchInput {
  q?: string | undefined;
  status?: FamilyStatus | undefined;
  limit?: number | undefined;
}

/**
 * The staff's family search, "as one types": every word typed must start a word of the family's
 * names (guardians, children), e-mails or phone digits, whatever the case and accents. Without
 * words, the families (of `status`, if given) in name order. At most 50 results.
 */
export async function searchFamilies(db: Db, input: SearchInput): Promise<FamilyListItem[]> {
  const limit = Math.max(1, Math.min(SEARCH_MAX_RESULTS, input.limit ?? SEARCH_MAX_RESULTS));
  const terms = searchTerms(input.q ?? '');
  // Only punctuation typed ("@", "-"): nothing can match it.
  if (terms.length === 0 && (input.q ?? '').trim() !== '') return [];
  let query = listQuery(db);
  if (terms.length > 0) query = query.where(familyMatches('f.id', terms));
  if (input.status) query = query.where('f.status', '=', input.status);
  const rows = await query
    .orderBy((eb) => eb.fn('lower', ['g.last_name']))
    .orderBy((eb) => eb.fn('lower', ['g.first_name']))
    .orderBy('f.id')
    .limit(limit)
    .execute();
  return toItems(db, rows);
}

/** Families waiting for staff validation, the oldest submission first. */
export async function validationQueue(db: Db, limit = 500): Promise<FamilyListItem[]> {
  const rows = await listQuery(db)
    .where('f.status', '=', 'awaiting_validation')
    .orderBy('f.submitted_at')
    .orderBy('f.id')
    .limit(limit)
    .execute();
  return toItems(db, rows);
}
