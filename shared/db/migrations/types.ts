/** A migration is a list of SQL statements applied in one transaction, in order. */
export interface Migration {
  /** File name without extension, e.g. `0001_initial`; also the key stored in `schema_migrations`. */
  id: string;
  statements: readonly string[];
}
