import type { Db } from '../db/types';
import type { ActorType } from '../db/tables/system.table';

export interface Actor {
  type: ActorType;
  id: number | null;
  label: string;
}

export const systemActor: Actor = { type: 'system', id: null, label: 'Marelle' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: number | null;
  familyId?: number | null;
  /** Only the fields that changed: { field: [before, after] }. Never passwords or tokens. */
  changes?: Record<string, [unknown, unknown]> | null;
  ip?: string | null;
}

export async function writeAudit(db: Db, actor: Actor, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      family_id: entry.familyId ?? null,
      changes: entry.changes ? JSON.stringify(entry.changes) : null,
      ip: entry.ip ?? null,
    })
    .execute();
}

/** The fields of `after` whose value differs from `before`, for an audit entry. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key], value];
  }
  return changes;
}
