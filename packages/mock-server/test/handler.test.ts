import { createMockHandler, startMockServer, type MockHandler } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { field, results, send } from "./helpers/api.js";
import { isErrorDetail } from "./helpers/spec-validator.js";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("CRUD round-trips", () => {
  const cases = [
    { name: "agents", path: "/api/agents", id: "agentId", create: { name: "Ada" }, patch: { name: "Ada 2" }, check: "name" },
    {
      name: "tools",
      path: "/api/tools",
      id: "toolId",
      create: { name: "lookup", definition: { description: "a" } },
      put: { name: "lookup2", definition: { description: "b" } },
      check: "name",
    },
    {
      name: "webhooks",
      path: "/api/webhooks",
      id: "webhookId",
      create: { url: "https://hooks.example.com/a", events: ["call.started"] },
      patch: { url: "https://hooks.example.com/b" },
      check: "url",
    },
    { name: "corpora", path: "/api/corpora", id: "corpusId", create: { name: "kb" }, patch: { name: "kb2" }, check: "name" },
  ] as const;

  /** The same round-trip in-process (injected fetch) and over real HTTP (global fetch to startMockServer). */
  const transports = [
    {
      name: "in-process",
      open: () => {
        const mock = createMockHandler({ seed: 1 });
        return Promise.resolve({ mock, fetch: mock.fetch, base: undefined, close: () => Promise.resolve() });
      },
    },
    {
      name: "HTTP",
      open: async () => {
        const server = await startMockServer({ seed: 1 });
        const httpFetch: MockHandler["fetch"] = (input, init) => fetch(input, init);
        return { mock: server as MockHandler, fetch: httpFetch, base: server.url, close: () => server.close() };
      },
    },
  ];

  for (const transport of transports) for (const c of cases) {
    it(`${c.name} (${transport.name}): create 201, get, list, update, delete 204, then 404`, async () => {
      const opened = await transport.open();
      const { mock } = opened;
      const key = mock.apiKey;
      const base = opened.base;
      const fetcher: MockHandler["fetch"] = (input, init) =>
        opened.fetch(base !== undefined && typeof input === "string" ? input.replace("https://api.ultravox.ai", base) : input, init);
      try {
        const created = await send(fetcher, "POST", c.path, { key, body: c.create });
        expect(created.status).toBe(201);
        const id = field(created.json, c.id);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(field(created.json, "created")).toBe("2025-01-01T00:00:00.000Z");
        const got = await send(fetcher, "GET", `${c.path}/${id}`, { key });
        expect(got.status).toBe(200);
        expect(got.json).toEqual(created.json);
        const listed = await send(fetcher, "GET", c.path, { key });
        expect(results(listed.json).map((item) => item[c.id])).toEqual([id]);
        const change = "patch" in c ? c.patch : c.put;
        const updated = await send(fetcher, "patch" in c ? "PATCH" : "PUT", `${c.path}/${id}`, { key, body: change });
        expect(updated.status).toBe(200);
        expect(field(updated.json, c.check)).toBe(change[c.check as keyof typeof change]);
        expect(field(updated.json, c.id)).toBe(id);
        const again = await send(fetcher, "GET", `${c.path}/${id}`, { key });
        expect(again.json).toEqual(updated.json);
        expect((await send(fetcher, "DELETE", `${c.path}/${id}`, { key })).status).toBe(204);
        const gone = await send(fetcher, "GET", `${c.path}/${id}`, { key });
        expect(gone.status).toBe(404);
        expect(gone.json).toEqual({ detail: "Not found." });
      } finally {
        await opened.close();
      }
    });
  }

  it("scheduled batches: created under an agent with one FUTURE call per entry; 404 under a missing agent; deleted with the agent", async () => {
    const mock = createMockHandler({ seed: 2 });
    const key = mock.apiKey;
    const agentId = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
    const calls = [{ metadata: { n: "1" } }, { metadata: { n: "2" } }, { metadata: { n: "3" } }];
    const batch = await send(mock.fetch, "POST", `/api/agents/${agentId}/scheduled_batches`, { key, body: { calls, webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } });
    expect(batch.status).toBe(201);
    expect(batch.json).toMatchObject({ totalCount: 3, completedCount: 0, endedAt: null });
    expect(batch.json).not.toHaveProperty("calls");
    const batchId = field(batch.json, "batchId");
    const listed = await send(mock.fetch, "GET", `/api/agents/${agentId}/scheduled_batches/${batchId}/scheduled_calls`, { key });
    const items = results(listed.json);
    expect(items).toHaveLength(3);
    for (const item of items) expect(item).toMatchObject({ status: "FUTURE", callId: null, error: null, batchId });
    expect(items.map((item) => item["metadata"])).toEqual([{ n: "3" }, { n: "2" }, { n: "1" }]);

    const batchPath = `/api/agents/${agentId}/scheduled_batches/${batchId}`;
    const paused = await send(mock.fetch, "PATCH", batchPath, { key, body: { paused: true } });
    expect(paused.json).toMatchObject({ paused: true, batchId, totalCount: 3 });
    expect((await send(mock.fetch, "GET", batchPath, { key })).json).toEqual(paused.json);
    const second = field((await send(mock.fetch, "POST", `/api/agents/${agentId}/scheduled_batches`, { key, body: { calls, webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } })).json, "batchId");
    expect((await send(mock.fetch, "DELETE", `/api/agents/${agentId}/scheduled_batches/${second}`, { key })).status).toBe(204);
    const secondCalls = await send(mock.fetch, "GET", `/api/agents/${agentId}/scheduled_batches/${second}/scheduled_calls`, { key });
    expect(secondCalls.status).toBe(404);

    const orphan = await send(mock.fetch, "POST", `/api/agents/${UNKNOWN}/scheduled_batches`, { key, body: { calls, webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } });
    expect(orphan.status).toBe(404);
    expect((await send(mock.fetch, "DELETE", `/api/agents/${agentId}`, { key })).status).toBe(204);
    const child = await send(mock.fetch, "GET", `/api/agents/${agentId}/scheduled_batches/${batchId}`, { key });
    expect(child.status).toBe(404);
    const recreated = await send(mock.fetch, "GET", `/api/agents/${agentId}/scheduled_batches`, { key });
    expect(recreated.status).toBe(404);
  });
});

