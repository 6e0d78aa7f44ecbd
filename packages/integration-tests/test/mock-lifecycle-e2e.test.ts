import { createUltravoxClient, type UltravoxClient } from "@ultravox-api/client";
import { verifyWebhook } from "@ultravox-api/client/webhooks";
import { createMockHandler, startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { collect as collectTyped, paginate as paginateTyped } from "@ultravox-api/pagination";
import { startWebhookReceiver, type WebhookReceiver } from "@ultravox-api/test-support/webhook-receiver";
import type { Schema } from "@ultravox-api/types";
import { startListeningProcess } from "@ultravox-api/test-support/listening-process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/** The walkers without their typing by path: these tests pass paths and inits built at run time. */
type LooseWalk<R> = (client: unknown, path: string, init?: unknown, options?: { readonly pageSize?: number }) => R;
const paginateAny = paginateTyped as unknown as LooseWalk<AsyncIterable<unknown>>;
const collectAny = collectTyped as unknown as LooseWalk<Promise<unknown[]>>;
type ScheduledCall = Schema<"ScheduledCall">;
type Call = Schema<"Call">;
const paginate = (client: UltravoxClient, path: string, init: unknown, options: { pageSize: number }) =>
  paginateAny(client, path, init, options) as AsyncIterable<ScheduledCall>;
const collect = <T = ScheduledCall>(client: UltravoxClient, path: string, init: unknown, options: { pageSize: number }) =>
  collectAny(client, path, init, options) as Promise<T[]>;

const START = Date.parse("2025-06-02T08:00:00Z");
const HOUR = 3_600_000;
const MIN = 60_000;
const SCHEDULED = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const CREATED = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/created_calls";
const iso = (ms: number) => new Date(ms).toISOString();
const outgoing = (i: number) => ({ medium: { twilio: { outgoing: { to: `+1555000${String(i).padStart(4, "0")}`, from: "+15559990000" } } }, metadata: { row: String(i) } });
const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 0 };

let mock: MockServer | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await mock?.close();
  await receiver?.close();
  mock = undefined;
  receiver = undefined;
});

async function world(options: Parameters<typeof startMockServer>[0] = {}) {
  mock = await startMockServer({ seed: 6, clock: { mode: "virtual", start: START }, lifecycle: true, ...options });
  const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url, retry: fast });
  const agent = await client.POST("/api/agents", { body: { name: "Outbound scheduler" } });
  const agentId = agent.data?.agentId;
  if (agentId === undefined) throw new Error(`agent not created: ${agent.response.status}`);
  return { mock, client, agentId };
}

async function createBatch(client: UltravoxClient, agentId: string, body: Record<string, unknown>) {
  const created = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: agentId } },
    body: body as never,
  });
  return created;
}

function statusesOf(client: UltravoxClient, agentId: string, batchId: string, status?: "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR") {
  const query = status === undefined ? {} : { status };
  return collect(client, SCHEDULED, { params: { path: { agent_id: agentId, batch_id: batchId }, query } }, { pageSize: 10 });
}

