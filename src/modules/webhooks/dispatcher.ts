// The webhook dispatcher: every API instance runs one. It claims due deliveries from the database
// queue (webhook_deliveries, FOR UPDATE SKIP LOCKED: instances never take the same one), sends up to
// `concurrency` at a time, and claims more as each finishes. It looks for work every
// `pollIntervalMs`, and at once when this instance commits events (the unit of work wakes it), so
// deliveries do not wait for the next poll. Why a queue of our own and not pg-boss or
// graphile-worker: docs/webhooks.md.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { deleteEventsBefore } from '../events/index.ts';
import { attempt, type AttemptContext } from './attempt.ts';
import { httpSender, type Sender } from './sender.ts';
import { claimDue, type ClaimedDelivery } from './webhooks.repo.ts';

export interface Clock {
  now(): Date;
}

export interface DispatcherOptions {
  db: Db;
  allowPrivate: boolean;
  pollIntervalMs: number;
  /** deliveries in flight at once on this instance */
  concurrency: number;
  clock?: Clock;
  /** sends one attempt; default: node:http(s) with the SSRF-checked resolver */
  send?: Sender;
  random?: () => number;
  /** an attempt without an answer after this long has failed (default 10 s) */
  timeoutMs?: number;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Events are kept at least this long (the feed's promise); older ones are swept. */
export const EVENT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** How long stop() lets attempts in flight finish before it interrupts them. */
const STOP_GRACE_MS = 2_000;

const systemClock: Clock = { now: () => new Date() };

export class WebhookDispatcher {
  readonly #db: Db;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #clock: Clock;
  readonly #attempt: AttemptContext;
  readonly #close: () => void;
  readonly #log: DispatcherOptions['log'];
  readonly #interrupt = new AbortController();
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #stopped = false;
  #pumping: Promise<void> | null = null;
  #again = false;
  #lastSweep = 0;

  constructor(options: DispatcherOptions) {
    this.#db = options.db;
    this.#concurrency = options.concurrency;
    this.#pollIntervalMs = options.pollIntervalMs;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log;
    const sender = options.send ? null : httpSender(options.allowPrivate);
    this.#close = () => sender?.close();
    this.#attempt = {
      db: options.db,
      send: options.send ?? (sender as NonNullable<typeof sender>).send,
      now: () => this.#clock.now(),
      random: options.random ?? Math.random,
      timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      signal: this.#interrupt.signal,
    };
  }

  /** Polls from now on (each API instance; off with WEBHOOK_DELIVERY=false). */
  start(): void {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    this.#timer = setInterval(() => this.wake(), this.#pollIntervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for due deliveries now (events were committed); nothing when the dispatcher is not running. */
  wake(): void {
    if (this.#running) void this.#pump();
  }

  /**
   * Delivers everything due now and waits for it, including the retries that fall due meanwhile
   * (with a fake clock, none do). For tests and the bench; works whether or not start() was called.
   */
  async drain(): Promise<void> {
    for (;;) {
      await this.#fill();
      if (this.#inFlight.size === 0) return;
      await Promise.allSettled([...this.#inFlight.values()]);
    }
  }

  /** Stops polling, lets attempts in flight finish for a moment, then interrupts them; bounded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#pumping;
    const grace = setTimeout(() => this.#interrupt.abort(), STOP_GRACE_MS);
    await Promise.allSettled([...this.#inFlight.values()]);
    clearTimeout(grace);
    this.#close();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = (async () => {
      try {
        do {
          this.#again = false;
          await this.#sweep();
          await this.#fill();
        } while (this.#again && this.#running);
      } catch (err) {
        // the database is away, most likely: the next poll tries again
        this.#log?.warn({ err }, 'webhook dispatcher: could not claim deliveries');
      }
    })();
    await this.#pumping;
    this.#pumping = null;
  }

  /** Claims due deliveries while there is room, and starts them. */
  async #fill(): Promise<void> {
    while (!this.#stopped) {
      const room = this.#concurrency - this.#inFlight.size;
      if (room <= 0) return;
      const now = this.#clock.now();
      const token = randomUUID();
      // the lease: time for the attempt and for recording it; after it another instance takes over
      const leaseUntil = new Date(now.getTime() + this.#attempt.timeoutMs + 60_000);
      const claimed = await claimDue(this.#db, now, room, leaseUntil, token);
      for (const delivery of claimed) this.#begin(delivery, token);
      if (claimed.length < room) return;
    }
  }

  #begin(delivery: ClaimedDelivery, token: string): void {
    const running = attempt(this.#attempt, delivery, token).then(
      () => {},
      (err: unknown) => this.#log?.error({ err, deliveryId: delivery.id }, 'webhook dispatcher: could not record an attempt'),
    ).finally(() => {
      this.#inFlight.delete(delivery.id);
      this.wake();
    });
    this.#inFlight.set(delivery.id, running);
  }

  /** Deletes events past their retention, at most once an hour per instance. */
  async #sweep(): Promise<void> {
    const now = this.#clock.now().getTime();
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    await deleteEventsBefore(this.#db, new Date(now - EVENT_RETENTION_MS));
  }
}