describe("tenants", () => {
  it("keeps each API key's resources invisible to the others", async () => {
    const mock = createMockHandler({ apiKeys: ["key-a", "key-b"] });
    const created = await send(mock.fetch, "POST", "/api/agents", { key: "key-a", body: { name: "mine" } });
    const id = field(created.json, "agentId");
    expect((await send(mock.fetch, "GET", `/api/agents/${id}`, { key: "key-b" })).status).toBe(404);
    expect(results((await send(mock.fetch, "GET", "/api/agents", { key: "key-b" })).json)).toEqual([]);
    expect((await send(mock.fetch, "DELETE", `/api/agents/${id}`, { key: "key-b" })).status).toBe(404);
    expect((await send(mock.fetch, "GET", `/api/agents/${id}`, { key: "key-a" })).status).toBe(200);
  });

  it("accepts X-Unsafe-API-Key and answers 401 without echoing a wrong key", async () => {
    const mock = createMockHandler({ apiKeys: ["right"] });
    const unsafe = await send(mock.fetch, "GET", "/api/agents", { key: null, headers: { "x-unsafe-api-key": "right" } });
    expect(unsafe.status).toBe(200);
    const missing = await send(mock.fetch, "GET", "/api/agents", { key: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ detail: "Authentication credentials were not provided." });
    const wrong = await send(mock.fetch, "GET", "/api/agents", { key: "sk-secret-value" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("sk-secret-value");
  });
});

describe("validation", () => {
  const mock = createMockHandler();
  const key = mock.apiKey;
  const table = [
    {
      given: { method: "POST", path: "/api/webhooks", body: { url: "not a url", events: ["call.nope"] } },
      want: { url: ["Enter a valid URL."], events: { "0": ['"call.nope" is not a valid choice.'] } },
    },
    { given: { method: "POST", path: "/api/webhooks", body: {} }, want: { url: ["This field is required."], events: ["This field is required."] } },
    {
      // DRF's CharField takes a number; a list of nested serializers reports one entry per item.
      given: { method: "POST", path: "/api/call_throttles", body: { name: 5, rules: [{ maxCalls: "x" }] } },
      want: { rules: [{ maxCalls: ["A valid integer is required."], windowSeconds: ["This field is required."] }] },
    },
    {
      given: { method: "POST", path: "/api/call_throttles", body: { name: "t", rules: [{ maxCalls: 1, windowSeconds: 1 }, { maxCalls: "7.5", windowSeconds: "60" }] } },
      want: { rules: [{}, { maxCalls: ["A valid integer is required."] }] },
    },
    { given: { method: "POST", path: "/api/call_throttles", body: { name: "t", rules: "x" } }, want: { rules: { non_field_errors: ['Expected a list of items but got type "str".'] } } },
    // Strict query checks are opt-in (strictQuery: true); the API reads these as Django does.
    { strict: true, given: { method: "GET", path: "/api/accounts/me/billing/invoices?pageSize=0" }, want: { pageSize: ["Ensure this value is greater than or equal to 1."] } },
    { strict: true, given: { method: "GET", path: "/api/accounts/me/billing/invoices?pageSize=101" }, want: { pageSize: ["Ensure this value is less than or equal to 100."] } },
    { strict: true, given: { method: "GET", path: "/api/agents?pageSize=abc" }, want: { pageSize: ["Enter a whole number."] } },
    { strict: true, given: { method: "GET", path: "/api/agents?colour=red" }, want: { colour: ["Unknown query parameter."] } },
    { strict: true, given: { method: "GET", path: "/api/calls?metadata[team]=blue" }, want: { "metadata[team]": ["Unknown query parameter."] } },
    { given: { method: "POST", path: "/api/agents", body: [] }, want: { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] } },
    { given: { method: "POST", path: "/api/agents", body: null }, want: { non_field_errors: ["No data provided"] } },
  ] as const;

  const strictMock = createMockHandler({ strictQuery: true });
  for (const { given, want, ...row } of table) {
    const strict = "strict" in row;
    it(`${given.method} ${given.path} ${JSON.stringify("body" in given ? given.body : "")}${strict ? " (strictQuery)" : ""} → 400 naming the fields`, async () => {
      const target = strict ? strictMock : mock;
      const answer = await send(target.fetch, given.method, given.path, { key: target.apiKey, ...("body" in given ? { body: given.body } : {}) });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual(want);
    });
  }

  it("ignores readOnly fields in a request, as DRF does", async () => {
    const answer = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "x", agentId: "mine", created: "yesterday" } });
    expect(answer.status).toBe(201);
    expect(field(answer.json, "agentId")).not.toBe("mine");
    expect(field(answer.json, "created")).toBe("2025-01-01T00:00:00.000Z");
  });

  it("validates nullable fields that have no type (ajv alone cannot compile them)", async () => {
    const good = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "n", callTemplate: null } });
    expect(good.status).toBe(201);
    const bad = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "n", callTemplate: "nope" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json as object)).toEqual(["callTemplate"]);
  });

  const errors = [
    { given: { method: "PUT", path: "/api/agents" }, want: 405 },
    { given: { method: "POST", path: "/api/agents", raw: "{not json", type: "application/json" }, want: 400 },
    { given: { method: "POST", path: "/api/agents", raw: "name=x", type: "text/plain" }, want: 415 },
  ] as const;
  for (const { given, want } of errors) {
    it(`${given.method} ${given.path} → ${want} with a {"detail"} body`, async () => {
      const answer = await send(mock.fetch, given.method, given.path, {
        key,
        ...("raw" in given ? { rawBody: given.raw, headers: { "content-type": given.type } } : {}),
      });
      expect(answer.status).toBe(want);
      expect(isErrorDetail(answer.text)).toBe(true);
    });
  }

  it("says why JSON did not parse, and lists the allowed methods on 405", async () => {
    const parse = await send(mock.fetch, "POST", "/api/agents", { key, rawBody: "{oops", headers: { "content-type": "application/json" } });
    expect(field(parse.json, "detail")).toMatch(/^JSON parse error - /);
    const method = await send(mock.fetch, "DELETE", "/api/agents", { key });
    expect(method.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("answers a routing miss (no route, a malformed or upper-case UUID) with Django's HTML 404 page, no Allow, before auth", async () => {
    for (const path of ["/api/nothing-here", "/api/agents/not-a-uuid", `/api/agents/${UNKNOWN.toUpperCase().replace("0000-4000", "0000-4ABC")}`, "/api/agents/"]) {
      const answer = await send(mock.fetch, "GET", path, {});
      expect({ path, status: answer.status, type: answer.headers.get("content-type"), allow: answer.headers.get("allow") }).toEqual({ path, status: 404, type: "text/html; charset=utf-8", allow: null });
      expect(answer.text).toContain("<h1>Not Found</h1>");
    }
  });

  it("answers 413 for a body over the limit", async () => {
    const small = createMockHandler({ maxBodyBytes: 100 });
    const answer = await send(small.fetch, "POST", "/api/agents", { key: small.apiKey, body: { name: "x".repeat(200) } });
    expect(answer.status).toBe(413);
    expect(isErrorDetail(answer.text)).toBe(true);
  });
});

describe("pagination", () => {
  it("walks every page by next: items equal total, newest first, no duplicates; previous walks back", async () => {
    const mock = createMockHandler({ seed: 3 });
    const key = mock.apiKey;
    const agentId = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
    const calls = Array.from({ length: 25 }, (_v, i) => ({ metadata: { i: String(i) } }));
    const batchId = field(
      (await send(mock.fetch, "POST", `/api/agents/${agentId}/scheduled_batches`, { key, body: { calls, webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } })).json,
      "batchId",
    );
    const path = `/api/agents/${agentId}/scheduled_batches/${batchId}/scheduled_calls?status=FUTURE&pageSize=10`;
    let url: string | null = `https://api.ultravox.ai${path}`;
    const seen: unknown[] = [];
    const pages: Record<string, unknown>[] = [];
    while (url !== null) {
      const page = await send(mock.fetch, "GET", url.replace("https://api.ultravox.ai", ""), { key });
      const body = page.json as { results: { metadata: { i: string } }[]; next: string | null; total: number };
      expect(body.total).toBe(25);
      seen.push(...body.results.map((item) => item.metadata.i));
      pages.push(page.json as Record<string, unknown>);
      if (body.next !== null) {
        const next = new URL(body.next);
        expect(next.origin).toBe("https://api.ultravox.ai");
        expect(next.searchParams.get("status")).toBe("FUTURE");
        expect(next.searchParams.get("pageSize")).toBe("10");
        expect(next.searchParams.get("cursor")).toMatch(/^[A-Za-z0-9_-]+$/);
      }
      url = body.next;
    }
    expect(pages).toHaveLength(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_v, i) => String(24 - i)));
    const last = pages[2] as { previous: string };
    const back = await send(mock.fetch, "GET", last.previous.replace("https://api.ultravox.ai", ""), { key });
    expect(back.json).toEqual(pages[1]);
  });

  it("filters by status (none SUCCESS yet) and keeps a cursor valid when items are added", async () => {
    const mock = createMockHandler({ seed: 4 });
    const key = mock.apiKey;
    const agentId = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
    const batches = `/api/agents/${agentId}/scheduled_batches`;
    const batchId = field((await send(mock.fetch, "POST", batches, { key, body: { calls: [{}], webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } })).json, "batchId");
    const success = await send(mock.fetch, "GET", `${batches}/${batchId}/scheduled_calls?status=SUCCESS`, { key });
    expect(success.json).toMatchObject({ results: [], total: 0, next: null, previous: null });

    for (let i = 0; i < 5; i++) await send(mock.fetch, "POST", "/api/agents", { key, body: { name: `n${i}` } });
    const first = (await send(mock.fetch, "GET", "/api/agents?pageSize=2", { key })).json as { next: string; results: unknown[] };
    for (let i = 0; i < 3; i++) await send(mock.fetch, "POST", "/api/agents", { key, body: { name: `late${i}` } });
    const second = (await send(mock.fetch, "GET", first.next.replace("https://api.ultravox.ai", ""), { key })).json as {
      results: { name: string }[];
      total: number;
    };
    expect(second.results.map((agent) => agent.name)).toEqual(["n2", "n1"]);
    expect(second.total).toBe(9);
  });

  it("filters webhooks by agentId and agents by search", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const agentId = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "Support Bot" } })).json, "agentId");
    await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "Sales" } });
    const hook = { url: "https://h.example.com/x", events: ["call.ended"] };
    await send(mock.fetch, "POST", "/api/webhooks", { key, body: { ...hook, agentId } });
    await send(mock.fetch, "POST", "/api/webhooks", { key, body: hook });
    const hooks = await send(mock.fetch, "GET", `/api/webhooks?agentId=${agentId}`, { key });
    expect(results(hooks.json).map((item) => item["agentId"])).toEqual([agentId]);
    const found = await send(mock.fetch, "GET", "/api/agents?search=support", { key });
    expect(results(found.json).map((item) => item["name"])).toEqual(["Support Bot"]);
  });

  it("answers 404 for a cursor it did not issue", async () => {
    const mock = createMockHandler();
    const answer = await send(mock.fetch, "GET", "/api/agents?cursor=bogus!", { key: mock.apiKey });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ detail: "Invalid cursor" });
  });
});

