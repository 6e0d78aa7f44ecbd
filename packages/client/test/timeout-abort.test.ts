import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createUltravoxClient, isUltravoxError, UltravoxTimeoutError } from "@ultravox-api/client";
import { API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";
import { json } from "./support/test-server.js";

const server = useServers();
// The server never answers these; closing it at the end of the test ends them.
const hang = (): void => undefined;

describe("timeouts", () => {
  it("turns a client timeout into UltravoxTimeoutError", async () => {
    const api = await server(hang);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 500 });
    const error: unknown = await client.GET("/api/calls").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxTimeoutError);
    const timeout = error as UltravoxTimeoutError;
    expect(timeout.name).toBe("UltravoxTimeoutError");
    expect(timeout.message).toBe(`GET ${api.url}/api/calls timed out after 500 ms`);
    expect(timeout.timeoutMs).toBe(500);
    expect((timeout.cause as Error).name).toBe("TimeoutError");
    expect((timeout.cause as Error).message).toBe("timeout");
    expect(api.requests).toHaveLength(1);
  });

  it("passes the redirect mode on when nothing bounds the attempt (no time limit, no signal)", async () => {
    const modes: (RequestRedirect | undefined)[] = [];
    const fetch = (_input: Request, init?: RequestInit): Promise<Response> => {
      modes.push(init?.redirect);
      return Promise.resolve(new Response("{}", { headers: { "content-type": "application/json" } }));
    };
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", timeoutMs: 0, fetch });
    await client.GET("/api/calls");
    await client.POST("/api/agents", { body: { name: "a" } as never, redirect: "error" });
    expect(modes).toEqual(["manual", "error"]);
  });

  it("lets a request override the client timeout, and is not retried", async () => {
    const api = await server(hang);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 0, retry: { initialDelayMs: 1 } });
    await expect(client.GET("/api/calls", { timeoutMs: 500 })).rejects.toBeInstanceOf(UltravoxTimeoutError);
    expect(api.requests).toHaveLength(1);
  });

  it("lets an answer within the time limit through", async () => {
    const api = await server((_req, res) => {
      json(res, 200, { ok: true });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 5_000 });
    const { data } = await client.GET("/api/accounts/me");
    expect(data).toEqual({ ok: true });
  });
});

describe("caller abort", () => {
  it.each([{ timeoutMs: 60_000 }, { timeoutMs: 0 }])("passes through as the platform AbortError while waiting for the answer (timeoutMs $timeoutMs)", async ({ timeoutMs }) => {
    const controller = new AbortController();
    const api = await server(() => {
      controller.abort();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs });
    const error: unknown = await client.GET("/api/calls", { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(error).toBeInstanceOf(DOMException);
    expect(isUltravoxError(error)).toBe(false);
  });

  it("stops a backoff wait at once, without another attempt", async () => {
    const controller = new AbortController();
    const api = await server((_req, res) => {
      json(res, 503, {});
      // Abort once the client is waiting to retry; an hour-long backoff would outlast the test.
      setTimeout(() => {
        controller.abort();
      }, 50);
    });
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: api.url,
      retry: { maxRetries: 1, initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
    });
    const error: unknown = await client.GET("/api/calls", { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(api.requests).toHaveLength(1);
  });

  it("passes through when a middleware replaced the request with one carrying its own signal", async () => {
    const controller = new AbortController();
    const api = await server(() => {
      controller.abort();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 60_000 });
    client.use({ onRequest: ({ request }) => new Request(request, { signal: controller.signal }) });
    const error: unknown = await client.GET("/api/calls").catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(api.requests).toHaveLength(1);
  });

  it("keeps the caller's own abort reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user left the page");
    const api = await server(() => {
      controller.abort(reason);
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    await expect(client.GET("/api/calls", { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe("no leaked timers", () => {
  it("leaves no active timer after timeouts, retries and successes (child process)", async () => {
    const script = fileURLToPath(new URL("./fixtures/no-leaked-timers.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
    });
    expect(JSON.parse(stdout)).toEqual({ outcomes: ["timeout", 503, 200, "abort"], timers: [] });
  });
});
