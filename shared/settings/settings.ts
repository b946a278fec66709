import type { z } from 'zod';
import type { Db } from '../db/types';

/** Typed key/value settings: each key has a zod schema and a default, so a bad stored value never leaks. */
export interface SettingDef<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
}

export async function getSetting<T>(db: Db, def: SettingDef<T>): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', def.key).executeTakeFirst();
  if (!row) return def.fallback;
  try {
    const parsed = def.schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : def.fallback;
  } catch {
    return def.fallback;
  }
}

export async function setSetting<T>(db: Db, def: SettingDef<T>, value: T, now: Date): Promise<T> {
  const checked = def.schema.parse(value);
  const json = JSON.stringify(checked);
  await db
    .insertInto('settings')
    .values({ key: def.key, value: json, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now.toISOString() }))
    .execute();
  return checked;
}