describe("determinism and reset", () => {
  async function script(seed: number): Promise<string[]> {
    const mock = createMockHandler({ seed });
    const key = mock.apiKey;
    const out: string[] = [mock.apiKey];
    const agent = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "d" } });
    out.push(agent.text);
    const agentId = field(agent.json, "agentId");
    out.push((await send(mock.fetch, "POST", `/api/agents/${agentId}/scheduled_batches`, { key, body: { calls: [{}, {}], webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } })).text);
    out.push((await send(mock.fetch, "GET", "/api/models", { key })).text);
    out.push((await send(mock.fetch, "GET", "/api/accounts/me", { key })).text);
    out.push((await send(mock.fetch, "POST", "/api/calls", { key, body: {} })).text);
    return out;
  }

  it("gives byte-identical answers for the same seed and different ones for another", async () => {
    const a = await script(42);
    expect(await script(42)).toEqual(a);
    const other = await script(43);
    expect(other[0]).not.toBe(a[0]);
    expect(other[1]).not.toBe(a[1]);
  });

  it("reset() restores the seeded state", async () => {
    const mock = createMockHandler({ seed: 9 });
    const key = mock.apiKey;
    const before = (await send(mock.fetch, "GET", "/api/models", { key })).text;
    await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "temp" } });
    mock.reset();
    expect(results((await send(mock.fetch, "GET", "/api/agents", { key })).json)).toEqual([]);
    expect((await send(mock.fetch, "GET", "/api/models", { key })).text).toBe(before);
  });
});

