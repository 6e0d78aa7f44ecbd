import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateDecision } from "../src/pipeline/rate-limiter.js";

function manualClock(start = 0) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function admitted(limiter: RateLimiter, key: string, n: number, createsCall = false): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (limiter.check(key, createsCall).allowed) ok++;
  return ok;
}

describe("RateLimiter", () => {
  it("has the documented defaults: 200/s per key, 500/s per account, calls 5/s and 30/min", () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ perKey: 200, perAccount: 500, callsPerSecond: 5, callsPerMinute: 30 });
    const clock = manualClock();
    const limiter = new RateLimiter({}, clock.now);
    expect(admitted(limiter, "k1", 250)).toBe(200);
  });

  it("answers a limited request with DRF's throttled body and Retry-After seconds", () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ perKey: 2 }, clock.now);
    admitted(limiter, "k1", 2);
    const refused = limiter.check("k1");
    expect(refused).toEqual({
      allowed: false,
      scope: "key",
      retryAfterSeconds: 1,
      body: { detail: "Request was throttled. Expected available in 1 second." },
    } satisfies RateDecision);
    expect(JSON.stringify(refused)).not.toContain("k1");
  });

  it("refills on the injected clock only", () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ perKey: 10 }, clock.now);
    expect(admitted(limiter, "k", 20)).toBe(10);
    expect(admitted(limiter, "k", 1)).toBe(0);
    clock.advance(500);
    expect(admitted(limiter, "k", 20)).toBe(5);
    clock.advance(10_000);
    expect(admitted(limiter, "k", 20)).toBe(10);
  });

  it("limits an account across its keys, and keeps other accounts apart", () => {
    const clock = manualClock();
    const accountOf = (key: string) => (key.startsWith("a-") ? "A" : "B");
    const limiter = new RateLimiter({ perKey: 4, perAccount: 6 }, clock.now);
    const shared = new RateLimiter({ perKey: 4, perAccount: 6, accountOf }, clock.now);
    expect(admitted(shared, "a-1", 10)).toBe(4);
    expect(admitted(shared, "a-2", 10)).toBe(2);
    const decision = shared.check("a-3");
    expect(decision.allowed ? "allowed" : decision.scope).toBe("account");
    expect(admitted(shared, "b-1", 10)).toBe(4);
    // Default: every key is its own account.
    expect(admitted(limiter, "a-1", 10) + admitted(limiter, "a-2", 10)).toBe(8);
  });

  it("limits call creation by whichever of per second / per minute is hit first", () => {
    const clock = manualClock();
    const limiter = new RateLimiter({}, clock.now);
    let made = 0;
    for (let second = 0; second < 60; second++) {
      made += admitted(limiter, "k", 10, true);
      clock.advance(1000);
    }
    // 5 per second alone would allow 300 in a minute. The minute bucket holds 30 and refills
    // 0.5 per second: a burst of 30, then one call every 2 s (29 more in the remaining time).
    expect(made).toBeGreaterThanOrEqual(30 + 28);
    expect(made).toBeLessThanOrEqual(30 + 30);
    const fresh = new RateLimiter({}, manualClock().now);
    expect(admitted(fresh, "k", 10, true)).toBe(5);
    const refused = fresh.check("k", true);
    expect(refused.allowed ? null : refused.scope).toBe("call-creation");
    // Other requests of the key still pass.
    expect(fresh.check("k").allowed).toBe(true);
  });

  it("tells how long to wait when the minute bucket is empty", () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ callsPerSecond: null, callsPerMinute: 3 }, clock.now);
    expect(admitted(limiter, "k", 3, true)).toBe(3);
    const refused = limiter.check("k", true);
    expect(refused.allowed ? 0 : refused.retryAfterSeconds).toBe(20);
    clock.advance(20_000);
    expect(limiter.check("k", true).allowed).toBe(true);
  });

  it("takes no token from any bucket for a refused request", () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ perKey: 100, callsPerSecond: 1, callsPerMinute: null }, clock.now);
    expect(admitted(limiter, "k", 1, true)).toBe(1);
    expect(admitted(limiter, "k", 50, true)).toBe(0);
    // The 50 refused call creations did not use the key's budget: 99 left.
    expect(admitted(limiter, "k", 200)).toBe(99);
  });

  it("null turns a limit off; reset() refills everything", () => {
    const clock = manualClock();
    const off = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: null, callsPerMinute: null }, clock.now);
    expect(admitted(off, "k", 5000, true)).toBe(5000);
    const limiter = new RateLimiter({ perKey: 1 }, clock.now);
    expect(admitted(limiter, "k", 3)).toBe(1);
    limiter.reset();
    expect(admitted(limiter, "k", 3)).toBe(1);
  });

  it("a clock set backwards mints no tokens", () => {
    const clock = manualClock(10_000);
    const limiter = new RateLimiter({ perKey: 2 }, clock.now);
    expect(admitted(limiter, "k", 5)).toBe(2);
    clock.advance(-5_000);
    expect(admitted(limiter, "k", 5)).toBe(0);
  });

  it("refuses nonsense limits", () => {
    expect(() => new RateLimiter({ perKey: 0 })).toThrow("rateLimits.perKey must be a number >= 1 or null (off), got 0.");
    expect(() => new RateLimiter({ callsPerMinute: Number.NaN })).toThrow(/callsPerMinute/);
  });
});
