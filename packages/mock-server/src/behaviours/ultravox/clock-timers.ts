/*
 * Timers on the mock's clock. A timer fires once the clock has reached its time: when the clock is
 * moved (`advance`/`set` notify `onChange`), when it is scheduled already due, and — for a clock that
 * flows with wall time — from a wall-time `setTimeout` armed for the earliest timer.
 *
 * Due timers run one at a time, earliest first (ties in scheduling order), each awaited before the
 * next; a timer a callback schedules that is already due runs in the same pass. So one
 * `await clock.advance(10 * 60_000)` runs a whole chain (a call joins, ends, is billed, its webhook
 * deliveries and their due retries) in the order it would have happened, and the promise settles
 * when that work is done.
 */

/** The part of the mock's clock (VirtualClock) timers need. */
export interface TimerClockSource {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Called on every clock move; a returned promise is awaited by the move. Returns its removal. */
  onChange(listener: (change: { readonly previous: number; readonly now: number }) => void | Promise<void>): () => void;
}

/** Runs at (or after) its time; `at` is the time it was due, on the mock's clock (ms since the epoch). */
export type TimerCallback = (at: number) => void | Promise<void>;

/** What the call lifecycle and webhook delivery need from a clock. */
export interface TimerClock {
  /** Milliseconds since the epoch, on the mock's clock. */
  now(): number;
  /** Runs `callback` once the clock reaches `at` (ms since the epoch); returns its cancellation. */
  schedule(at: number, callback: TimerCallback): () => void;
}

export interface ClockTimersOptions {
  /**
   * Also fire timers as wall time passes (for a "real" clock, whose time flows without moves).
   * Default false: timers fire only when the clock is moved or when scheduled already due.
   */
  readonly wallTime?: boolean;
  /** Where a callback's error goes (the timer is not retried). Default: `console.error`. */
  readonly onError?: (error: unknown) => void;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: TimerCallback;
  cancelled: boolean;
}

// setTimeout's largest delay; a longer wait is re-armed when it expires.
const MAX_WALL_DELAY = 2_147_483_647;

export class ClockTimers implements TimerClock {
  readonly #source: TimerClockSource;
  readonly #wallTime: boolean;
  readonly #onError: (error: unknown) => void;
  // Sorted by (at, seq).
  #timers: Timer[] = [];
  #seq = 0;
  #running: Promise<void> | undefined;
  #wallTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #unsubscribe: () => void;

  constructor(source: TimerClockSource, options: ClockTimersOptions = {}) {
    this.#source = source;
    this.#wallTime = options.wallTime ?? false;
    this.#onError =
      options.onError ??
      ((error: unknown) => {
        console.error(error);
      });
    this.#unsubscribe = source.onChange(() => this.run());
  }

  now(): number {
    return this.#source.now();
  }

  schedule(at: number, callback: TimerCallback): () => void {
    if (typeof at !== "number" || Number.isNaN(at)) throw new RangeError(`A timer needs a time in ms since the epoch, got ${String(at)}.`);
    const timer: Timer = { at, seq: ++this.#seq, callback, cancelled: false };
    this.#insert(timer);
    if (at <= this.#source.now()) void this.run();
    else this.#armWall();
    return () => {
      timer.cancelled = true;
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Timers waiting (not yet fired, not cancelled). */
  get pending(): number {
    return this.#timers.length;
  }

  /** The earliest waiting timer's time, or undefined. */
  get next(): number | undefined {
    return this.#timers[0]?.at;
  }

  /**
   * Runs every due timer (and those they make due); settles when none is left due. Called on
   * every clock move; call it yourself before a request for a "real" clock without `wallTime`.
   */
  run(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    // #drain never rejects: callbacks' errors go to onError.
    const running = this.#drain().then(() => {
      this.#running = undefined;
      // Something made due between the last check and now (another microtask) gets its own pass.
      const first = this.#timers[0];
      if (first !== undefined && first.at <= this.#source.now()) return this.run();
      this.#armWall();
      return undefined;
    });
    this.#running = running;
    return running;
  }

  /** Settles when no timer is running (due ones included). */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** Drops every waiting timer (the mock was reset); one running finishes. */
  clear(): void {
    for (const timer of this.#timers) timer.cancelled = true;
    this.#timers = [];
    this.#disarmWall();
  }

  /** Stops listening to the clock and drops every timer. */
  dispose(): void {
    this.clear();
    this.#unsubscribe();
  }

  async #drain(): Promise<void> {
    // Started from schedule() inside a synchronous caller: let it finish first (a creation
    // answers before its call.started is delivered).
    await Promise.resolve();
    for (;;) {
      const first = this.#timers[0];
      if (first === undefined || first.at > this.#source.now()) return;
      this.#timers.shift();
      if (first.cancelled) continue;
      try {
        const result = first.callback(first.at);
        if (result instanceof Promise) await result;
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  #insert(timer: Timer): void {
    // Binary search for the first timer after (at, seq); seq only grows, so ties keep their order.
    let low = 0;
    let high = this.#timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.#timers[mid];
      if (other !== undefined && other.at <= timer.at) low = mid + 1;
      else high = mid;
    }
    this.#timers.splice(low, 0, timer);
  }

  #armWall(): void {
    if (!this.#wallTime) return;
    this.#disarmWall();
    const first = this.#timers[0];
    if (first === undefined) return;
    const delay = Math.min(Math.max(0, first.at - this.#source.now()), MAX_WALL_DELAY);
    this.#wallTimer = setTimeout(() => {
      this.#wallTimer = undefined;
      void this.run().then(() => {
        this.#armWall();
      });
    }, delay);
    // Pending timers never keep a Node process alive on their own (browsers' timers are numbers).
    const handle = this.#wallTimer as unknown as { unref?: () => void };
    if (typeof handle === "object" && typeof handle.unref === "function") handle.unref();
  }

  #disarmWall(): void {
    if (this.#wallTimer !== undefined) clearTimeout(this.#wallTimer);
    this.#wallTimer = undefined;
  }
}
