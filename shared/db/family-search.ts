import { sql, type RawBuilder, type SqlBool } from 'kysely';

// SQLite-specific half of the staff's family search: the FTS5 MATCH on `family_search`
// (migration 0002). The domain side (shared/validation/search.ts) only sees a boolean condition.

/** At most this many words are used from what staff typed. */
const MAX_TERMS = 8;

/**
 * The words to look for, each a prefix: letters and digits only (so nothing typed can be read
 * as FTS5 syntax); consecutive digit groups are joined ("06 39 98" → "063998"), since phones are
 * indexed as digits only.
 */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const terms: string[] = [];
  let previousWasNumber = false;
  for (const word of words) {
    const isNumber = /^\d+$/.test(word);
    if (isNumber && previousWasNumber && terms.length > 0) terms[terms.length - 1] += word;
    else terms.push(word);
    previousWasNumber = isNumber;
  }
  return terms.slice(0, MAX_TERMS);
}

/** The FTS5 query: every term, as a quoted prefix, must appear (implicit AND). */
export function ftsPrefixQuery(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * A condition on a family id column: true when the family's names, e-mails, phones or children's
 * names contain a word starting with each term, whatever the case and accents.
 */
export function familyMatches(familyIdColumn: string, terms: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(familyIdColumn)} IN (SELECT rowid FROM family_search WHERE family_search MATCH ${ftsPrefixQuery(terms)})`;
}