describe("the seed story on a virtual clock, through the typed client and paginate", () => {
  it("25 FUTURE calls over 3 pages; into the window they succeed with Calls; the batch ends", async () => {
    const { mock, client, agentId } = await world();
    const created = await createBatch(client, agentId, {
      calls: Array.from({ length: 25 }, (_, i) => outgoing(i)),
      windowStart: iso(START + HOUR),
      windowEnd: iso(START + 2 * HOUR),
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ totalCount: 25, completedCount: 0, endedAt: null });
    const batchId = created.data?.batchId ?? "";
    const params = { path: { agent_id: agentId, batch_id: batchId } };

    mock.journal.clear();
    const future = [];
    for await (const call of paginate(client, SCHEDULED, { params: { ...params, query: { status: "FUTURE" } } }, { pageSize: 10 })) future.push(call);
    expect(future).toHaveLength(25);
    expect(future.every((call) => call.status === "FUTURE" && call.callId === null && call.batchId === batchId)).toBe(true);
    const pages = mock.journal.list({ method: "GET", pathPrefix: `/api/agents/${agentId}/scheduled_batches/${batchId}/scheduled_calls` });
    expect(pages.map((entry) => [entry.status, entry.query["status"], entry.query["pageSize"]])).toEqual([
      [200, "FUTURE", "10"],
      [200, "FUTURE", "10"],
      [200, "FUTURE", "10"],
    ]);

    // Into the window: one call per second (the default rate).
    await mock.clock.advance(HOUR + 9_500);
    expect(await statusesOf(client, agentId, batchId, "SUCCESS")).toHaveLength(10);
    expect(await statusesOf(client, agentId, batchId, "PENDING")).toHaveLength(15);

    // The admin route moves the same clock.
    const moved = await fetch(`${mock.url}/__mock/clock/advance`, {
      method: "POST",
      headers: { "X-API-Key": mock.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ ms: 30 * MIN }),
    });
    expect(await moved.json()).toEqual({ mode: "virtual", now: iso(START + HOUR + 9_500 + 30 * MIN) });

    const success = await statusesOf(client, agentId, batchId, "SUCCESS");
    expect(success).toHaveLength(25);
    const createdCalls = await collect<Call>(client, CREATED, { params }, { pageSize: 10 });
    expect(new Set(createdCalls.map((call) => call.callId))).toEqual(new Set(success.map((call) => call.callId)));
    const allCalls = await collect<Call>(client, "/api/calls", {}, { pageSize: 100 });
    for (const call of success) expect(allCalls.some((c) => c.callId === call.callId)).toBe(true);
    const one = await client.GET("/api/calls/{call_id}", { params: { path: { call_id: success[0]?.callId ?? "" } } });
    expect(one.response.status).toBe(200);
    const batch = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params });
    expect(batch.data).toMatchObject({ totalCount: 25, completedCount: 25, endedAt: iso(START + HOUR + 24_000) });
  });

  it("calls not made by windowEnd are EXPIRED; completedCount and endedAt follow", async () => {
    const { mock, client, agentId } = await world({ lifecycle: { callIntervalMs: MIN } });
    const created = await createBatch(client, agentId, {
      calls: Array.from({ length: 25 }, (_, i) => outgoing(i)),
      windowStart: iso(START + HOUR),
      windowEnd: iso(START + HOUR + 25 * MIN),
    });
    const batchId = created.data?.batchId ?? "";
    await mock.clock.advance(HOUR + 10 * MIN);
    // Shrink the window: still valid, now too short for the rest.
    const patched = await client.PATCH("/api/agents/{agent_id}/scheduled_batches/{batch_id}", {
      params: { path: { agent_id: agentId, batch_id: batchId } },
      body: { windowEnd: iso(START + HOUR + 15 * MIN) },
    });
    expect(patched.response.status).toBe(200);
    await mock.clock.advance(HOUR);
    expect(await statusesOf(client, agentId, batchId, "SUCCESS")).toHaveLength(15);
    expect(await statusesOf(client, agentId, batchId, "EXPIRED")).toHaveLength(10);
    const batch = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params: { path: { agent_id: agentId, batch_id: batchId } } });
    expect(batch.data).toMatchObject({ completedCount: 15, endedAt: iso(START + HOUR + 15 * MIN) });
  });

  it("pause stops progress and cannot be undone, as the docs say", async () => {
    const { mock, client, agentId } = await world();
    const batchId = (await createBatch(client, agentId, { calls: Array.from({ length: 20 }, (_, i) => outgoing(i)), windowStart: iso(START + MIN), windowEnd: iso(START + HOUR) })).data?.batchId ?? "";
    const params = { path: { agent_id: agentId, batch_id: batchId } };
    await mock.clock.advance(MIN + 4_500);
    const paused = await client.PATCH("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params, body: { paused: true } });
    expect(paused.data?.paused).toBe(true);
    await mock.clock.advance(10 * MIN);
    expect(await statusesOf(client, agentId, batchId, "SUCCESS")).toHaveLength(5);
    const resumed = await client.PATCH("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params, body: { paused: false } });
    expect(resumed.response.status).toBe(400);
    expect(resumed.error).toEqual({ paused: ["A paused batch cannot be resumed."] });
    await mock.clock.advance(HOUR);
    expect(await statusesOf(client, agentId, batchId, "EXPIRED")).toHaveLength(15);
  });

  const invalid: { name: string; body: (now: number) => Record<string, unknown>; want: unknown }[] = [
    { name: "webRtc calls without webhookUrl", body: () => ({ calls: [{ medium: { webRtc: {} } }] }), want: { webhookUrl: ["This field is required when a call has no outgoing medium (1 of 1 calls)."] } },
    { name: "outgoing calls with webhookUrl", body: () => ({ calls: [outgoing(1)], webhookUrl: "https://hooks.example.com/x" }), want: { webhookUrl: ["This field is not allowed when every call has an outgoing medium."] } },
    { name: "a window that ends before it starts", body: (now) => ({ calls: [outgoing(1)], windowStart: iso(now + 2 * HOUR), windowEnd: iso(now + HOUR) }), want: { windowEnd: ["windowEnd must be after windowStart."] } },
    { name: "a window too close to now", body: (now) => ({ calls: [outgoing(1)], windowEnd: iso(now + 1000) }), want: { windowEnd: ["windowEnd is too close to the current time: the window must be at least 60 seconds long."] } },
  ];
  it.each(invalid)("400 with a DRF body for $name, and nothing created", async ({ body, want }) => {
    const { client, agentId } = await world();
    const created = await createBatch(client, agentId, body(START));
    expect(created.response.status).toBe(400);
    expect(created.error).toEqual(want);
    const batches = await client.GET("/api/agents/{agent_id}/scheduled_batches", { params: { path: { agent_id: agentId } } });
    expect(batches.data?.total).toBe(0);
  });

  it("DELETE removes the batch and its scheduled calls", async () => {
    const { client, agentId } = await world();
    const batchId = (await createBatch(client, agentId, { calls: [outgoing(1), outgoing(2)], windowStart: iso(START + HOUR) })).data?.batchId ?? "";
    const params = { path: { agent_id: agentId, batch_id: batchId } };
    expect((await client.DELETE("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params })).response.status).toBe(204);
    expect((await client.GET(SCHEDULED, { params })).response.status).toBe(404);
    expect((await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}", { params })).response.status).toBe(404);
  });
});

describe("webhook mode, delivered to a real local receiver", () => {
  it("POSTs signed call.started events; the signature verifies with the exported helper", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    const { mock, client, agentId } = await world();
    const created = await createBatch(client, agentId, {
      calls: [{ medium: { webRtc: {} }, metadata: { who: "a" } }, outgoing(2), { metadata: { who: "c" } }],
      webhookUrl: receiver.url,
      webhookSecret: "whsec-e2e",
      windowStart: iso(START + MIN),
    });
    expect(created.data?.webhookSecret).toBe("whsec-e2e");
    const batchId = created.data?.batchId ?? "";
    await mock.clock.advance(MIN + 5_000);
    expect(receiver.received).toHaveLength(2);
    const scheduled = await statusesOf(client, agentId, batchId);
    for (const delivery of receiver.received) {
      await expect(verifyWebhook({ body: delivery.body, headers: delivery.headers, secret: "whsec-e2e", now: mock.clock.now() })).resolves.toMatchObject({ event: "call.started" });
      const payload = JSON.parse(delivery.body.toString("utf8")) as { event: string; call: { callId: string; metadata: Record<string, string> } };
      expect(payload.event).toBe("call.started");
      expect(scheduled.some((call) => call.callId === payload.call.callId && call.status === "SUCCESS")).toBe(true);
      const fetched = await client.GET("/api/calls/{call_id}", { params: { path: { call_id: payload.call.callId } } });
      expect(fetched.data?.metadata).toEqual(payload.call.metadata);
    }
  });

  it("on a real clock, batches progress between requests (the server moves them every second)", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    mock = await startMockServer({ clock: { mode: "real" }, lifecycle: { callIntervalMs: 100 } });
    const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url, retry: false });
    const agentId = (await client.POST("/api/agents", { body: { name: "Now" } })).data?.agentId ?? "";
    const created = await createBatch(client, agentId, { calls: [{}, {}, {}], webhookUrl: receiver.url, webhookSecret: "rt" });
    expect(created.response.status).toBe(201);
    // No further request: only the server's own tick can make the second and third calls.
    for (let waited = 0; receiver.received.length < 3 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(3);
    for (const delivery of receiver.received) {
      await expect(verifyWebhook({ body: delivery.body, headers: delivery.headers, secret: "rt" })).resolves.toMatchObject({ event: "call.started" });
    }
  });

  it("a failed delivery marks the call ERROR with a message", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    receiver.reply = () => 500;
    const { mock, client, agentId } = await world();
    const created = await createBatch(client, agentId, { calls: [{}], webhookUrl: receiver.url, windowStart: iso(START + MIN) });
    // No secret given: the mock chose one, as the API does.
    expect(created.data?.webhookSecret).toMatch(/^.{16,}$/);
    await mock.clock.advance(2 * MIN);
    const [call] = await statusesOf(client, agentId, created.data?.batchId ?? "");
    expect(call).toMatchObject({ status: "ERROR", callId: null });
    expect(call?.error).toMatch(/^Webhook delivery to http:\/\/127\.0\.0\.1:\d+\/hooks\/call-ready failed: HTTP 500\.$/);
  });
});

