import { sql } from 'drizzle-orm';
import { Cron } from 'croner';
import { rows, exec, type Db } from '../db/client.js';
import { safeError } from '../lib/log.js';

export type JobHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;

export interface JobSpec {
  name: string;
  /** once-only key: scheduling the same key again moves the existing job instead of adding one */
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  /** cron pattern (croner syntax, seconds allowed) for recurring jobs */
  schedule?: string;
}

export async function scheduleJob(db: Db, job: JobSpec): Promise<void> {
  await exec(
    db,
    sql`
    insert into jobs (name, key, payload, run_at, schedule)
    values (${job.name}, ${job.key}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt.toISOString()}, ${job.schedule ?? null})
    on conflict (key) do update set run_at = excluded.run_at, payload = excluded.payload, schedule = excluded.schedule,
      status = case when jobs.status = 'done' and excluded.schedule is null then jobs.status else 'pending' end,
      updated_at = now()`,
  );
}

const nextRun = (pattern: string) => new Cron(pattern, { paused: true }).nextRun() ?? new Date(Date.now() + 60_000);

/** Ensures a recurring job exists without moving its next run when it already does. */
export async function ensureRecurring(db: Db, name: string, schedule: string): Promise<void> {
  await exec(
    db,
    sql`
    insert into jobs (name, key, run_at, schedule) values (${name}, ${name}, ${nextRun(schedule).toISOString()}, ${schedule})
    on conflict (key) do update set schedule = excluded.schedule, status = 'pending'`,
  );
}

interface LeasedJob {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  schedule: string | null;
  attempts: number;
}

const MAX_ATTEMPTS = 10;

/**
 * Leases due jobs with FOR UPDATE SKIP LOCKED, so several server processes share one table
 * and a job runs in one of them at a time; a crashed runner's lease expires after 5 minutes.
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, limit = 5): Promise<number> {
  const leased = await rows<LeasedJob>(
    db,
    sql`
    update jobs set locked_until = now() + interval '5 minutes', attempts = attempts + 1, updated_at = now()
    where id in (
      select id from jobs
      where status = 'pending' and run_at <= now() and (locked_until is null or locked_until < now())
      order by run_at limit ${limit} for update skip locked)
    returning id, name, payload, schedule, attempts`,
  );
  for (const job of leased) {
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler(db, job.payload);
      if (job.schedule) {
        await exec(
          db,
          sql`update jobs set run_at = ${nextRun(job.schedule).toISOString()}, locked_until = null,
          attempts = 0, last_error = null, updated_at = now() where id = ${job.id}`,
        );
      } else {
        await exec(
          db,
          sql`update jobs set status = 'done', locked_until = null, updated_at = now() where id = ${job.id}`,
        );
      }
    } catch (err) {
      const message = safeError(err).message;
      const retryInSeconds = Math.min(2 ** job.attempts, 600);
      const failed = !job.schedule && job.attempts >= MAX_ATTEMPTS;
      await exec(
        db,
        sql`update jobs set status = ${failed ? 'failed' : 'pending'}, last_error = ${message},
        locked_until = null, run_at = now() + make_interval(secs => ${retryInSeconds}), updated_at = now() where id = ${job.id}`,
      );
    }
  }
  return leased.length;
}

/** Polls the jobs table on an interval until stopped. */
export class JobRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly intervalMs = 1000,
  ) {}

  start() {
    const tick = async () => {
      try {
        while (!this.stopped && (await runDueJobs(this.db, this.handlers)) > 0);
      } catch (err) {
        console.error('job runner:', JSON.stringify(safeError(err)));
      }
      if (!this.stopped)
        this.timer = setTimeout(() => {
          this.running = tick();
        }, this.intervalMs);
    };
    this.timer = setTimeout(() => {
      this.running = tick();
    }, this.intervalMs);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
