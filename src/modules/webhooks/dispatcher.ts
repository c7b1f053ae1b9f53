// The webhook dispatcher: every API instance runs one. It claims due deliveries from the database
// queue (webhook_deliveries, FOR UPDATE SKIP LOCKED: instances never take the same one), sends up to
// `concurrency` at a time, and keeps up to as many more claimed and waiting, claimed in batches as
// the attempts finish (a claim per attempt would make the claims the bottleneck). It looks for work
// every `pollIntervalMs`, and at once when this instance commits events (the unit of work wakes
// it), so deliveries do not wait for the next poll. Why a queue of our own and not pg-boss or
// graphile-worker: docs/webhooks.md.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { deleteEventsBefore } from '../events/index.ts';
import { attempt, SuccessLog, type AttemptContext } from './attempt.ts';
import { httpSender, type Sender } from './sender.ts';
import { claimDue, releaseClaims, type ClaimedDelivery } from './webhooks.repo.ts';

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
  /** claimed, waiting for a free slot */
  readonly #waiting: { delivery: ClaimedDelivery; token: string }[] = [];
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
    const sender = options.send ? { send: options.send, close: () => {} } : httpSender(options.allowPrivate);
    this.#close = () => sender.close();
    this.#attempt = {
      db: options.db,
      successes: new SuccessLog(options.db),
      send: sender.send,
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
      if (this.#inFlight.size === 0 && this.#waiting.length === 0) return;
      await Promise.allSettled([...this.#inFlight.values()]);
    }
  }

  /**
   * Stops polling and gives the claimed deliveries not yet attempted back to the queue; lets the
   * attempts in flight finish for a moment, then interrupts them. Bounded.
   */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#pumping;
    const waiting = this.#waiting.splice(0);
    for (const token of new Set(waiting.map((w) => w.token))) {
      await releaseClaims(this.#db, waiting.filter((w) => w.token === token).map((w) => w.delivery.id), token, this.#clock.now())
        .catch((err: unknown) => this.#log?.warn({ err }, 'webhook dispatcher: could not give back claimed deliveries (another instance takes them over when their lease ends)'));
    }
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

  /**
   * Starts waiting deliveries while a slot is free, and claims more when fewer than one and a half
   * times `concurrency` are in flight or waiting: in batches, not one per finished attempt.
   */
  async #fill(): Promise<void> {
    const target = 2 * this.#concurrency;
    while (!this.#stopped) {
      this.#startWaiting();
      const held = this.#inFlight.size + this.#waiting.length;
      const wanted = target - held;
      if (held > 0 && wanted < Math.ceil(this.#concurrency / 2)) return;
      const now = this.#clock.now();
      const token = randomUUID();
      // the lease: time for the attempts queued before it, its own, and recording it; after it,
      // another instance takes the delivery over
      const leaseUntil = new Date(now.getTime() + 2 * this.#attempt.timeoutMs + 60_000);
      const claimed = await claimDue(this.#db, now, wanted, leaseUntil, token);
      for (const delivery of claimed) this.#waiting.push({ delivery, token });
      this.#startWaiting();
      if (claimed.length < wanted) return;
    }
  }

  #startWaiting(): void {
    while (this.#inFlight.size < this.#concurrency && !this.#stopped) {
      const next = this.#waiting.shift();
      if (!next) return;
      this.#begin(next.delivery, next.token);
    }
  }

  #begin(delivery: ClaimedDelivery, token: string): void {
    const running = attempt(this.#attempt, delivery, token).then(
      () => {},
      (err: unknown) => this.#log?.error({ err, deliveryId: delivery.id }, 'webhook dispatcher: could not record an attempt'),
    ).finally(() => {
      this.#inFlight.delete(delivery.id);
      this.#startWaiting();
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