describe("calls", () => {
  it("a call created through an agent is listed under the agent and under /api/calls, with its stages", async () => {
    const mock = createMockHandler({ seed: 21 });
    const key = mock.apiKey;
    const agentId = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "caller" } })).json, "agentId");
    const call = await send(mock.fetch, "POST", `/api/agents/${agentId}/calls`, { key, body: {} });
    expect(call.status).toBe(201);
    const callId = field(call.json, "callId");
    expect(field(call.json, "agentId")).toBe(agentId);
    expect(results((await send(mock.fetch, "GET", `/api/agents/${agentId}/calls`, { key })).json).map((c) => c["callId"])).toEqual([callId]);
    expect((await send(mock.fetch, "GET", `/api/calls/${callId}`, { key })).json).toEqual(call.json);
    const stages = results((await send(mock.fetch, "GET", `/api/calls/${callId}/stages`, { key })).json);
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage["callId"]).toBe(callId);
    expect((await send(mock.fetch, "DELETE", `/api/calls/${callId}`, { key })).status).toBe(204);
    expect(results((await send(mock.fetch, "GET", `/api/agents/${agentId}/calls`, { key })).json)).toEqual([]);
  });

  it("deleting a call leaves a tombstone in /api/deleted_calls and removes its stages", async () => {
    const mock = createMockHandler({ seed: 22, fixtures: 0 });
    const key = mock.apiKey;
    const call = await send(mock.fetch, "POST", "/api/calls", { key, body: {} });
    const callId = field(call.json, "callId");
    expect((await send(mock.fetch, "DELETE", `/api/calls/${callId}`, { key })).status).toBe(204);
    expect((await send(mock.fetch, "GET", `/api/calls/${callId}/stages`, { key })).status).toBe(404);
    const tombstone = await send(mock.fetch, "GET", `/api/deleted_calls/${callId}`, { key });
    expect(tombstone.status).toBe(200);
    expect(tombstone.json).toMatchObject({ callId, created: field(call.json, "created"), deletionTime: "2025-01-01T00:00:00.000Z" });
    expect(results((await send(mock.fetch, "GET", "/api/deleted_calls", { key })).json)).toHaveLength(1);
  });
});

describe("a new resource", () => {
  it("starts with counts at 0, empty server lists and null moments-to-come", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const agent = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "fresh" } });
    expect(agent.json).toMatchObject({ statistics: { calls: 0 } });
    const call = await send(mock.fetch, "POST", "/api/calls", { key, body: {} });
    expect(call.json).toMatchObject({ joined: null, ended: null, endReason: null });
    expect(field(call.json, "joinUrl")).toMatch(/^https:\/\//);
    const hook = await send(mock.fetch, "POST", "/api/webhooks", { key, body: { url: "https://h.example.com/", events: ["call.ended"] } });
    expect(hook.json).toMatchObject({ recentFailures: [], lastStatusChange: null, agentId: null });
  });
});
