import { describe, expect, it } from "vitest";
import { createUltravoxClient, unwrap, UltravoxConnectionError, requestOptions, type UltravoxApiError } from "@ultravox-api/client";
import { API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";
import { json } from "./support/test-server.js";
import { afterEach, vi } from "vitest";

const server = useServers();
const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 };

describe("retries against a real server", () => {
  const statuses: { status: number; attempts: number }[] = [
    { status: 408, attempts: 3 },
    { status: 429, attempts: 3 },
    { status: 502, attempts: 3 },
    { status: 503, attempts: 3 },
    { status: 504, attempts: 3 },
    { status: 500, attempts: 1 },
    { status: 400, attempts: 1 },
    { status: 401, attempts: 1 },
    { status: 404, attempts: 1 },
    { status: 409, attempts: 1 },
  ];
  it.each(statuses)("GET answered $status is sent $attempts time(s)", async ({ status, attempts }) => {
    const api = await server((_req, res) => {
      json(res, status, { detail: "nope" });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(status);
    expect(api.requests).toHaveLength(attempts);
  });

  it("retries twice (the default) when maxRetries is given as undefined", async () => {
    const api = await server((_req, res) => {
      json(res, 503, { detail: "busy" });
    });
    const retry = { ...fast, maxRetries: undefined } as unknown as typeof fast;
    const { response } = await createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry }).GET("/api/calls");
    expect(response.status).toBe(503);
    expect(api.requests).toHaveLength(3);
  });

  it("returns the first success after failures", async () => {
    const api = await server((_req, res, index) => {
      if (index < 2) json(res, 503, { detail: "busy" });
      else json(res, 200, { results: [], next: null, previous: null, total: 0 });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    const { data } = await client.GET("/api/calls");
    expect(data?.total).toBe(0);
    expect(api.requests).toHaveLength(3);
  });

  it("honours maxRetries and retry: false", async () => {
    const api = await server((_req, res) => {
      json(res, 503, {});
    });
    await createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: { ...fast, maxRetries: 4 } }).GET("/api/calls");
    expect(api.requests).toHaveLength(5);
    await createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false }).GET("/api/calls");
    expect(api.requests).toHaveLength(6);
  });

  it("never retries POST or PATCH by default", async () => {
    const api = await server((_req, res) => {
      json(res, 503, {});
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    await client.POST("/api/calls", { body: { systemPrompt: "hi" } });
    await client.PATCH("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } }, body: { name: "x" } });
    expect(api.requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });

  it("retries an opted-in POST and re-sends its body intact", async () => {
    const api = await server((_req, res, index) => {
      if (index < 2) json(res, 502, {});
      else json(res, 201, { callId: "c1" });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: fast });
    const body = { systemPrompt: "Say hello to Ada ✓", maxDuration: "60s" };
    const { response } = await client.POST("/api/calls", { body, retry: true });
    expect(response.status).toBe(201);
    expect(api.requests).toHaveLength(3);
    for (const request of api.requests) {
      expect(JSON.parse(request.body)).toEqual(body);
      expect(request.headers["x-api-key"]).toBe(API_KEY);
    }
  });

  it("takes per-request retry settings (PATCH opt-in with its own maxRetries)", async () => {
    const api = await server((_req, res) => {
      json(res, 429, {}, { "retry-after": "0" });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    await client.PATCH("/api/agents/{agent_id}", {
      params: { path: { agent_id: "a" } },
      body: { name: "x" },
      ...requestOptions({ retry: { maxRetries: 1, initialDelayMs: 1 } }),
    });
    expect(api.requests).toHaveLength(2);
    expect(api.requests.every((r) => r.body === '{"name":"x"}')).toBe(true);
  });

  it("honours Retry-After in seconds (backoff alone would outlast the test)", async () => {
    const api = await server((_req, res, index) => {
      if (index === 0) json(res, 429, { detail: "slow down" }, { "retry-after": "1" });
      else json(res, 200, {});
    });
    const slowBackoff = { maxRetries: 1, initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 };
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: slowBackoff });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(200);
    expect(api.requests).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP-date", async () => {
    const api = await server((_req, res, index) => {
      if (index === 0) json(res, 503, {}, { "retry-after": new Date(Date.now() + 1000).toUTCString() });
      else json(res, 200, {});
    });
    const slowBackoff = { maxRetries: 1, initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 };
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: slowBackoff });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(200);
  });

  it("falls back to backoff when Retry-After exceeds the cap", async () => {
    const api = await server((_req, res, index) => {
      if (index === 0) json(res, 429, {}, { "retry-after": "3600" });
      else json(res, 200, {});
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: { ...fast, maxRetryAfterMs: 1000 } });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(200);
  });

  it("turns a refused connection into UltravoxConnectionError after retrying", async () => {
    const api = await server((_req, res) => {
      json(res, 200, {});
    });
    const url = api.url;
    await api.close();
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: url, retry: fast });
    const error: unknown = await client.GET("/api/calls").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxConnectionError);
    const connection = error as UltravoxConnectionError;
    expect(connection).toMatchObject({ method: "GET", url: `${url}/api/calls`, reason: "ECONNREFUSED", attempts: 3 });
    expect(connection.message).toMatch(new RegExp(`^GET ${url}/api/calls failed: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+, after 3 attempt\\(s\\) in \\d+ ms$`));
    expect(connection.message).toContain(`in ${connection.elapsedMs} ms`);
    expect(connection.cause).toBeInstanceOf(TypeError);
  });
});

