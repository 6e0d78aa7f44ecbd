// The client under MSW with the mock-server README's own setup (setupServer + http.all forwarding to
// the mock's handler): retries must not wait on the failed response's body, which MSW's bodies never
// finish cancelling. Each case would hang (and hit the per-test limit) if the client awaited it.
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { createMockHandler, type MockHandler } from "@ultravox-api/mock-server";

let mock: MockHandler;
const server = setupServer(
  http.all("https://api.ultravox.ai/*", ({ request }) => mock.handler(request)),
);
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => {
  server.close();
});

const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 };
const journal = () => mock.journal.list().map((entry) => `${entry.method} ${entry.path} ${entry.status}${entry.fault ? ` ${entry.fault}` : ""}`);

describe("the client under MSW", () => {
  it("GET with one injected 503 retries and answers", { timeout: 10_000 }, async () => {
    mock = createMockHandler({ seed: 3 });
    mock.faults.add({ kind: "status", route: "GET /api/agents", status: 503, times: 1, retryAfterSeconds: 0 });
    const client = createUltravoxClient({ apiKey: mock.apiKey, retry: fast, timeoutMs: 5_000 });
    const page = await unwrap(client.GET("/api/agents"));
    expect(Array.isArray(page.results)).toBe(true);
    expect(journal()).toEqual(["GET /api/agents 503 status", "GET /api/agents 200"]);
  });

  it("POST with retry: true after an injected 503 creates once, with its body intact", { timeout: 10_000 }, async () => {
    mock = createMockHandler({ seed: 3 });
    mock.faults.add({ kind: "status", route: "POST /api/agents", status: 503, times: 1, retryAfterSeconds: 0 });
    const client = createUltravoxClient({ apiKey: mock.apiKey, retry: fast, timeoutMs: 5_000 });
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Retried" }, retry: true }));
    expect(agent.name).toBe("Retried");
    expect(journal()).toEqual(["POST /api/agents 503 status", "POST /api/agents 201"]);
    const { data } = await client.GET("/api/agents");
    expect(data?.results.map((a) => a.name)).toEqual(["Retried"]);
  });

  it("waits out the mock's own 429 rate limit (Retry-After) and answers", { timeout: 10_000 }, async () => {
    mock = createMockHandler({
      seed: 3,
      clock: { mode: "real" },
      rateLimits: { perKey: 2, perAccount: null, callsPerSecond: null, callsPerMinute: null },
    });
    const client = createUltravoxClient({ apiKey: mock.apiKey, retry: { ...fast, maxRetries: 3 }, timeoutMs: 5_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.GET("/api/agents")).response.status);
    expect(statuses).toEqual([200, 200, 200]);
    const entries = journal();
    expect(entries.filter((e) => e.startsWith("GET /api/agents 429 rate-limit")).length).toBeGreaterThanOrEqual(1);
    expect(entries.at(-1)).toBe("GET /api/agents 200");
  });

  it("ends at the caller's abort while MSW holds the answer", { timeout: 10_000 }, async () => {
    mock = createMockHandler({ seed: 3 });
    mock.faults.add({ kind: "latency", route: "GET /api/agents", ms: 60_000 });
    const client = createUltravoxClient({ apiKey: mock.apiKey, retry: fast, timeoutMs: 0 });
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort(new Error("caller gave up"));
    }, 100);
    await expect(client.GET("/api/agents", { signal: controller.signal })).rejects.toThrow("caller gave up");
  });
});
