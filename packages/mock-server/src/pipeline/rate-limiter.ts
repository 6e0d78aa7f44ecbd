import type { RateLimitOptions } from "../rate-limit-options.js";

export const DEFAULT_RATE_LIMITS = {
  perKey: 200,
  perAccount: 500,
  callsPerSecond: 5,
  callsPerMinute: 30,
} as const;

export type RateLimitScope = "key" | "account" | "call-creation";

export type RateDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly scope: RateLimitScope;
      /** Whole seconds until a retry can pass (>= 1), for `Retry-After`. */
      readonly retryAfterSeconds: number;
      /** DRF's throttled answer, as the API sends it. Never names the key. */
      readonly body: { readonly detail: string };
    };

/** A bucket of `capacity` tokens refilled continuously over `periodMs`; starts full. */
class TokenBucket {
  readonly capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #at: number;

  constructor(capacity: number, periodMs: number, now: number) {
    this.capacity = capacity;
    this.#perMs = capacity / periodMs;
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Ms until one token is there (0: now). */
  waitMs(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : (1 - this.#tokens) / this.#perMs;
  }

  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  #refill(now: number): void {
    // A clock set backwards must not mint tokens.
    if (now > this.#at) this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = Math.max(this.#at, now);
  }
}

interface Limit {
  readonly scope: RateLimitScope;
  readonly capacity: number;
  readonly periodMs: number;
  readonly keyOf: (apiKey: string, account: string) => string;
  readonly callsOnly: boolean;
}

/**
 * Token buckets per key, per account and for call creation, on the injected clock: with a virtual
 * clock, buckets refill only as the clock moves, so a test can exhaust a limit and then
 * `clock.advance(1000)` to free it, without waiting.
 */
export class RateLimiter {
  readonly #now: () => number;
  readonly #accountOf: (apiKey: string) => string;
  readonly #limits: Limit[];
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(options: RateLimitOptions = {}, now: () => number = Date.now) {
    this.#now = now;
    this.#accountOf = options.accountOf ?? ((key) => key);
    const limits: Limit[] = [];
    const add = (scope: RateLimitScope, value: number | null | undefined, fallback: number, periodMs: number, callsOnly: boolean, name: string) => {
      const capacity = value === undefined ? fallback : value;
      if (capacity === null) return;
      // A bucket holds at most its capacity: below 1 it never holds a whole token and would refuse
      // every request forever while its Retry-After promised a wait.
      if (!Number.isFinite(capacity) || capacity < 1) {
        throw new RangeError(`rateLimits.${name} must be a number >= 1 or null (off), got ${String(capacity)}.`);
      }
      const keyOf = scope === "key" ? (k: string) => `key:${k}` : (_k: string, account: string) => `${scope}:${name}:${account}`;
      limits.push({ scope, capacity, periodMs, keyOf, callsOnly });
    };
    add("key", options.perKey, DEFAULT_RATE_LIMITS.perKey, 1000, false, "perKey");
    add("account", options.perAccount, DEFAULT_RATE_LIMITS.perAccount, 1000, false, "perAccount");
    add("call-creation", options.callsPerSecond, DEFAULT_RATE_LIMITS.callsPerSecond, 1000, true, "callsPerSecond");
    add("call-creation", options.callsPerMinute, DEFAULT_RATE_LIMITS.callsPerMinute, 60_000, true, "callsPerMinute");
    this.#limits = limits;
  }

  /**
   * Admits one request of `apiKey` (and counts it) or says which limit it hit. A refused request
   * takes no token from any bucket, so the limits do not punish waiting clients twice.
   */
  check(apiKey: string, createsCall = false): RateDecision {
    const now = this.#now();
    const account = this.#accountOf(apiKey);
    const applicable: TokenBucket[] = [];
    let worst: { scope: RateLimitScope; waitMs: number } | undefined;
    for (const limit of this.#limits) {
      if (limit.callsOnly && !createsCall) continue;
      const id = limit.keyOf(apiKey, account);
      let bucket = this.#buckets.get(id);
      if (bucket === undefined) {
        bucket = new TokenBucket(limit.capacity, limit.periodMs, now);
        this.#buckets.set(id, bucket);
      }
      const waitMs = bucket.waitMs(now);
      if (waitMs > 0 && (worst === undefined || waitMs > worst.waitMs)) worst = { scope: limit.scope, waitMs };
      applicable.push(bucket);
    }
    if (worst !== undefined) {
      const seconds = Math.max(1, Math.ceil(worst.waitMs / 1000));
      return {
        allowed: false,
        scope: worst.scope,
        retryAfterSeconds: seconds,
        body: { detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.` },
      };
    }
    for (const bucket of applicable) bucket.take(now);
    return { allowed: true };
  }

  /** Forgets all buckets (every limit full again). */
  reset(): void {
    this.#buckets.clear();
  }
}
