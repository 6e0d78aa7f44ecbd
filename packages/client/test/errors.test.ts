import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import * as client from "@ultravox-api/client";
import {
  createApiError,
  createUltravoxClient,
  isUltravoxApiError,
  isUltravoxError,
  unwrap,
  UltravoxApiError,
  UltravoxError,
} from "@ultravox-api/client";
import { API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";
import { json } from "./support/test-server.js";

const server = useServers();

const classes: { status: number; name: string }[] = [
  { status: 400, name: "UltravoxBadRequestError" },
  { status: 401, name: "UltravoxAuthenticationError" },
  { status: 403, name: "UltravoxPermissionDeniedError" },
  { status: 404, name: "UltravoxNotFoundError" },
  { status: 409, name: "UltravoxConflictError" },
  { status: 422, name: "UltravoxUnprocessableEntityError" },
  { status: 429, name: "UltravoxRateLimitError" },
  { status: 500, name: "UltravoxServerError" },
  { status: 503, name: "UltravoxServerError" },
  { status: 418, name: "UltravoxApiError" },
  { status: 302, name: "UltravoxApiError" },
];

/** Every string form an error can end up in: messages, logs, JSON, stacks. */
function stringForms(error: unknown): string[] {
  const e = error as Error;
  return [e.message, String(e), JSON.stringify(e), e.stack ?? "", inspect(e, { depth: 10, showHidden: true })];
}

describe("errors from a real server, through unwrap", () => {
  it.each(classes)("HTTP $status throws $name", async ({ status, name }) => {
    const api = await server((_req, res) => {
      if (status === 302) {
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
      } else {
        json(res, status, { detail: `status ${status}` }, { "x-request-id": "req-123", "retry-after": "7" });
      }
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const error: unknown = await unwrap(
      uv.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a1" } }, redirect: "manual" }),
    ).catch((e: unknown) => e);
    const ErrorClass = (client as unknown as Record<string, typeof UltravoxApiError>)[name];
    expect(ErrorClass).toBeDefined();
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(UltravoxApiError);
    expect(error).toBeInstanceOf(UltravoxError);
    const apiError = error as UltravoxApiError;
    expect(apiError.name).toBe(name);
    expect(apiError.status).toBe(status);
    expect(apiError.method).toBe("GET");
    expect(apiError.url).toBe(`${api.url}/api/agents/a1`);
    expect(apiError.message.startsWith(`GET ${api.url}/api/agents/a1 failed with HTTP ${status}`)).toBe(true);
    expect(isUltravoxApiError(error)).toBe(true);
    if (status !== 302) {
      expect(apiError.detail).toBe(`status ${status}`);
      expect(apiError.requestId).toBe("req-123");
      expect(apiError.retryAfterMs).toBe(7000);
      expect(apiError.body).toEqual({ detail: `status ${status}` });
    }
    for (const form of stringForms(error)) expect(form).not.toContain(API_KEY);
  });

  it("parses DRF field errors into fieldErrors and the message", async () => {
    const body = { calls: [{ medium: ["Invalid medium."] }], windowEnd: ["Must be after windowStart.", "Bad format."] };
    const api = await server((_req, res) => {
      json(res, 400, body);
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const error = (await unwrap(
      uv.POST("/api/agents/{agent_id}/scheduled_batches", { params: { path: { agent_id: "a" } }, body: { calls: [] } }),
    ).catch((e: unknown) => e)) as UltravoxApiError;
    expect(error.name).toBe("UltravoxBadRequestError");
    expect(error.detail).toBeUndefined();
    expect(error.fieldErrors).toEqual({ "calls.0.medium": ["Invalid medium."], windowEnd: ["Must be after windowStart.", "Bad format."] });
    expect(error.message).toBe(
      `POST ${api.url}/api/agents/a/scheduled_batches failed with HTTP 400: calls.0.medium: Invalid medium.; windowEnd: Must be after windowStart. Bad format.`,
    );
  });

  it("keeps a text body and puts one bounded line of it in the message", async () => {
    const api = await server((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html>\n<body>Bad gateway</body>\n${"x".repeat(500)}</html>`);
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const error = (await unwrap(uv.GET("/api/calls")).catch((e: unknown) => e)) as UltravoxApiError;
    expect(error.name).toBe("UltravoxServerError");
    expect(typeof error.body).toBe("string");
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThan(300);
  });

  it.each([
    { status: 503, body: "Service Unavailable: upstream down", want: ": Service Unavailable: upstream down" },
    { status: 400, body: "  bad\n\trequest  ", want: ": bad request" },
    { status: 500, body: "", want: "" },
  ])("puts a text body in the message: HTTP $status $body", async ({ status, body, want }) => {
    const api = await server((_req, res) => {
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(body);
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const error = (await unwrap(uv.GET("/api/calls")).catch((e: unknown) => e)) as UltravoxApiError;
    expect(error.message).toBe(`GET ${api.url}/api/calls failed with HTTP ${status}${want}`);
    expect(error.body).toBe(body);
  });

  it("createApiError reads status, headers, method and URL from a response the client returned", async () => {
    const api = await server((_req, res) => {
      json(res, 429, { detail: "slow down" }, { "retry-after": "3", "x-request-id": "r1" });
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    const { error, response } = await uv.DELETE("/api/calls/{call_id}", { params: { path: { call_id: "c1" } } });
    const built = createApiError({ response, body: error });
    expect(built).toMatchObject({ name: "UltravoxRateLimitError", status: 429, method: "DELETE", url: `${api.url}/api/calls/c1`, retryAfterMs: 3000, requestId: "r1", detail: "slow down" });
    expect(built.message).toBe(`DELETE ${api.url}/api/calls/c1 failed with HTTP 429: slow down`);
    // A response from elsewhere: the caller names the method, the URL comes from the response.
    const foreign = createApiError({ response: new Response(null, { status: 404 }), body: undefined, method: "head", url: "https://x.test/a" });
    expect(foreign).toMatchObject({ name: "UltravoxNotFoundError", method: "HEAD", url: "https://x.test/a" });
  });

  it("unwrap resolves to data on success", async () => {
    const api = await server((_req, res) => {
      json(res, 200, { results: [], next: null, previous: null, total: 0 });
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    await expect(unwrap(uv.GET("/api/calls"))).resolves.toEqual({ results: [], next: null, previous: null, total: 0 });
  });
});

describe("createApiError", () => {
  const cases: { given: { status: number; body: unknown; headers?: Record<string, string> }; want: Record<string, unknown> }[] = [
    { given: { status: 404, body: { detail: "Not found." } }, want: { name: "UltravoxNotFoundError", detail: "Not found." } },
    { given: { status: 400, body: { name: ["Required."] } }, want: { fieldErrors: { name: ["Required."] }, detail: undefined } },
    { given: { status: 400, body: { non_field_errors: ["Nope."] } }, want: { fieldErrors: { non_field_errors: ["Nope."] } } },
    { given: { status: 400, body: ["A list."] }, want: { fieldErrors: undefined, detail: undefined } },
    { given: { status: 429, body: {}, headers: { "retry-after": "2.5" } }, want: { retryAfterMs: 2500 } },
    { given: { status: 429, body: {}, headers: { "retry-after": "soon" } }, want: { retryAfterMs: undefined } },
    { given: { status: 500, body: "", headers: { "request-id": "r9" } }, want: { name: "UltravoxServerError", requestId: "r9" } },
    { given: { status: 451, body: null }, want: { name: "UltravoxApiError", status: 451 } },
  ];
  it.each(cases)("status $given.status body $given.body", ({ given, want }) => {
    const error = createApiError({
      method: "get",
      url: "https://api.ultravox.ai/api/calls",
      status: given.status,
      headers: new Headers(given.headers),
      body: given.body,
    });
    expect(error).toMatchObject(want);
    expect(error.method).toBe("GET");
  });

  it("keeps the cause and strips credentials and signed query values from the URL", () => {
    const cause = new Error("root");
    const error = createApiError({
      method: "GET",
      url: `https://user:${API_KEY}@storage.example/rec.wav?X-Amz-Signature=${API_KEY}&api_key=${API_KEY}&call=1`,
      status: 403,
      headers: new Headers(),
      body: { detail: "denied" },
      cause,
    });
    expect(error.cause).toBe(cause);
    expect(error.url).toBe("https://storage.example/rec.wav?X-Amz-Signature=REDACTED&api_key=REDACTED&call=1");
    for (const form of stringForms(error)) expect(form).not.toContain(API_KEY);
  });
});

describe("guards across realms", () => {
  it("recognise errors built by a copy of the package running in another realm", async () => {
    // A second bundled copy evaluated in a fresh vm context: other classes, other Error intrinsic.
    const { build } = await import("esbuild");
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL("../dist/index.js", import.meta.url))],
      bundle: true,
      write: false,
      format: "iife",
      globalName: "uv",
      platform: "neutral",
    });
    const code = bundle.outputFiles[0]?.text ?? "";
    const other = runInNewContext(`${code};uv`, { Headers, URL }) as typeof client;
    const foreign = other.createApiError({ method: "GET", url: "/x", status: 404, headers: new Headers(), body: null });
    expect(foreign instanceof UltravoxApiError).toBe(false);
    expect(foreign instanceof Error).toBe(false);
    expect(isUltravoxApiError(foreign)).toBe(true);
    expect(isUltravoxError(foreign)).toBe(true);
    const timeout = new other.UltravoxTimeoutError("GET /x timed out after 5 ms", { method: "GET", url: "/x", timeoutMs: 5 });
    expect(isUltravoxError(timeout)).toBe(true);
    expect(isUltravoxApiError(timeout)).toBe(false);
    for (const value of [new Error("x"), { name: "UltravoxApiError", status: 404 }, null, "UltravoxError", undefined]) {
      expect(isUltravoxError(value)).toBe(false);
      expect(isUltravoxApiError(value)).toBe(false);
    }
  });
});

describe("the API key never leaks", () => {
  it("is absent from every string form of every error kind", async () => {
    const collected: unknown[] = [];
    const api = await server((req, res) => {
      if (req.url === "/hang") return;
      json(res, Number(req.url.slice(1)), { detail: "x" });
    });
    const uv = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, retry: false });
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500]) {
      collected.push(await unwrap(uv.GET(`/${status}` as "/api/calls")).catch((e: unknown) => e));
    }
    collected.push(await uv.GET("/hang" as "/api/calls", { timeoutMs: 200 }).catch((e: unknown) => e));
    const closed = createUltravoxClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:9", retry: false });
    collected.push(await closed.GET("/api/calls").catch((e: unknown) => e));
    collected.push(
      (() => {
        try {
          return createUltravoxClient({ apiKey: API_KEY, baseUrl: "not a url" });
        } catch (e) {
          return e;
        }
      })(),
    );
    const names = collected.map((e) => (e as Error).name);
    expect(names).toEqual([
      "UltravoxBadRequestError",
      "UltravoxAuthenticationError",
      "UltravoxPermissionDeniedError",
      "UltravoxNotFoundError",
      "UltravoxConflictError",
      "UltravoxUnprocessableEntityError",
      "UltravoxRateLimitError",
      "UltravoxServerError",
      "UltravoxTimeoutError",
      "UltravoxConnectionError",
      "TypeError",
    ]);
    for (const error of collected) {
      for (const form of stringForms(error)) expect(form).not.toContain(API_KEY);
    }
  });
});
