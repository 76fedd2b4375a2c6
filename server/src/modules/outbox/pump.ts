import type { Db } from '../../db/client.js';
import { safeError } from '../../lib/log.js';
import { deliverOutbox, OUTBOX_BATCH, type OutboxHandler } from './service.js';

/**
 * How long an idle pump waits before looking again. A look is one probe of the partial index of
 * due messages (outbox_due_idx), so five a second cost the database next to nothing, and a
 * message written just after a look waits at most this long.
 */
export const OUTBOX_IDLE_MS = 200;

/**
 * Delivers the outbox continuously in the process that runs jobs: batch after batch while full
 * batches come (a backlog drains at once), then a look every `idleMs`. It used to be a job every
 * 2 seconds behind the job runner's 1-second poll, so under checkout load a notification waited
 * 2–3 s. Several processes may pump one database: each batch is claimed FOR UPDATE SKIP LOCKED.
 *
 * No NOTIFY wakes it: PostgreSQL serializes the commits of transactions that NOTIFY (a
 * database-wide lock from commit preparation to the end of the transaction), so notifying from
 * every payment would make paying checkouts commit one at a time. The idle look is the bound on
 * lag instead; `wake()` is for a caller in this process that knows it has just committed messages.
 */
export class OutboxPump {
  private stopped = false;
  private running?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private wakeUp?: () => void;
  /** woken during a batch: look again right after it instead of sleeping */
  private woken = false;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, OutboxHandler>,
    private readonly opts: { idleMs?: number; batch?: number } = {},
  ) {}

  start(): void {
    this.running = this.loop();
  }

  /** Looks now instead of at the end of the idle wait (a caller that has just committed messages). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    const batch = this.opts.batch ?? OUTBOX_BATCH;
    while (!this.stopped) {
      this.woken = false;
      let full = false;
      let wait = this.opts.idleMs ?? OUTBOX_IDLE_MS;
      try {
        full = (await deliverOutbox(this.db, this.handlers, batch)) === batch;
      } catch (err) {
        // the database is away or the batch failed as a whole: look again, but not five times a second
        console.error('outbox:', JSON.stringify(safeError(err)));
        wait = Math.max(wait, 2000);
      }
      if (full || this.woken || this.stopped) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, wait);
      });
      clearTimeout(this.timer);
      this.wakeUp = undefined;
    }
  }

  /** Stops after the batch in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
  }
}
