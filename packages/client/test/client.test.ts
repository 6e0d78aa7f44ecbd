import { afterEach, describe, expect, it } from "vitest";
import { createUltravoxClient, DEFAULT_BASE_URL, UltravoxError, unwrap } from "@ultravox-api/client";
import { AGENT, API_KEY, BATCH, SCHEDULED_CALLS } from "./support/constants.js";
import { json, startTestServer, type TestServer } from "./support/test-server.js";

const servers: TestServer[] = [];
async function server(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const started = await startTestServer(...args);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const page = {
  results: [{ status: "FUTURE", batchId: BATCH, callId: null, error: null }],
  next: null,
  previous: null,
  total: 1,
};

describe("createUltravoxClient", () => {
  it("refuses to start without a key, naming the option and the env var", () => {
    const saved = process.env["ULTRAVOX_API_KEY"];
    delete process.env["ULTRAVOX_API_KEY"];
    try {
      expect(() => createUltravoxClient()).toThrow(UltravoxError);
      expect(() => createUltravoxClient({ apiKey: "" })).toThrow(/`apiKey`.*ULTRAVOX_API_KEY/);
    } finally {
      if (saved !== undefined) process.env["ULTRAVOX_API_KEY"] = saved;
    }
  });

  it("defaults to the public API", () => {
    expect(DEFAULT_BASE_URL).toBe("https://api.ultravox.ai");
  });

  it("reads ULTRAVOX_API_KEY when no apiKey is given", async () => {
    const api = await server((_req, res) => {
      json(res, 200, page);
    });
    const saved = process.env["ULTRAVOX_API_KEY"];
    process.env["ULTRAVOX_API_KEY"] = "from-env-key";
    try {
      const client = createUltravoxClient({ baseUrl: api.url });
      await client.GET("/api/accounts/me");
      expect(api.requests[0]?.headers["x-api-key"]).toBe("from-env-key");
    } finally {
      if (saved === undefined) delete process.env["ULTRAVOX_API_KEY"];
      else process.env["ULTRAVOX_API_KEY"] = saved;
    }
  });

  it("lists the seed endpoint filtered by status, with key, headers and user agent", async () => {
    const api = await server((_req, res) => {
      json(res, 200, page);
    });
    const client = createUltravoxClient({
      apiKey: API_KEY,
      baseUrl: api.url,
      headers: { "X-Team": "voice" },
      userAgent: "my-app/1.0",
    });
    const { data, error } = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      params: { path: { agent_id: AGENT, batch_id: BATCH }, query: { status: "FUTURE", pageSize: 50 } },
    });
    expect(error).toBeUndefined();
    expect(data?.results[0]?.status).toBe("FUTURE");
    const [request] = api.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe(`${SCHEDULED_CALLS}?status=FUTURE&pageSize=50`);
    expect(request?.headers["x-api-key"]).toBe(API_KEY);
    expect(request?.headers["x-team"]).toBe("voice");
    expect(request?.headers["user-agent"]).toBe("my-app/1.0");
  });

  it("sends a JSON body with POST", async () => {
    const api = await server((req, res) => {
      json(res, 201, { ...(JSON.parse(req.body) as object), batchId: BATCH, created: "2026-01-01T00:00:00Z" });
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const batch = await unwrap(
      client.POST("/api/agents/{agent_id}/scheduled_batches", {
        params: { path: { agent_id: AGENT } },
        body: { calls: [{ templateContext: { name: "Ada" } }], windowStart: "2026-01-01T09:00:00Z" },
      }),
    );
    expect(batch.batchId).toBe(BATCH);
    expect(api.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(api.requests[0]?.body ?? "")).toEqual({
      calls: [{ templateContext: { name: "Ada" } }],
      windowStart: "2026-01-01T09:00:00Z",
    });
  });

  it("sends the key to the configured origin only", async () => {
    const other = await server((_req, res) => {
      json(res, 200, page);
    });
    const api = await server((_req, res) => {
      json(res, 200, page);
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url, headers: { "X-API-Key": API_KEY } });
    await client.GET("/api/accounts/me", { baseUrl: other.url });
    await client.GET("/api/accounts/me");
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
    expect(api.requests[0]?.headers["x-api-key"]).toBe(API_KEY);
  });

  it("hands a POST's redirect back unfollowed, so a body is never replayed elsewhere", async () => {
    const elsewhere = await server((_req, res) => {
      json(res, 200, {});
    });
    const api = await server((_req, res) => {
      res.writeHead(303, { location: `${elsewhere.url}/done` });
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const { response } = await client.POST("/api/agents", { body: { name: "a" } });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${elsewhere.url}/done`);
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("keeps the key on same-origin redirects and drops it on cross-origin ones", async () => {
    const storage = await server((_req, res) => {
      res.writeHead(200, { "content-type": "audio/wav" });
      res.end("RIFF");
    });
    const api = await server((req, res) => {
      if (req.url.startsWith("/api/calls/")) {
        res.writeHead(302, { location: "/moved" });
        res.end();
      } else {
        res.writeHead(302, { location: `${storage.url}/rec.wav?X-Amz-Signature=abc` });
        res.end();
      }
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const { data } = await client.GET("/api/calls/{call_id}/recording", {
      params: { path: { call_id: "c1" } },
      parseAs: "text",
    });
    expect(data).toBe("RIFF");
    expect(api.requests.map((r) => [r.url, r.headers["x-api-key"]])).toEqual([
      ["/api/calls/c1/recording", API_KEY],
      ["/moved", API_KEY],
    ]);
    expect(storage.requests[0]?.url).toBe("/rec.wav?X-Amz-Signature=abc");
    expect(storage.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("follows at most 5 redirects, then hands the last 3xx back", async () => {
    const api = await server((req, res) => {
      const hop = Number(new URL(req.url, "http://x").searchParams.get("hop") ?? "0");
      res.writeHead(302, { location: `/api/calls?hop=${hop + 1}` });
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const { response } = await client.GET("/api/calls");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/api/calls?hop=6");
    expect(api.requests.map((r) => r.url)).toEqual(["/api/calls", "/api/calls?hop=1", "/api/calls?hop=2", "/api/calls?hop=3", "/api/calls?hop=4", "/api/calls?hop=5"]);
    expect(api.requests.every((r) => r.headers["x-api-key"] === API_KEY)).toBe(true);
  });
});
