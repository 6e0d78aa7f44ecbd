// Retry behaviour that the client's mutation run (Stryker) showed no test pinned down: which methods
// are retried without opting in (HEAD and OPTIONS among them), a Retry-After of only whitespace, and
// a Retry-After above maxRetryAfterMs, which falls back to the backoff instead of being honoured.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUltravoxClient, type UltravoxClient } from "@ultravox-api/client";
import { parseRetryAfter, retryDelay } from "../src/internal/retry-policy.js";
import { API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";
import { json } from "./support/test-server.js";

const server = useServers();
const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 1 };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Any method of the client on any path: the spec declares no HEAD or OPTIONS operation to type them by. */
type AnyCall = (path: string, init?: Record<string, unknown>) => Promise<{ response: Response }>;
const call = (client: UltravoxClient, method: string): AnyCall => (client as unknown as Record<string, AnyCall>)[method] as AnyCall;

describe("which methods are retried without opting in, against a real server always answering 503", () => {
  it.each([
    { method: "GET", attempts: 3 },
    { method: "HEAD", attempts: 3 },
    { method: "OPTIONS", attempts: 3 },
    { method: "PUT", attempts: 3 },
    { method: "DELETE", attempts: 3 },
    { method: "POST", attempts: 1 },
    { method: "PATCH", attempts: 1 },
  ])("$method is sent $attempts time(s)", async ({ method, attempts }) => {
    const api = await server((_req, res) => {
      json(res, 503, { detail: "busy" });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    const { response } = await call(client, method)("/api/calls");
    expect(response.status).toBe(503);
    expect(api.requests.map((r) => r.method)).toEqual(Array<string>(attempts).fill(method));
  });

  it.each(["HEAD", "OPTIONS"])("%s answered 503 then 200 returns the 200", async (method) => {
    const api = await server((_req, res, index) => {
      json(res, index === 0 ? 503 : 200, {});
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    expect((await call(client, method)("/api/calls")).response.status).toBe(200);
    expect(api.requests).toHaveLength(2);
  });

  it.each(["HEAD", "OPTIONS"])("%s is sent once with retry: false (client or request)", async (method) => {
    const api = await server((_req, res) => {
      json(res, 503, {});
    });
    await call(createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false }), method)("/api/calls");
    await call(createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast }), method)("/api/calls", { retry: false });
    expect(api.requests).toHaveLength(2);
  });
});

describe("a Retry-After of only whitespace is no Retry-After", () => {
  it.each([" ", "   ", "\t", " \t ", "\n", "\r\n"])("parseRetryAfter(%j) → undefined (not 0 s)", (header) => {
    expect(parseRetryAfter(header)).toBeUndefined();
  });

  it.each([" ", "\t\t", " \t "])("retryDelay with Retry-After %j is the backoff", (header) => {
    const policy = { initialDelayMs: 1000, maxDelayMs: 8000 };
    expect(retryDelay(0, header, policy, () => 0.5)).toBe(500);
    expect(retryDelay(2, header, policy, () => 0.5)).toBe(2000);
  });

  it.each([" ", " \t "])("through the client, Retry-After %j waits the backoff", async (header) => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    let calls = 0;
    const fetch = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(new Response("{}", { status: calls === 1 ? 503 : 200, headers: { "retry-after": header } }));
    };
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", fetch, retry: { maxRetries: 1, initialDelayMs: 1000, maxDelayMs: 1000 } });
    const done = client.GET("/api/calls");
    await vi.advanceTimersByTimeAsync(998);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect((await done).response.status).toBe(200);
  });
});

describe("Retry-After against maxRetryAfterMs (3000 ms here); the backoff's draw is 999 ms", () => {
  const NOW = Date.parse("2026-11-30T12:00:00Z");
  const inSeconds = (seconds: number): string => new Date(NOW + seconds * 1000).toUTCString();
  it.each([
    { given: "4 s", header: "4", want: 999 },
    { given: "3.001 s, just above the cap", header: "3.001", want: 999 },
    { given: "a day", header: "86400", want: 999 },
    { given: "an HTTP-date 10 s ahead", header: inSeconds(10), want: 999 },
    { given: "3 s, the cap itself", header: "3", want: 3000 },
    { given: "2.5 s", header: "2.5", want: 2500 },
    { given: "0 s", header: "0", want: 0 },
    { given: "an HTTP-date 2 s ahead", header: inSeconds(2), want: 2000 },
    { given: "an HTTP-date in the past", header: inSeconds(-30), want: 0 },
    { given: "no Retry-After", header: undefined, want: 999 },
  ])("$given → waits $want ms", async ({ header, want }) => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    let calls = 0;
    const fetch = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(new Response("{}", { status: calls === 1 ? 429 : 200, headers: header === undefined ? {} : { "retry-after": header } }));
    };
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: "https://api.test",
      fetch,
      retry: { maxRetries: 1, initialDelayMs: 1000, maxDelayMs: 1000, maxRetryAfterMs: 3000 },
    });
    const done = client.GET("/api/calls");
    if (want > 0) {
      await vi.advanceTimersByTimeAsync(want - 1);
      expect(calls).toBe(1);
    }
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect((await done).response.status).toBe(200);
  });
});
