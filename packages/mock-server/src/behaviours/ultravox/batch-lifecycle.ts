import { signWebhook } from "@ultravox-api/client/webhooks";
import type { LifecycleBatch, LifecycleScheduledCall, ScheduledCallUpdate } from "./batch-model.js";
import { isOutgoingMedium, parseTime } from "./batch-validation.js";

/*
 * The Outbound Call Scheduler as the mock plays it (docs.ultravox.ai/telephony/outbound-call-scheduler):
 * - Before the window opens (windowStart, or the batch's creation when unset) every call is FUTURE.
 * - When it opens, the calls still to make become PENDING (waiting for capacity), and are made one
 *   after the other at `callIntervalMs` (default 1 s): call i of the batch is due at
 *   windowStart + i × interval. Making one creates a real Call (SUCCESS, `callId` set).
 * - Calls whose turn does not come before windowEnd become EXPIRED when it passes.
 * - `completedCount` counts SUCCESS and ERROR ("created or error", per the spec); `endedAt` is set
 *   when no call is left FUTURE or PENDING.
 * - Paused batches make no call. The docs say "Once paused, batches cannot currently be resumed",
 *   so unpausing is refused (see validateBatchPatch). Their window still closes: what was not made
 *   by windowEnd is EXPIRED, as for any batch.
 * - Webhook mode: for a call without an outgoing medium, when it is made the mock POSTs
 *   `{"event": "call.started", "call": <Call>}` to webhookUrl, signed with the client's signWebhook.
 *   A delivery that fails (network error, timeout, non-2xx) marks the call ERROR with a message and
 *   the Call is discarded.
 */

/**
 * What the lifecycle needs from the mock's state; `Ref` is the store's handle on one batch
 * (e.g. tenant + agent id + batch id). Every method is synchronous: the state is in memory.
 */
export interface BatchLifecycleStore<Ref> {
  /** The batch, or undefined once it is deleted. */
  batch(ref: Ref): LifecycleBatch | undefined;
  /** Its scheduled calls in creation order. */
  scheduledCalls(ref: Ref): readonly LifecycleScheduledCall[];
  updateScheduledCall(ref: Ref, key: string, update: ScheduledCallUpdate): void;
  /** Creates the Call resource for a scheduled call, `created` at `at`; returns it (with `callId`). */
  createCall(ref: Ref, call: LifecycleScheduledCall, at: Date): { readonly callId: string } & Readonly<Record<string, unknown>>;
  /** Removes a Call created for a delivery that then failed. */
  discardCall(ref: Ref, callId: string): void;
  updateBatch(ref: Ref, update: { readonly completedCount: number; readonly endedAt: string | null }): void;
}

export interface BatchLifecycleOptions {
  /** Time between two calls of a batch, on the mock's clock. Default 1000 ms. */
  readonly callIntervalMs?: number;
  /** Used for webhook deliveries. Default `globalThis.fetch`. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Wall-time limit of one delivery. Default 10 000 ms. */
  readonly webhookTimeoutMs?: number;
}

export const DEFAULT_CALL_INTERVAL_MS = 1000;

interface Pending<Ref> {
  readonly ref: Ref;
  readonly call: LifecycleScheduledCall;
  readonly due: number;
}

/** What advanceTo returns when nothing is due: one settled promise, shared. */
export const SETTLED = Promise.resolve();

/**
 * Drives every tracked batch to where it should be at a given time. `advanceTo(now)` does all
 * synchronous transitions before it returns; webhook deliveries run after, one at a time per batch
 * (the returned promise settles when they are done). The mock calls it on every clock move and,
 * without awaiting, before every request, so "real" clocks progress too and a webhook receiver
 * calling back into the mock is never blocked.
 */
export class BatchLifecycle<Ref> {
  readonly #store: BatchLifecycleStore<Ref>;
  readonly #interval: number;
  readonly #fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly #timeoutMs: number;
  // Batch → earliest time something can change for it.
  readonly #next = new Map<Ref, number>();
  readonly #busy = new Map<Ref, Promise<void>>();
  #earliest = -Infinity;
  #latest = -Infinity;