describe("retries with a counting fake fetch", () => {
  it("names an error answer by the request URL when the response has none (an injected fetch's Response)", async () => {
    const fetch = (): Promise<Response> => Promise.resolve(new Response('{"detail":"Not found."}', { status: 404, headers: { "content-type": "application/json" } }));
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch, retry: false });
    const error = (await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: "c1" } } })).catch((e: unknown) => e)) as UltravoxApiError;
    expect(error.url).toBe("https://api.test/api/calls/c1");
    expect(error.message).toBe("GET https://api.test/api/calls/c1 failed with HTTP 404: Not found.");
  });

  function countingFetch(outcomes: (number | "network")[]) {
    const seen: { method: string; body: string }[] = [];
    const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      seen.push({ method: request.method, body: await request.text() });
      const outcome = outcomes[seen.length - 1] ?? 200;
      if (outcome === "network") throw new TypeError("fetch failed");
      return new Response(JSON.stringify({ n: seen.length }), {
        status: outcome,
        headers: { "content-type": "application/json" },
      });
    };
    return { fetch, seen };
  }

  const cases: { name: string; outcomes: (number | "network")[]; method: "GET" | "PUT" | "DELETE"; calls: number; status: number | "throws" }[] = [
    { name: "GET network error then success", outcomes: ["network", 200], method: "GET", calls: 2, status: 200 },
    { name: "GET network errors exhaust retries", outcomes: ["network", "network", "network"], method: "GET", calls: 3, status: "throws" },
    { name: "PUT 503, 504 then success", outcomes: [503, 504, 200], method: "PUT", calls: 3, status: 200 },
    { name: "DELETE 429 thrice gives the last 429", outcomes: [429, 429, 429, 200], method: "DELETE", calls: 3, status: 429 },
    { name: "GET 500 is not retried", outcomes: [500, 200], method: "GET", calls: 1, status: 500 },
  ];
  it.each(cases)("$name", async ({ outcomes, method, calls, status }) => {
    const { fetch, seen } = countingFetch(outcomes);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", fetch, retry: fast });
    const path = "/api/agents/{agent_id}" as const;
    const init = { params: { path: { agent_id: "a" } } };
    const call =
      method === "GET" ? client.GET(path, init) : method === "PUT" ? client.PUT("/api/voices/{voice_id}", { params: { path: { voice_id: "v" } }, body: { name: "n", definition: {} } }) : client.DELETE(path, init);
    if (status === "throws") {
      await expect(call).rejects.toBeInstanceOf(UltravoxConnectionError);
    } else {
      expect((await call).response.status).toBe(status);
    }
    expect(seen).toHaveLength(calls);
    expect(new Set(seen.map((s) => s.method))).toEqual(new Set([method]));
    if (method === "PUT") expect(seen.every((s) => s.body === JSON.stringify({ name: "n", definition: {} }))).toBe(true);
  });

  it("does not retry a POST network error unless opted in", async () => {
    const plain = countingFetch(["network", 200]);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", fetch: plain.fetch, retry: fast });
    await expect(client.POST("/api/calls", { body: { systemPrompt: "x" } })).rejects.toBeInstanceOf(UltravoxConnectionError);
    expect(plain.seen).toHaveLength(1);

    const optIn = countingFetch(["network", 201]);
    const retrying = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", fetch: optIn.fetch, retry: fast });
    const { response } = await retrying.POST("/api/calls", { body: { systemPrompt: "x" }, retry: true });
    expect(response.status).toBe(201);
    expect(optIn.seen.map((s) => s.body)).toEqual(['{"systemPrompt":"x"}', '{"systemPrompt":"x"}']);
  });
});

