import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUltravoxClient, unwrap, UltravoxNotFoundError, type UltravoxClient } from "@ultravox-api/client";
import { checkResponse, createResponseValidator, UltravoxResponseValidationError, type ResponseDrift } from "@ultravox-api/client/validate";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";

// The mock's faults replace whole answers; drift is one field off in a real answer. A small real
// HTTP proxy in front of the mock rewrites the JSON of the responses a test picks.
type Rewrite = (pathname: string, json: unknown) => unknown;

let mock: MockServer;
let proxy: Server;
let proxyUrl: string;
let rewrite: Rewrite | undefined;

beforeAll(async () => {
  mock = await startMockServer({ seed: 11 });
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && name !== "host") headers.set(name, value);
      const method = req.method ?? "GET";
      const init: RequestInit = { method, headers, redirect: "manual" };
      if (chunks.length > 0) init.body = Buffer.concat(chunks);
      fetch(new URL(req.url ?? "/", mock.url), init)
        .then(async (upstream) => {
          let body = Buffer.from(await upstream.arrayBuffer());
          const pathname = new URL(req.url ?? "/", "http://proxy").pathname;
          if (rewrite !== undefined && (upstream.headers.get("content-type") ?? "").includes("json") && body.length > 0) {
            body = Buffer.from(JSON.stringify(rewrite(pathname, JSON.parse(body.toString("utf8")))));
          }
          const out: Record<string, string> = {};
          upstream.headers.forEach((value, name) => {
            if (name !== "content-length" && name !== "content-encoding" && name !== "transfer-encoding") out[name] = value;
          });
          res.writeHead(upstream.status, { ...out, "content-length": String(body.length) }).end(body);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await mock.close();
});
afterEach(() => {
  rewrite = undefined;
  vi.restoreAllMocks();
});

function clientWith(middleware: Parameters<UltravoxClient["use"]>[0]): UltravoxClient {
  const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: proxyUrl });
  client.use(middleware);
  return client;
}

/** Each call's body: JSON through the mock, the client and the validator. */
async function story(client: UltravoxClient): Promise<void> {
  await unwrap(client.GET("/api/accounts/me"));
  const agent = await unwrap(client.POST("/api/agents", { body: { name: "Drift" } }));
  await unwrap(client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: agent.agentId } } }));
  await unwrap(client.PATCH("/api/agents/{agent_id}", { params: { path: { agent_id: agent.agentId } }, body: { name: "Drift 2" } }));
  await unwrap(client.GET("/api/agents", { params: { query: { pageSize: 2 } } }));
  const call = await unwrap(client.POST("/api/agents/{agent_id}/calls", { params: { path: { agent_id: agent.agentId } }, body: {} }));
  await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: call.callId } } }));
  await unwrap(client.GET("/api/calls", { params: { query: { pageSize: 5 } } }));
  await unwrap(client.GET("/api/voices", { params: { query: { pageSize: 3 } } }));
  await unwrap(client.GET("/api/tools", { params: { query: { pageSize: 3 } } }));
  const missing = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "00000000-0000-4000-8000-000000000000" } } });
  expect(missing.response.status).toBe(404);
  await unwrap(client.DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: agent.agentId } } }));
}

