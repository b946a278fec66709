import type { Db } from '../db/types';
import { notFound } from '../errors';

export interface AuditItem {
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: number | null;
  /** { field: [before, after] }, as written by `writeAudit`; null when the entry has none. */
  changes: Record<string, [unknown, unknown]> | null;
}

function parseChanges(json: string | null): AuditItem['changes'] {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, [unknown, unknown]>) : null;
  } catch {
    return null;
  }
}

/** The history of a family file, newest first (who, when, what changed). */
export async function familyAudit(db: Db, familyId: number, limit = 1000): Promise<AuditItem[]> {
  const family = await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
  if (!family) throw notFound('Cette famille est introuvable.');
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'entity_type', 'entity_id', 'changes'])
    .where('family_id', '=', familyId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    changes: parseChanges(r.changes),
  }));
}
