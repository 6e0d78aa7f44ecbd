import { describe, expect, it } from "vitest";
import { parseRetryAfter, resolveRetryPolicy, retryDelay, type RetryOptions } from "../src/internal/retry-policy.js";

const NOW = Date.parse("2026-11-29T05:00:00Z");

describe("parseRetryAfter", () => {
  const cases: { given: string | null; want: number | undefined }[] = [
    { given: null, want: undefined },
    { given: "", want: undefined },
    { given: "3", want: 3000 },
    { given: "0.5", want: 500 },
    { given: "Sun, 29 Nov 2026 05:00:10 GMT", want: 10_000 },
    { given: "Sun, 29 Nov 2026 04:59:00 GMT", want: 0 },
    { given: "soon", want: undefined },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});

describe("retryDelay", () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  const cases: { attempt: number; header: string | null; random: number; want: number }[] = [
    { attempt: 0, header: null, random: 0.5, want: 50 },
    { attempt: 2, header: null, random: 0.5, want: 200 },
    { attempt: 9, header: null, random: 0.999, want: 999 },
    { attempt: 0, header: null, random: 0, want: 0 },
    { attempt: 0, header: "4", random: 0.5, want: 4000 },
    { attempt: 1, header: "Sun, 29 Nov 2026 05:00:02 GMT", random: 0.5, want: 2000 },
    { attempt: 1, header: "3600", random: 0.5, want: 100 },
    { attempt: 1, header: "nonsense", random: 0.25, want: 50 },
  ];
  it.each(cases)("attempt $attempt, Retry-After $header, random $random → $want ms", ({ attempt, header, random, want }) => {
    expect(retryDelay(attempt, header, policy, () => random, NOW)).toBe(want);
  });
});

describe("retryDelay with the default settings (initialDelayMs 500, maxDelayMs 8000, maxRetryAfterMs 60000)", () => {
  const cases: { attempt: number; header: string | null; random: number; want: number }[] = [
    { attempt: 0, header: null, random: 0.5, want: 250 },
    { attempt: 3, header: null, random: 0.5, want: 2000 },
    { attempt: 4, header: null, random: 0.5, want: 4000 },
    { attempt: 5, header: null, random: 0.999, want: 7992 },
    { attempt: 0, header: "60", random: 0.5, want: 60_000 },
    { attempt: 0, header: "61", random: 0.5, want: 250 },
  ];
  it.each(cases)("attempt $attempt, Retry-After $header, random $random → $want ms", ({ attempt, header, random, want }) => {
    expect(retryDelay(attempt, header, {}, () => random, NOW)).toBe(want);
  });
});

describe("resolveRetryPolicy", () => {
  const client = { maxRetries: 3 };
  const cases: { method: string; perRequest: unknown; clientPolicy: typeof client | false; want: number | undefined }[] = [
    { method: "GET", perRequest: undefined, clientPolicy: client, want: 3 },
    { method: "DELETE", perRequest: undefined, clientPolicy: client, want: 3 },
    { method: "POST", perRequest: undefined, clientPolicy: client, want: undefined },
    { method: "PATCH", perRequest: undefined, clientPolicy: client, want: undefined },
    { method: "POST", perRequest: true, clientPolicy: client, want: 3 },
    { method: "PATCH", perRequest: { maxRetries: 1 }, clientPolicy: client, want: 1 },
    { method: "GET", perRequest: false, clientPolicy: client, want: undefined },
    { method: "GET", perRequest: undefined, clientPolicy: false, want: undefined },
    // Nothing given: maxRetries is read with its default (2) where the call loop uses it.
    { method: "POST", perRequest: true, clientPolicy: false, want: undefined },
    { method: "GET", perRequest: { initialDelayMs: 1 }, clientPolicy: client, want: 3 },
  ];
  it.each(cases)("$method with per-request $perRequest → maxRetries $want", ({ method, perRequest, clientPolicy, want }) => {
    expect(resolveRetryPolicy(clientPolicy, method, perRequest)?.maxRetries).toBe(want);
  });

  it("hands back the client's own settings when the request has none of its own (no copy per call)", () => {
    expect(resolveRetryPolicy(client, "GET", undefined)).toBe(client);
    expect(resolveRetryPolicy(client, "POST", true)).toBe(client);
    expect(resolveRetryPolicy(false, "POST", true)).toEqual({});
    expect(resolveRetryPolicy(client, "GET", { maxDelayMs: 5 })).toEqual({ maxRetries: 3, maxDelayMs: 5 });
  });

  it("reads a setting given as undefined with its default", () => {
    const undefinedSettings = { maxRetries: undefined, initialDelayMs: undefined, maxDelayMs: undefined, maxRetryAfterMs: undefined } as unknown as RetryOptions;
    expect(retryDelay(0, null, undefinedSettings, () => 0.5, NOW)).toBe(250);
    expect(retryDelay(0, "60", undefinedSettings, () => 0.5, NOW)).toBe(60_000);
  });
});
