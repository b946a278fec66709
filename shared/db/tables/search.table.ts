/**
 * `family_search`: FTS5 index of the staff's family search (migration 0002), one row per family
 * with `rowid` = `families.id`. Kept in sync by triggers: never written by application code.
 */
export interface FamilySearchTable {
  rowid: number;
  body: string;
}
