// Behaviour that mutation testing (pnpm test:mutation) showed no other test pinned down, checked through the
// public API only so it holds whatever shape the internals take.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiError, createUltravoxClient, UltravoxConnectionError, UltravoxTimeoutError } from "@ultravox-api/client";
import { API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";
import { json } from "./support/test-server.js";

const server = useServers();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("redirects of GET", () => {
  const followed = [301, 302, 303, 307, 308];
  it.each(followed)("follows %i to the Location", async (status) => {
    const api = await server((req, res) => {
      if (req.url === "/moved") json(res, 200, { moved: true });
      else {
        res.writeHead(status, { location: "/moved" });
        res.end();
      }
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const { data, response } = await client.GET("/api/accounts/me");
    expect(response.status).toBe(200);
    expect(data).toEqual({ moved: true });
    expect(api.requests.map((r) => [r.method, r.url])).toEqual([
      ["GET", "/api/accounts/me"],
      ["GET", "/moved"],
    ]);
  });

  const notFollowed = [
    { status: 300, location: "/moved" },
    { status: 304, location: "/moved" },
    { status: 302, location: undefined },
  ];
  it.each(notFollowed)("hands back $status (Location $location) as it is", async ({ status, location }) => {
    const api = await server((_req, res) => {
      res.writeHead(status, location === undefined ? {} : { location });
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const { response } = await client.GET("/api/accounts/me");
    expect(response.status).toBe(status);
    expect(api.requests).toHaveLength(1);
  });

  it("stops a redirect loop after 5 hops and hands back the 6th redirect", async () => {
    const api = await server((_req, res) => {
      res.writeHead(302, { location: "/again" });
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const { response } = await client.GET("/api/accounts/me");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/again");
    expect(api.requests.map((r) => r.url)).toEqual(["/api/accounts/me", "/again", "/again", "/again", "/again", "/again"]);
  });

  it("drops X-API-Key, Authorization and Cookie on a cross-origin hop, and keeps other headers", async () => {
    const other = await server((_req, res) => {
      json(res, 200, {});
    });
    const api = await server((_req, res) => {
      res.writeHead(307, { location: `${other.url}/file` });
      res.end();
    });
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: api.url,
      retry: false,
      headers: { Authorization: "Bearer t", Cookie: "c=1", "X-Trace": "t-1" },
    });
    await client.GET("/api/accounts/me");
    const headers = other.requests[0]?.headers;
    expect(headers?.["x-api-key"]).toBeUndefined();
    expect(headers?.authorization).toBeUndefined();
    expect(headers?.cookie).toBeUndefined();
    expect(headers?.["x-trace"]).toBe("t-1");
    expect(api.requests[0]?.headers.authorization).toBe("Bearer t");
  });

  it("hands back the redirect of a DELETE or PUT unfollowed", async () => {
    const api = await server((_req, res) => {
      res.writeHead(307, { location: "/moved" });
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const deleted = await client.DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    const put = await client.PUT("/api/voices/{voice_id}", { params: { path: { voice_id: "v" } }, body: { name: "n", definition: {} } });
    expect([deleted.response.status, put.response.status]).toEqual([307, 307]);
    expect(api.requests.map((r) => r.method)).toEqual(["DELETE", "PUT"]);
  });
});

describe("connection errors and timeouts name the request", () => {
  it("a failed connection keeps method, URL and cause", async () => {
    const failure = new TypeError("fetch failed");
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: "https://api.test",
      retry: false,
      fetch: () => Promise.reject(failure),
    });
    const error = (await client
      .DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } })
      .catch((e: unknown) => e)) as UltravoxConnectionError;
    expect(error).toBeInstanceOf(UltravoxConnectionError);
    expect(error.name).toBe("UltravoxConnectionError");
    expect(error.method).toBe("DELETE");
    expect(error.url).toBe("https://api.test/api/agents/a");
    expect(error.message).toMatch(/^DELETE https:\/\/api\.test\/api\/agents\/a failed: fetch failed, after 1 attempt\(s\) in \d+ ms$/);
    expect(error.reason).toBe("fetch failed");
    expect(error.attempts).toBe(1);
    expect(error.cause).toBe(failure);
  });

  it("a timeout keeps method, redacted URL and the limit", async () => {
    const api = await server(() => undefined);
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 50, retry: false });
    const error = (await client
      .GET("/api/calls", { params: { query: { cursor: "c" } }, timeoutMs: 50 })
      .catch((e: unknown) => e)) as UltravoxTimeoutError;
    expect(error).toBeInstanceOf(UltravoxTimeoutError);
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${api.url}/api/calls?cursor=c`);
    expect(error.timeoutMs).toBe(50);
  });

  it("timeoutMs: 0 sets no limit", async () => {
    const api = await server((_req, res) => {
      setTimeout(() => {
        json(res, 200, { late: true });
      }, 30);
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 0, retry: false });
    expect((await client.GET("/api/accounts/me")).data).toEqual({ late: true });
  });
});

describe("backoff size", () => {
  it("waits a jittered initialDelayMs * 2^attempt, capped by maxDelayMs, between attempts", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    let calls = 0;
    const fetch = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(new Response("{}", { status: 503, headers: { "content-type": "application/json" } }));
    };
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: "https://api.test",
      fetch,
      retry: { maxRetries: 3, initialDelayMs: 1000, maxDelayMs: 3000 },
    });
    const done = client.GET("/api/calls");
    // Waits: floor(0.999 * 1000) = 999, floor(0.999 * 2000) = 1998, floor(0.999 * min(3000, 4000)) = 2997.
    const waits = [999, 1998, 2997];
    for (const [index, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(calls).toBe(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toBe(index + 2);
    }
    expect((await done).response.status).toBe(503);
    expect(calls).toBe(4);
  });

  it("waits what Retry-After asks for when within maxRetryAfterMs", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
    let calls = 0;
    const fetch = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(new Response("{}", { status: calls === 1 ? 429 : 200, headers: { "retry-after": "3" } }));
    };
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: "https://api.test", fetch, retry: { maxRetryAfterMs: 3000 } });
    const done = client.GET("/api/calls");
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect((await done).response.status).toBe(200);
  });
});

describe("client options", () => {
  it("sends userAgent as User-Agent, and no X-API-Key from a headers option to another origin", async () => {
    const api = await server((_req, res) => {
      json(res, 200, {});
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, userAgent: "my-app/1.0" });
    await client.GET("/api/accounts/me");
    expect(api.requests[0]?.headers["user-agent"]).toBe("my-app/1.0");
  });

  it("prefers apiKey over ULTRAVOX_API_KEY", async () => {
    vi.stubEnv("ULTRAVOX_API_KEY", "from-env");
    const api = await server((_req, res) => {
      json(res, 200, {});
    });
    await createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url }).GET("/api/accounts/me");
    expect(api.requests[0]?.headers["x-api-key"]).toBe(API_KEY);
  });

  it("refuses an empty key", () => {
    vi.stubEnv("ULTRAVOX_API_KEY", "");
    expect(() => createUltravoxClient({ baseUrl: "https://api.test" })).toThrow(/^Missing API key: pass `apiKey` or set ULTRAVOX_API_KEY$/);
    expect(() => createUltravoxClient({ apiKey: "", baseUrl: "https://api.test" })).toThrow(/^Missing API key: pass `apiKey` or set ULTRAVOX_API_KEY$/);
  });
});

describe("error messages and URLs", () => {
  const redactions = [
    { url: "https://a.test/x?token=t1", want: "https://a.test/x?token=REDACTED" },
    { url: "https://a.test/x?a=1&client_secret=s#frag", want: "https://a.test/x?a=1&client_secret=REDACTED#frag" },
    { url: "https://a.test/x?Signature=s&PASSWORD=p&credential=c&ok=1", want: "https://a.test/x?Signature=REDACTED&PASSWORD=REDACTED&credential=REDACTED&ok=1" },
    { url: "/relative?apiKey=k", want: "/relative?apiKey=REDACTED" },
    { url: "https://u@a.test/x", want: "https://a.test/x" },
    { url: "https://a.test/path/with@sign?monkey=1", want: "https://a.test/path/with@sign?monkey=REDACTED" },
  ];
  it.each(redactions)("redacts $url", ({ url, want }) => {
    const error = createApiError({ method: "GET", url, status: 400, headers: new Headers(), body: {} });
    expect(error.url).toBe(want);
    expect(error.message).toBe(`GET ${want} failed with HTTP 400`);
  });

  const bodies = [
    { body: "  too\n\n many   spaces  ", summary: ": too many spaces" },
    { body: "x".repeat(250), summary: `: ${"x".repeat(200)}` },
    { body: { detail: 5 }, summary: "" },
    { body: { detail: "  Not\nfound.  " }, summary: ": Not found." },
    { body: { a: { b: ["deep"] }, c: ["one", "two"] }, summary: ": a.b: deep; c: one two" },
    { body: { items: ["first", { x: ["in item"] }] }, summary: ": items: first; items.1.x: in item" },
    { body: null, summary: "" },
    { body: 42, summary: "" },
  ];
  it.each(bodies)("summarises $body", ({ body, summary }) => {
    const error = createApiError({ method: "post", url: "/api/x", status: 400, headers: new Headers(), body });
    expect(error.message).toBe(`POST /api/x failed with HTTP 400${summary}`);
  });
});