describe("client resilience observed in the journal", () => {
  it("GET retried exactly twice through two injected 503s", async () => {
    const { mock, client } = await world();
    const set = await fetch(`${mock.url}/__mock/faults`, {
      method: "PUT",
      headers: { "X-API-Key": mock.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify([{ kind: "status", route: "GET /api/agents", status: 503, times: 2, retryAfterSeconds: 0 }]),
    });
    expect(set.status).toBe(200);
    mock.journal.clear();
    const listed = await client.GET("/api/agents");
    expect(listed.response.status).toBe(200);
    expect(mock.journal.list({ method: "GET", path: "/api/agents" }).map((e) => [e.status, e.fault ?? null])).toEqual([
      [503, "status"],
      [503, "status"],
      [200, null],
    ]);
  });

  it("the admin journal route shows the same attempts", async () => {
    const { mock, client } = await world();
    mock.faults.add({ kind: "status", route: "GET /api/agents", status: 429, times: 1, retryAfterSeconds: 0 });
    await fetch(`${mock.url}/__mock/journal`, { method: "DELETE", headers: { "X-API-Key": mock.apiKey } });
    expect((await client.GET("/api/agents")).response.status).toBe(200);
    const answer = await fetch(`${mock.url}/__mock/journal?path=/api/agents&method=GET`, { headers: { "X-API-Key": mock.apiKey } });
    const journal = (await answer.json()) as { entries: { status: number; tenant: string }[] };
    expect(journal.entries.map((e) => [e.status, e.tenant])).toEqual([
      [429, "tenant-1"],
      [200, "tenant-1"],
    ]);
  });

  it("in-process, a reset rejects like fetch's network error, and the client retries it", async () => {
    const mock = createMockHandler({ faults: [{ kind: "reset", route: "GET /api/agents", times: 1 }] });
    const raw = () => mock.fetch("https://api.ultravox.ai/api/agents", { headers: { "X-API-Key": mock.apiKey } });
    await expect(raw()).rejects.toThrow(TypeError);
    expect((await raw()).status).toBe(200);
    mock.faults.add({ kind: "reset", route: "GET /api/agents", times: 1 });
    const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: "https://api.ultravox.ai", fetch: mock.fetch, retry: fast });
    expect((await client.GET("/api/agents")).response.status).toBe(200);
    expect(mock.journal.list({ path: "/api/agents" }).map((e) => e.status)).toEqual([0, 200, 0, 200]);
  });

  it("POST is never repeated by the client under 429", async () => {
    const { mock, client } = await world();
    mock.faults.set([{ kind: "status", route: "POST /api/agents", status: 429, times: 1 }]);
    mock.journal.clear();
    const created = await client.POST("/api/agents", { body: { name: "again" } });
    expect(created.response.status).toBe(429);
    expect(created.response.headers.get("retry-after")).toBe("1");
    expect(created.error).toEqual({ detail: "Request was throttled. Expected available in 1 second." });
    expect(mock.journal.list({ method: "POST" })).toHaveLength(1);
  });

  it("a connection reset is retried for GET; the journal shows the dropped attempt", async () => {
    const { mock, client } = await world();
    mock.faults.add({ kind: "reset", route: "GET /api/agents", times: 1 });
    mock.journal.clear();
    const listed = await client.GET("/api/agents");
    expect(listed.response.status).toBe(200);
    expect(mock.journal.list({ path: "/api/agents" }).map((e) => e.status)).toEqual([0, 200]);
  });

  it("rate limits per key answer 429 with Retry-After, and the client waits it out", async () => {
    const { mock, client } = await world({ rateLimits: { perKey: 3 } });
    const raw = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url, retry: false });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await raw.GET("/api/agents")).response.status);
    // One of the 3 tokens went to creating the agent in world().
    expect(statuses).toEqual([200, 200, 429, 429]);
    await mock.clock.advance(1000);
    expect((await client.GET("/api/agents")).response.status).toBe(200);
  });
});

describe("the CLI's clock and rate-limit flags", () => {
  it("--clock gives a virtual clock moved by the admin route; --rate-limit-per-key throttles", async () => {
    const cli = join(dirname(createRequire(import.meta.url).resolve("@ultravox-api/mock-server/package.json")), "dist/adapters/cli.js");
    const mock = await startListeningProcess([cli, "--port", "0", "--api-key", "cli.key", "--clock", "2025-06-02T08:00:00Z", "--rate-limit-per-key", "2"]);
    const { url } = mock;
    try {
      const headers = { "X-API-Key": "cli.key", "Content-Type": "application/json" };
      const clock = await fetch(`${url}/__mock/clock/advance`, { method: "POST", headers, body: JSON.stringify({ ms: 1000 }) });
      expect(await clock.json()).toEqual({ mode: "virtual", now: "2025-06-02T08:00:01.000Z" });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/api/agents`, { headers })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await mock.stop();
    }
  });
});