  constructor(store: BatchLifecycleStore<Ref>, options: BatchLifecycleOptions = {}) {
    this.#store = store;
    this.#interval = options.callIntervalMs ?? DEFAULT_CALL_INTERVAL_MS;
    if (!Number.isFinite(this.#interval) || this.#interval < 0) {
      throw new RangeError(`callIntervalMs must be a number of milliseconds >= 0, got ${String(this.#interval)}.`);
    }
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.webhookTimeoutMs ?? 10_000;
  }

  get callIntervalMs(): number {
    return this.#interval;
  }

  /** Starts (or re-checks, after a PATCH) following a batch. */
  track(ref: Ref): void {
    this.#next.set(ref, -Infinity);
    this.#earliest = -Infinity;
  }

  /** Stops following a batch (deleted). */
  untrack(ref: Ref): void {
    this.#next.delete(ref);
  }

  /** Stops following every batch (the mock's state was reset); deliveries in flight finish unseen. */
  clear(): void {
    this.#next.clear();
    this.#earliest = Infinity;
  }

  /** Batches still followed (not ended, not deleted). */
  get tracked(): number {
    return this.#next.size;
  }

  advanceTo(now: number): Promise<void> {
    this.#latest = Math.max(this.#latest, now);
    // Called before every request: nothing due costs no promise.
    if (now < this.#earliest && this.#busy.size === 0) return SETTLED;
    let earliest = Infinity;
    for (const [ref, nextAt] of this.#next) {
      if (this.#busy.has(ref)) continue;
      if (nextAt > now) {
        earliest = Math.min(earliest, nextAt);
        continue;
      }
      const result = this.#step(ref, now);
      if (result.kind === "deliver") this.#busy.set(ref, this.#drain(result.pending));
      else earliest = Math.min(earliest, result.nextAt);
    }
    this.#earliest = this.#busy.size > 0 ? -Infinity : earliest;
    return this.idle();
  }

  /** Settles when no webhook delivery is in flight. */
  async idle(): Promise<void> {
    while (this.#busy.size > 0) await Promise.all([...this.#busy.values()]);
  }

  async #drain(first: Pending<Ref>): Promise<void> {
    let pending: Pending<Ref> | undefined = first;
    try {
      while (pending !== undefined) {
        await this.#deliver(pending);
        const result = this.#step(pending.ref, this.#latest);
        pending = result.kind === "deliver" ? result.pending : undefined;
      }
    } finally {
      this.#busy.delete(first.ref);
      this.#earliest = -Infinity;
    }
  }

  /** Applies every synchronous transition due at `now`; stops at the first call needing a delivery. */
  #step(ref: Ref, now: number): { kind: "idle"; nextAt: number } | { kind: "deliver"; pending: Pending<Ref> } {
    const batch = this.#store.batch(ref);
    if (batch === undefined || (batch.endedAt !== undefined && batch.endedAt !== null)) {
      this.#next.delete(ref);
      return { kind: "idle", nextAt: Infinity };
    }
    const created = Date.parse(batch.created);
    const start = Math.max(created, parseTime(batch.windowStart) ?? created);
    const end = parseTime(batch.windowEnd) ?? Infinity;
    const idle = (nextAt: number) => {
      this.#next.set(ref, nextAt);
      return { kind: "idle" as const, nextAt };
    };
    if (now < start) return idle(start);

    const calls = this.#store.scheduledCalls(ref);
    let changed = false;
    let lastTransition = start;
    if (batch.paused !== true) {
      for (const call of calls) {
        if (call.status === "FUTURE") {
          this.#store.updateScheduledCall(ref, call.key, { status: "PENDING" });
          changed = true;
        }
      }
      const current = changed ? this.#store.scheduledCalls(ref) : calls;
      for (let i = 0; i < current.length; i++) {
        const call = current[i];
        if (call === undefined || (call.status !== "PENDING" && call.status !== "FUTURE")) continue;
        const due = start + i * this.#interval;
        if (due >= end) break;
        if (due > now) {
          if (changed) this.#recount(ref, null);
          return idle(Math.min(due, end));
        }
        if (needsWebhook(batch, call)) {
          if (changed) this.#recount(ref, null);
          this.#next.set(ref, -Infinity);
          return { kind: "deliver", pending: { ref, call, due } };
        }
        const made = this.#store.createCall(ref, call, new Date(due));
        this.#store.updateScheduledCall(ref, call.key, { status: "SUCCESS", callId: made.callId, error: null });
        changed = true;
        lastTransition = due;
      }
    }

    const after = this.#store.scheduledCalls(ref);
    const open = after.filter((c) => c.status === "FUTURE" || c.status === "PENDING");
    if (open.length > 0 && now >= end) {
      for (const call of open) this.#store.updateScheduledCall(ref, call.key, { status: "EXPIRED", callId: null, error: null });
      this.#recount(ref, new Date(end).toISOString());
      this.#next.delete(ref);
      return { kind: "idle", nextAt: Infinity };
    }
    if (open.length === 0) {
      const endedAt = new Date(Math.max(lastTransition, this.#lastDue(after, start))).toISOString();
      this.#recount(ref, endedAt);
      this.#next.delete(ref);
      return { kind: "idle", nextAt: Infinity };
    }
    if (changed) this.#recount(ref, null);
    // Paused (or every remaining call past the window's end): only the window's end changes anything.
    return idle(end);
  }

  /** The due time of the last call that was made or failed (the batch ends with it). */
  #lastDue(calls: readonly LifecycleScheduledCall[], start: number): number {
    let last = start;
    calls.forEach((call, i) => {
      if (call.status === "SUCCESS" || call.status === "ERROR") last = start + i * this.#interval;
    });
    return last;
  }

  #recount(ref: Ref, endedAt: string | null): void {
    const completedCount = this.#store.scheduledCalls(ref).filter((c) => c.status === "SUCCESS" || c.status === "ERROR").length;
    this.#store.updateBatch(ref, { completedCount, endedAt });
  }

  async #deliver({ ref, call, due }: Pending<Ref>): Promise<void> {
    const batch = this.#store.batch(ref);
    if (batch === undefined) return;
    const url = batch.webhookUrl ?? "";
    const made = this.#store.createCall(ref, call, new Date(due));
    const body = JSON.stringify({ event: "call.started", call: made });
    let failure: string | undefined;
    try {
      // The timestamp is "now" on the mock's clock, so a receiver checking freshness against that clock accepts it.
      const signed = batch.webhookSecret ? await signWebhook({ body, secret: batch.webhookSecret, timestamp: Math.max(this.#latest, due) }) : {};
      const response = await this.#fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...signed },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) failure = `Webhook delivery to ${url} failed: HTTP ${response.status}.`;
    } catch (error) {
      const reason = error instanceof Error ? (error.name === "TimeoutError" ? `no answer within ${this.#timeoutMs} ms` : error.message) : String(error);
      failure = `Webhook delivery to ${url} failed: ${reason}.`;
    }
    if (this.#store.batch(ref) === undefined) return;
    if (failure === undefined) {
      this.#store.updateScheduledCall(ref, call.key, { status: "SUCCESS", callId: made.callId, error: null });
    } else {
      this.#store.discardCall(ref, made.callId);
      this.#store.updateScheduledCall(ref, call.key, { status: "ERROR", callId: null, error: failure });
    }
    this.#recount(ref, null);
  }
}

function needsWebhook(batch: LifecycleBatch, call: LifecycleScheduledCall): boolean {
  return typeof batch.webhookUrl === "string" && batch.webhookUrl !== "" && !isOutgoingMedium(call.medium);
}