describe("drift detection against the mock server (@ultravox-api/client/validate)", () => {
  it("lets valid responses pass silently: no drift, no console.warn, data unchanged", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const drifts: ResponseDrift[] = [];
    await story(clientWith(createResponseValidator({ mode: "warn", onDrift: (drift) => drifts.push(drift) })));
    await story(clientWith(createResponseValidator()));
    await story(clientWith(createResponseValidator({ mode: "throw" })));
    expect(drifts).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("checks every JSON answer of the story: each one's operation and status declare a schema, and its real body matches it", async () => {
    const seen: { method: string; url: string; status: number; path: string; body: unknown }[] = [];
    const client = clientWith({
      async onResponse({ request, response, schemaPath }) {
        if ((response.headers.get("content-type") ?? "").includes("json")) {
          seen.push({ method: request.method, url: request.url, status: response.status, path: schemaPath, body: await response.clone().json() });
        }
      },
    });
    await story(client);
    expect(seen.length).toBeGreaterThanOrEqual(11);
    for (const answer of seen) {
      // A body of the wrong type is drift: so the validator for this operation and status exists and ran.
      expect(checkResponse({ ...answer, body: "not the declared shape" }), `${answer.method} ${answer.path} ${answer.status}`).toBeDefined();
      expect(checkResponse(answer), `${answer.method} ${answer.path} ${answer.status}`).toBeUndefined();
    }
  });

  it("warn mode reports the operation, the JSON pointer, expected and actual, and hands the data on", async () => {
    const agent = await unwrap(createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url }).POST("/api/agents", { body: { name: "Target" } }));
    rewrite = (pathname, json) => (pathname === `/api/agents/${agent.agentId}` ? { ...(json as object), name: 42, created: "yesterday" } : json);
    const drifts: ResponseDrift[] = [];
    const client = clientWith(createResponseValidator({ mode: "warn", onDrift: (drift) => drifts.push(drift) }));
    const { data } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: agent.agentId } } });
    expect(data?.name).toBe(42);
    expect(drifts).toEqual([
      {
        operationId: "agents_retrieve",
        method: "GET",
        path: "/api/agents/{agent_id}",
        url: `${proxyUrl}/api/agents/${agent.agentId}`,
        status: 200,
        issues: [
          { pointer: "/name", keyword: "type", expected: "type string", actual: "42" },
          { pointer: "/created", keyword: "format", expected: "format date-time", actual: '"yesterday"' },
        ],
      },
    ]);
  });

  it("warn mode defaults to console.warn with the pointer", async () => {
    rewrite = (pathname, json) => {
      if (pathname !== "/api/calls") return json;
      const page = json as { results: Record<string, unknown>[] };
      return { ...page, results: page.results.map((call, i) => (i === 0 ? { ...call, endReason: "went-home" } : call)) };
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const client = clientWith(createResponseValidator());
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Calls" } }));
    await unwrap(client.POST("/api/agents/{agent_id}/calls", { params: { path: { agent_id: agent.agentId } }, body: {} }));
    await unwrap(client.GET("/api/calls", { params: { query: { pageSize: 1 } } }));
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toContain("GET /api/calls (calls_list) → 200 does not match the spec");
    expect(message).toMatch(/\/results\/0\/endReason: expected one of \["unjoined",.*"system_error"\].* got "went-home"/);
  });

  it("throw mode rejects the call with UltravoxResponseValidationError; an error status's body is checked too", async () => {
    const client = clientWith(createResponseValidator({ mode: "throw" }));
    rewrite = (pathname, json) => (pathname === "/api/accounts/me" ? { ...(json as object), accountId: undefined } : json);
    const error = await client.GET("/api/accounts/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxResponseValidationError);
    const drift = error as UltravoxResponseValidationError;
    expect(drift.name).toBe("UltravoxResponseValidationError");
    expect(drift.operationId).toBe("accounts_me_retrieve");
    expect(drift.issues).toEqual([{ pointer: "/accountId", keyword: "required", expected: "present (required)", actual: "missing" }]);
    expect(drift.message).toBe(`GET ${proxyUrl}/api/accounts/me answered 200 with a body that does not match the spec (accounts_me_retrieve): /accountId: expected present (required), got missing`);
    expect(drift.message).not.toContain(mock.apiKey);

    // A 404's DRF body {"detail": …} is declared (ErrorDetail): valid → the usual typed error; altered → drift.
    const missing = { params: { path: { agent_id: "00000000-0000-4000-8000-000000000000" } } };
    rewrite = undefined;
    await expect(unwrap(client.GET("/api/agents/{agent_id}", missing))).rejects.toBeInstanceOf(UltravoxNotFoundError);
    rewrite = (_pathname, json) => ({ ...(json as object), detail: ["Not found."] });
    await expect(client.GET("/api/agents/{agent_id}", missing)).rejects.toMatchObject({
      status: 404,
      issues: [{ pointer: "/detail", keyword: "type", expected: "type string", actual: "array (1 items)" }],
    });
  });
});
