import type { Migration } from './types';

// The staff's family search ("answers as one types" at 5,000 families): an FTS5 index with one
// row per family (rowid = families.id). The unicode61 tokenizer folds case and accents
// ("lefevre" finds "Lefèvre"); prefix indexes keep one- to three-letter prefixes cheap.
// The indexed text is rebuilt by triggers from a view, so no code path can forget it.

/** Digits only: phones are searched whatever the separators typed or stored. */
const digits = (column: string) =>
  `replace(replace(replace(replace(replace(replace(replace(coalesce(${column}, ''), ' ', ''), '.', ''), '-', ''), '+', ''), '/', ''), '(', ''), ')', '')`;

/** "N'Diaye", "Le Gall", "Saint-Just" also indexed as "ndiaye", "legall", "saintjust". */
const compact = (column: string) =>
  `replace(replace(replace(replace(${column}, ' ', ''), '-', ''), '''', ''), '’', '')`;

/** Rebuilds the search row of the families selected by `familyIds` (an SQL list or subquery). */
const refresh = (familyIds: string) => [
  `DELETE FROM family_search WHERE rowid IN (${familyIds});`,
  `INSERT INTO family_search (rowid, body) SELECT family_id, body FROM family_search_source WHERE family_id IN (${familyIds});`,
].join('\n      ');

const trigger = (name: string, event: string, table: string, familyIds: string) =>
  `CREATE TRIGGER ${name} AFTER ${event} ON ${table}
    BEGIN
      ${refresh(familyIds)}
    END`;

export const migration: Migration = {
  id: '0002_family_search',
  statements: [
    // 0001 indexes guardians by family only for the responsable; the view below (and every
    // family-file read) looks them up by family.
    `CREATE INDEX guardians_family ON guardians(family_id)`,
    `CREATE VIRTUAL TABLE family_search USING fts5(
      body,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`,
    // What a family is found by: guardians' names, e-mails and phones, the login e-mail, the
    // children's names. Correlated on families.id, so a WHERE on family_id reads one family.
    `CREATE VIEW family_search_source AS
    SELECT f.id AS family_id,
      coalesce((SELECT group_concat(
          g.last_name || ' ' || g.first_name || ' ' || ${compact('g.last_name')} || ' ' || coalesce(g.email, '') || ' '
          || ${digits('g.phone_mobile')} || ' ' || ${digits('g.phone_home')}, ' ')
        FROM guardians g WHERE g.family_id = f.id), '')
      || ' ' || coalesce((SELECT group_concat(a.email, ' ') FROM portal_accounts a WHERE a.family_id = f.id), '')
      || ' ' || coalesce((SELECT group_concat(c.last_name || ' ' || c.first_name || ' ' || ${compact('c.last_name')}, ' ')
        FROM family_children fc JOIN children c ON c.id = fc.child_id WHERE fc.family_id = f.id), '')
      AS body
    FROM families f`,
    `INSERT INTO family_search (rowid, body) SELECT family_id, body FROM family_search_source`,

    trigger('family_search_family_insert', 'INSERT', 'families', 'NEW.id'),
    `CREATE TRIGGER family_search_family_delete AFTER DELETE ON families
    BEGIN
      DELETE FROM family_search WHERE rowid = OLD.id;
    END`,
    trigger('family_search_guardian_insert', 'INSERT', 'guardians', 'NEW.family_id'),
    trigger(
      'family_search_guardian_update',
      'UPDATE OF family_id, last_name, first_name, email, phone_mobile, phone_home',
      'guardians',
      'OLD.family_id, NEW.family_id',
    ),
    trigger('family_search_guardian_delete', 'DELETE', 'guardians', 'OLD.family_id'),
    trigger('family_search_account_insert', 'INSERT', 'portal_accounts', 'NEW.family_id'),
    trigger('family_search_account_update', 'UPDATE OF family_id, email', 'portal_accounts', 'OLD.family_id, NEW.family_id'),
    trigger('family_search_account_delete', 'DELETE', 'portal_accounts', 'OLD.family_id'),
    trigger('family_search_link_insert', 'INSERT', 'family_children', 'NEW.family_id'),
    trigger('family_search_link_update', 'UPDATE', 'family_children', 'OLD.family_id, NEW.family_id'),
    trigger('family_search_link_delete', 'DELETE', 'family_children', 'OLD.family_id'),
    trigger(
      'family_search_child_update',
      'UPDATE OF last_name, first_name',
      'children',
      'SELECT family_id FROM family_children WHERE child_id = NEW.id',
    ),
  ],
};
