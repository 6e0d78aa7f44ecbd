import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/pipeline/rate-limiter.js";
import type { RateLimitOptions } from "../src/rate-limit-options.js";

// The size of each wait, which limit is named when several are hit, the bounds of each option,
// and which buckets are shared (per key, per account, per call-creation limit).

function clockAt(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

function admitted(limiter: RateLimiter, key: string, n: number, createsCall = false): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (limiter.check(key, createsCall).allowed) ok++;
  return ok;
}

function refusal(limiter: RateLimiter, key: string, createsCall = false): { scope: string; retryAfterSeconds: number; detail: string } | "allowed" {
  const decision = limiter.check(key, createsCall);
  return decision.allowed ? "allowed" : { scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds, detail: decision.body.detail };
}

const throttled = (seconds: number): string => `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.`;

describe("RateLimiter: how long a refused request must wait", () => {
  it.each([
    { given: "perKey 2, empty, at once", options: { perKey: 2 }, used: 2, after: 0, want: 1 },
    { given: "perKey 1/s, 0.4 s later: 0.6 s left, rounded up", options: { perKey: 1 }, used: 1, after: 400, want: 1 },
    { given: "callsPerMinute 3, at once: 20 s per token", options: { callsPerSecond: null, callsPerMinute: 3 }, used: 3, after: 0, want: 20 },
    { given: "callsPerMinute 3, 5 s later: 15 s", options: { callsPerSecond: null, callsPerMinute: 3 }, used: 3, after: 5_000, want: 15 },
    { given: "callsPerMinute 3, 18.5 s later: 1.5 s, rounded up to 2", options: { callsPerSecond: null, callsPerMinute: 3 }, used: 3, after: 18_500, want: 2 },
    { given: "callsPerMinute 3, 19.9 s later: 0.1 s, at least 1", options: { callsPerSecond: null, callsPerMinute: 3 }, used: 3, after: 19_900, want: 1 },
    { given: "callsPerMinute 1: 60 s", options: { callsPerSecond: null, callsPerMinute: 1 }, used: 1, after: 0, want: 60 },
    { given: "callsPerMinute 2.5: a token every 24 s", options: { callsPerSecond: null, callsPerMinute: 2.5 }, used: 2, after: 0, want: 12 },
  ] as { given: string; options: RateLimitOptions; used: number; after: number; want: number }[])("$given → Retry-After $want", ({ options, used, after, want }) => {
    const clock = clockAt();
    const createsCall = options.callsPerMinute !== undefined;
    const limiter = new RateLimiter({ perKey: null, perAccount: null, ...options }, clock.now);
    expect(admitted(limiter, "k", used, createsCall)).toBe(used);
    clock.advance(after);
    const got = refusal(limiter, "k", createsCall);
    expect(got).toEqual({ scope: createsCall ? "call-creation" : "key", retryAfterSeconds: want, detail: throttled(want) });
  });

  it("a request passes again exactly when its wait is over, not a millisecond before", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: null, callsPerMinute: 3 }, clock.now);
    admitted(limiter, "k", 3, true);
    clock.advance(19_999);
    expect(limiter.check("k", true).allowed).toBe(false);
    clock.advance(1);
    expect(limiter.check("k", true).allowed).toBe(true);
    expect(limiter.check("k", true).allowed).toBe(false);
  });

  it("names the limit with the longest wait when several are empty", () => {
    const clock = clockAt();
    // Per key 1/s and per minute 1: both empty after one call; the minute's wait (60 s) is named.
    const limiter = new RateLimiter({ perKey: 1, perAccount: null, callsPerSecond: null, callsPerMinute: 1 }, clock.now);
    expect(admitted(limiter, "k", 1, true)).toBe(1);
    expect(refusal(limiter, "k", true)).toEqual({ scope: "call-creation", retryAfterSeconds: 60, detail: throttled(60) });
    // The other way round: the key's bucket (1 per 10 s here, capacity 0.1) waits longer than the account's.
    const slow = new RateLimiter({ perKey: 1, perAccount: 3 }, clock.now);
    admitted(slow, "a", 1);
    expect(refusal(slow, "a")).toEqual({ scope: "key", retryAfterSeconds: 1, detail: throttled(1) });
  });

  it("names the account when its wait is the longer one", () => {
    const clock = clockAt();
    const accountOf = (): string => "shared";
    const limiter = new RateLimiter({ perKey: 10, perAccount: 2, accountOf }, clock.now);
    expect(admitted(limiter, "k1", 1) + admitted(limiter, "k2", 1)).toBe(2);
    expect(refusal(limiter, "k3")).toEqual({ scope: "account", retryAfterSeconds: 1, detail: throttled(1) });
  });
});

