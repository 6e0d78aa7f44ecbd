/**
 * "real": wall time plus an offset that `advance`/`set` move (the time keeps flowing).
 * "virtual": time stands still and moves only when told (deterministic tests).
 */
export type ClockMode = "real" | "virtual";

/** What a listener learns when the clock is moved by `advance` or `set`. */
export interface ClockChange {
  readonly previous: number;
  readonly now: number;
}

/** Called on every `advance`/`set`; may return a promise the move then waits for (e.g. webhook deliveries). */
export type ClockListener = (change: ClockChange) => void | Promise<void>;

export interface VirtualClockOptions {
  /** Default "virtual", as the mock's. */
  readonly mode?: ClockMode;
  /** Where the clock starts. Default: the wall time at creation. */
  readonly start?: Date | number | string;
  /** The wall clock (ms since the epoch) used in "real" mode and for the default start. Default `Date.now`. */
  readonly wallNow?: () => number;
}

/**
 * The mock's notion of "now", shared by timestamps, the batch lifecycle and rate limits.
 * Moving it notifies listeners so that time-driven work (the scheduled-batch lifecycle) runs.
 */
export class VirtualClock {
  readonly #mode: ClockMode;
  readonly #wallNow: () => number;
  // "real": offset added to the wall clock; "virtual": the frozen time itself.
  #value: number;
  readonly #listeners = new Set<ClockListener>();

  constructor(options: VirtualClockOptions = {}) {
    const mode: unknown = options.mode ?? "virtual";
    // Options may come from JSON (admin route, CLI), so the type alone does not guarantee this.
    if (mode !== "real" && mode !== "virtual") {
      throw new TypeError(`Unknown clock mode ${JSON.stringify(mode)}: use "real" or "virtual".`);
    }
    this.#mode = mode;
    this.#wallNow = options.wallNow ?? Date.now;
    const start = options.start === undefined ? this.#wallNow() : toMillis(options.start, "start");
    this.#value = this.#mode === "real" ? start - this.#wallNow() : start;
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#mode === "real" ? this.#wallNow() + this.#value : this.#value;
  }

  date(): Date {
    return new Date(this.now());
  }

  /**
   * Moves the clock forward by `ms` and runs the listeners. Their synchronous part is done when
   * this returns; await the promise to also wait for their asynchronous work.
   */
  advance(ms: number): Promise<number> {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock.advance(ms) needs a finite number of milliseconds >= 0, got ${String(ms)}.`);
    }
    return this.#move(this.now() + ms);
  }

  /** Puts the clock at `date` (also backwards: state already reached is not undone) and runs the listeners. */
  set(date: Date | number | string): Promise<number> {
    return this.#move(toMillis(date, "clock.set(date)"));
  }

  /** Registers a listener; returns its removal. */
  onChange(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  toJSON(): { mode: ClockMode; now: string } {
    return { mode: this.#mode, now: this.date().toISOString() };
  }

  async #move(target: number): Promise<number> {
    const previous = this.now();
    this.#value = this.#mode === "real" ? target - this.#wallNow() : target;
    const change: ClockChange = { previous, now: target };
    const pending: Promise<void>[] = [];
    for (const listener of [...this.#listeners]) {
      const result = listener(change);
      if (result instanceof Promise) pending.push(result);
    }
    await Promise.all(pending);
    return target;
  }
}

/** A date given as Date, epoch milliseconds or an ISO string, checked. */
export function toMillis(value: Date | number | string, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date: ${JSON.stringify(String(value))}.`);
  return ms;
}
