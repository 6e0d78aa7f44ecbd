// Unit tests of the fetch layer against fakes a platform, polyfill or interceptor could hand us:
// every wait must end by the answer, the time limit or the caller's signal, never by trusting them.
import { describe, expect, it } from "vitest";
import { createUltravoxClient, UltravoxTimeoutError } from "../src/index.js";

const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 };
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A response whose body's cancel() never settles (what MSW's bodies did), counting cancels. */
function stuckBody(status: number, counter: { cancels: number }): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"detail":"busy"}'));
    },
  });
  Object.defineProperty(stream, "cancel", {
    value: () => {
      counter.cancels++;
      return never<undefined>();
    },
  });
  return new Response(stream, { status, headers: { "content-type": "application/json" } });
}

function ok(): Response {
  return new Response(JSON.stringify({ results: [], next: null, previous: null, total: 0 }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

describe("never hangs", () => {
  it.each([
    { name: "GET after a 503", method: "GET" as const, status: 503 },
    { name: "POST with retry: true after a 502", method: "POST" as const, status: 502 },
    { name: "GET after a 429", method: "GET" as const, status: 429 },
  ])("retries past a body whose cancel() never settles: $name", async ({ method, status }) => {
    const counter = { cancels: 0 };
    let calls = 0;
    const fetch = (): Promise<Response> => Promise.resolve(calls++ === 0 ? stuckBody(status, counter) : ok());
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch, retry: fast, timeoutMs: 1000 });
    const { response } =
      method === "GET" ? await client.GET("/api/calls") : await client.POST("/api/calls", { body: { systemPrompt: "x" }, retry: true });
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
    expect(counter.cancels).toBe(1);
  });

  it("follows a redirect past a body whose cancel() never settles", async () => {
    const counter = { cancels: 0 };
    let calls = 0;
    const fetch = (): Promise<Response> => {
      if (calls++ > 0) return Promise.resolve(ok());
      const response = stuckBody(302, counter);
      response.headers.set("location", "/api/calls?page=2");
      return Promise.resolve(response);
    };
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch, timeoutMs: 1000 });
    expect((await client.GET("/api/calls")).response.status).toBe(200);
    expect(counter.cancels).toBe(1);
  });

  it("ends at the time limit when fetch ignores its signal and never settles", async () => {
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch: never, timeoutMs: 50 });
    const error: unknown = await client.GET("/api/calls").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxTimeoutError);
    expect((error as UltravoxTimeoutError).timeoutMs).toBe(50);
  });

  it.each([{ timeoutMs: 0 }, { timeoutMs: 60_000 }])(
    "ends at the caller's abort when fetch ignores its signal and never settles (timeoutMs $timeoutMs)",
    async ({ timeoutMs }) => {
      const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch: never, timeoutMs });
      const controller = new AbortController();
      const reason = new Error("caller gave up");
      setTimeout(() => {
        controller.abort(reason);
      }, 20);
      await expect(client.GET("/api/calls", { signal: controller.signal })).rejects.toBe(reason);
    },
  );

  it("ends at once on a signal that is already aborted, without calling fetch", async () => {
    let calls = 0;
    const fetch = (): Promise<Response> => {
      calls++;
      return never();
    };
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch });
    const error: unknown = await client.GET("/api/calls", { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(calls).toBe(0);
  });
});