describe("RateLimiter: buckets", () => {
  it("refills continuously but never beyond capacity", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: 4, perAccount: null }, clock.now);
    expect(admitted(limiter, "k", 4)).toBe(4);
    clock.advance(250);
    expect(admitted(limiter, "k", 4)).toBe(1);
    clock.advance(60_000);
    expect(admitted(limiter, "k", 10)).toBe(4);
  });

  it("keeps keys apart: one key's use leaves another's bucket full", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: 3, perAccount: null }, clock.now);
    expect(admitted(limiter, "a", 5)).toBe(3);
    expect(admitted(limiter, "b", 5)).toBe(3);
  });

  it("keeps the per-second and per-minute call limits in buckets of their own", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: 2, callsPerMinute: 3 }, clock.now);
    expect(admitted(limiter, "k", 5, true)).toBe(2);
    clock.advance(1000);
    // The second bucket is full again; the minute one has 1 of 3 left (plus 1/20 refilled).
    expect(admitted(limiter, "k", 5, true)).toBe(1);
  });

  it("call limits are per account: two keys of one account share them", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: 3, callsPerMinute: null, accountOf: () => "acct" }, clock.now);
    expect(admitted(limiter, "k1", 2, true) + admitted(limiter, "k2", 2, true)).toBe(3);
  });

  it("call limits never apply to requests that create no call", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: 1, callsPerMinute: 1 }, clock.now);
    expect(admitted(limiter, "k", 50)).toBe(50);
    expect(admitted(limiter, "k", 2, true)).toBe(1);
  });

  it("a key is its own account by default: the account limit counts per key", () => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: 2 }, clock.now);
    expect(admitted(limiter, "a", 3) + admitted(limiter, "b", 3)).toBe(4);
    expect(refusal(limiter, "a")).toEqual({ scope: "account", retryAfterSeconds: 1, detail: throttled(1) });
  });

  it("uses Date.now when no clock is given", () => {
    const limiter = new RateLimiter({ perKey: 1, perAccount: null });
    expect(admitted(limiter, "k", 3)).toBe(1);
  });
});

describe("RateLimiter options: bounds", () => {
  // Each limit is a token bucket holding at most its capacity: below one token it could never admit
  // a request, so the option is refused up front rather than refusing every request forever.
  it.each([
    { option: "perKey", value: 0 },
    { option: "perKey", value: -1 },
    { option: "perKey", value: 0.5 },
    { option: "perAccount", value: 0 },
    { option: "perAccount", value: 0.999 },
    { option: "perAccount", value: Number.POSITIVE_INFINITY },
    { option: "callsPerSecond", value: -0.5 },
    { option: "callsPerSecond", value: Number.NaN },
    { option: "callsPerSecond", value: Number.MIN_VALUE },
    { option: "callsPerMinute", value: 0 },
    { option: "callsPerMinute", value: 0.5 },
    { option: "callsPerMinute", value: Number.NEGATIVE_INFINITY },
  ])("$option: $value is refused, naming the option, the accepted range and the value", ({ option, value }) => {
    expect(() => new RateLimiter({ [option]: value })).toThrow(new RangeError(`rateLimits.${option} must be a number >= 1 or null (off), got ${String(value)}.`));
  });

  it.each([
    { option: "perKey", value: 1 },
    { option: "perAccount", value: 1e9 },
    { option: "callsPerSecond", value: 1 },
    { option: "callsPerSecond", value: 1.5 },
    { option: "callsPerMinute", value: 2.5 },
    { option: "callsPerMinute", value: null },
  ])("$option: $value is accepted", ({ option, value }) => {
    expect(() => new RateLimiter({ [option]: value })).not.toThrow();
  });

  // The smallest accepted limit of each kind admits a request, and another once its Retry-After
  // has passed: no accepted value refuses forever.
  it.each([
    { option: "perKey", createsCall: false },
    { option: "perAccount", createsCall: false },
    { option: "callsPerSecond", createsCall: true },
    { option: "callsPerMinute", createsCall: true },
  ])("$option: 1 admits one request, then one more after the announced wait", ({ option, createsCall }) => {
    const clock = clockAt();
    const limiter = new RateLimiter({ perKey: null, perAccount: null, callsPerSecond: null, callsPerMinute: null, [option]: 1 }, clock.now);
    expect(limiter.check("k", createsCall).allowed).toBe(true);
    const refused = limiter.check("k", createsCall);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) clock.advance(refused.retryAfterSeconds * 1000);
    expect(limiter.check("k", createsCall).allowed).toBe(true);
  });
});