describe("attempt counts and backoff delays, measured", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A server answering `statuses` in turn (then 200), recording when each request arrived. */
  async function timedServer(statuses: number[], headers: Record<string, string> = {}) {
    const arrivals: number[] = [];
    const api = await server((_req, res, index) => {
      arrivals.push(performance.now());
      json(res, statuses[index] ?? 200, {}, headers);
    });
    return { api, arrivals, gaps: () => arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? t)) };
  }

  it("waits up to min(maxDelayMs, initialDelayMs × 2^n) before retry n, and no longer", async () => {
    // The largest draw of the full-jitter backoff: each wait is its ceiling.
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const { api, gaps } = await timedServer([503, 503, 503, 503]);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: { maxRetries: 3, initialDelayMs: 60, maxDelayMs: 150 } });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(503);
    expect(api.requests).toHaveLength(4);
    const ceilings = [60, 120, 150];
    gaps().forEach((gap, n) => {
      const ceiling = ceilings[n] ?? NaN;
      expect(gap, `wait before retry ${n}`).toBeGreaterThanOrEqual(ceiling * 0.99 - 2);
      // Generous above: a loaded machine delays timers, never shortens them.
      expect(gap, `wait before retry ${n}`).toBeLessThan(ceiling + 400);
    });
  });

  it("waits nothing at the smallest draw", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { api, gaps } = await timedServer([503, 503]);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: { maxRetries: 2, initialDelayMs: 5_000, maxDelayMs: 5_000 } });
    expect((await client.GET("/api/calls")).response.status).toBe(200);
    expect(api.requests).toHaveLength(3);
    for (const gap of gaps()) expect(gap).toBeLessThan(1_000);
  });

  it("waits Retry-After when within maxRetryAfterMs, whatever the backoff says", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { api, gaps } = await timedServer([429], { "retry-after": "0.3" });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 } });
    expect((await client.GET("/api/calls")).response.status).toBe(200);
    expect(gaps()[0]).toBeGreaterThanOrEqual(297);
  });

  const counts: { name: string; retry: { maxRetries: number } | false; perRequest?: boolean; method: "GET" | "POST"; attempts: number }[] = [
    { name: "GET, default policy", retry: { maxRetries: 2 }, method: "GET", attempts: 3 },
    { name: "GET, maxRetries 0", retry: { maxRetries: 0 }, method: "GET", attempts: 1 },
    { name: "GET, maxRetries 5", retry: { maxRetries: 5 }, method: "GET", attempts: 6 },
    { name: "GET, retry false", retry: false, method: "GET", attempts: 1 },
    { name: "POST, not opted in", retry: { maxRetries: 2 }, method: "POST", attempts: 1 },
    { name: "POST, retry: true", retry: { maxRetries: 2 }, perRequest: true, method: "POST", attempts: 3 },
    { name: "POST, retry: true with the client's retry false", retry: false, perRequest: true, method: "POST", attempts: 3 },
  ];
  it.each(counts)("$name: $attempts attempt(s) against a server that always answers 503", async ({ retry, perRequest, method, attempts }) => {
    const { api } = await timedServer(Array<number>(10).fill(503));
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: retry && { ...retry, initialDelayMs: 1, maxDelayMs: 1 } });
    const init = perRequest ? { retry: perRequest } : {};
    const { response } = method === "GET" ? await client.GET("/api/calls", init) : await client.POST("/api/calls", { body: { systemPrompt: "x" }, ...init });
    expect(response.status).toBe(503);
    expect(api.requests).toHaveLength(attempts);
  });
});
