import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { exec, one, rows, type Db } from '../../db/client.js';
import { addDays } from '../../lib/time.js';
import { defineSetting, readSetting } from '../settings/service.js';
import { dayOfPartition, expiredDays, partitionDay, partitionName } from './rules.js';

/**
 * The day partitions of `behaviour_events` (decision 045): created ahead by the `event-partitions`
 * job, on demand by the ingestion for a day it has not seen, and dropped whole past retention.
 */

export const EVENT_RETENTION_DAYS = defineSetting({
  key: 'events.retentionDays',
  schema: z.number().int().min(30).max(3660),
  default: 400,
  description:
    '行为事件保留天数：更早的日分区整体删除（漏斗的日汇总保留）。Days of behaviour events kept; older day partitions are dropped whole (the funnel’s daily rollups stay).',
});

/** days ahead of today (UTC) the job keeps created */
export const PARTITIONS_AHEAD = 7;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The days each database handle has seen created, so the ingestion asks the catalogue once per day and process. */
const known = new WeakMap<object, Set<string>>();
const knownOf = (db: Db) => {
  const set = known.get(db) ?? new Set<string>();
  known.set(db, set);
  return set;
};

/** Makes sure the partitions of the days of these instants exist (no statement when already seen). */
export async function ensurePartitionsFor(db: Db, instants: readonly Date[]): Promise<void> {
  const seen = knownOf(db);
  const days = new Set<string>();
  for (const at of instants) {
    const day = partitionDay(at);
    if (!seen.has(day)) days.add(day);
  }
  for (const day of days) await ensurePartition(db, day);
}

/**
 * Creates the partition of one UTC day when missing. Rows the default partition caught for that day
 * (written while it was missing) move into it in the same transaction, under a lock that holds
 * back other writers of the default partition for that moment; an advisory lock keeps two
 * processes from creating the same day at once.
 */
export async function ensurePartition(db: Db, day: string): Promise<void> {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
  const name = partitionName(day);
  const exists = await one<{ ok: boolean }>(db, sql`select to_regclass(${name}) is not null as ok`);
  if (!exists?.ok) {
    const from = `${day}T00:00:00Z`;
    const to = `${addDays(day, 1)}T00:00:00Z`;
    await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      await exec(tx, sql`select pg_advisory_xact_lock(7345045, hashtext(${name}))`);
      // read from pg_class with this statement's snapshot, taken after the lock: the catalogue cache
      // behind to_regclass may not yet have seen another process's partition committed meanwhile
      const again = await one<{ ok: boolean }>(
        tx,
        sql`select exists (select 1 from pg_class where relname = ${name} and relnamespace = current_schema()::regnamespace) as ok`,
      );
      if (again?.ok) return;
      await exec(tx, sql`lock table behaviour_events_default in exclusive mode`);
      const stray = await one<{ n: number }>(
        tx,
        sql`select count(*)::int as n from behaviour_events_default where at >= ${from}::timestamptz and at < ${to}::timestamptz`,
      );
      if (stray?.n) {
        await exec(
          tx,
          sql`create temp table behaviour_events_moving on commit drop as
            select * from behaviour_events_default where at >= ${from}::timestamptz and at < ${to}::timestamptz`,
        );
        await exec(
          tx,
          sql`delete from behaviour_events_default where at >= ${from}::timestamptz and at < ${to}::timestamptz`,
        );
      }
      await exec(
        tx,
        sql.raw(`create table ${name} partition of behaviour_events for values from ('${from}') to ('${to}')`),
      );
      if (stray?.n) await exec(tx, sql`insert into behaviour_events select * from behaviour_events_moving`);
    });
  }
  knownOf(db).add(day);
}

/** The job: yesterday's, today's and the next PARTITIONS_AHEAD days' partitions (UTC days). */
export async function createPartitionsAhead(db: Db, now = new Date()): Promise<string[]> {
  const today = partitionDay(now);
  const days: string[] = [];
  for (let i = -1; i <= PARTITIONS_AHEAD; i++) days.push(addDays(today, i));
  for (const day of days) await ensurePartition(db, day);
  return days;
}

/** The days that have a partition, oldest first. */
export async function partitionDays(db: Db): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'behaviour_events'::regclass`,
  );
  return found
    .map((r) => dayOfPartition(r.name))
    .filter((d): d is string => d !== null)
    .sort();
}

/**
 * The retention job: drops the partitions whose day ended more than the retention ago (and any
 * such rows the default partition holds). Dropping a partition is a catalogue change, not a delete
 * of millions of rows: no table bloat and no long lock of the events still kept.
 */
export async function dropExpiredPartitions(db: Db, now = new Date()): Promise<string[]> {
  const retention = await readSetting(db, EVENT_RETENTION_DAYS);
  const today = partitionDay(now);
  const dropped = expiredDays(await partitionDays(db), today, retention);
  for (const day of dropped) {
    await exec(db, sql.raw(`drop table if exists ${partitionName(day)}`));
    knownOf(db).delete(day);
  }
  await exec(
    db,
    sql`delete from behaviour_events_default where at < ${`${addDays(today, -retention)}T00:00:00Z`}::timestamptz`,
  );
  return dropped;
}
