import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { exec, pgArray, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { iso } from '../../lib/time.js';

/**
 * One home for the thresholds the business is run by. A module declares each of its settings once
 * (key, shape, default, what it means); reads fall back to the default, so a fresh shop runs on
 * the seeds' figures and an operator changes only what differs.
 */
export interface SettingDef<T> {
  key: string;
  schema: z.ZodType<T>;
  default: T;
  /** what the value means, for the console and the API documentation */
  description: string;
}

const registry = new Map<string, SettingDef<unknown>>();

export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  if (registry.has(def.key)) throw new Error(`setting ${def.key} is declared twice`);
  def.schema.parse(def.default);
  registry.set(def.key, def as SettingDef<unknown>);
  return def;
}

/** The current values of the settings given (defaults where none is stored), in one read. */
export async function readSettings<D extends readonly SettingDef<unknown>[]>(
  db: Db,
  defs: D,
): Promise<{ [K in keyof D]: D[K] extends SettingDef<infer T> ? T : never }> {
  const stored = await rows<{ key: string; value: unknown }>(
    db,
    sql`select key, value from operating_settings where key = any(${pgArray(defs.map((d) => d.key))}::text[])`,
  );
  const byKey = new Map(stored.map((r) => [r.key, r.value]));
  return defs.map((d) => {
    const v = byKey.get(d.key);
    // a stored value the current shape refuses (an older release's) reads as the default
    const parsed = v === undefined ? undefined : d.schema.safeParse(v);
    return parsed?.success ? parsed.data : d.default;
  }) as never;
}

export async function readSetting<T>(db: Db, def: SettingDef<T>): Promise<T> {
  const [v] = await readSettings(db, [def] as const);
  return v as T;
}

export interface SettingView {
  key: string;
  value: unknown;
  default: unknown;
  description: string;
  changed: boolean;
  updatedAt: string | null;
}

/** Every declared setting with its value, sorted by key. */
export async function listSettings(db: Db): Promise<SettingView[]> {
  const stored = await rows<{ key: string; value: unknown; updated_at: unknown }>(
    db,
    sql`select key, value, updated_at from operating_settings`,
  );
  const byKey = new Map(stored.map((r) => [r.key, r]));
  return [...registry.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((d) => {
      const s = byKey.get(d.key);
      const parsed = s ? d.schema.safeParse(s.value) : undefined;
      return {
        key: d.key,
        value: parsed?.success ? parsed.data : d.default,
        default: d.default,
        description: d.description,
        changed: !!parsed?.success,
        updatedAt: parsed?.success ? iso(s?.updated_at) : null,
      };
    });
}

/** Sets one setting (400 when the value has the wrong shape; null goes back to the default). */
export async function putSetting(db: Db, key: string, value: unknown, actorId: string): Promise<SettingView> {
  const def = registry.get(key);
  if (!def) throw notFound('setting');
  if (value === null) {
    await exec(db, sql`delete from operating_settings where key = ${key}`);
  } else {
    const parsed = def.schema.safeParse(value);
    if (!parsed.success)
      throw validation(`Not a valid value for ${key}: ${parsed.error.issues[0]?.message ?? ''}`, { field: 'value' });
    await exec(
      db,
      sql`insert into operating_settings (key, value, updated_by) values (${key}, ${JSON.stringify(parsed.data)}::jsonb, ${actorId})
      on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    );
  }
  const view = (await listSettings(db)).find((s) => s.key === key);
  if (!view) throw notFound('setting');
  return view;
}
