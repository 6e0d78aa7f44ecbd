import { createUltravoxClient, type UltravoxClient } from "@ultravox-api/client";
import { createMockHandler } from "@ultravox-api/mock-server";
import { paginate } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The walkers without their typing by path: these tests pass paths and inits built at run time. */
type LooseWalk<R> = (client: unknown, path: string, init?: unknown, options?: { readonly pageSize?: number }) => R;
const paginateAny = paginate as unknown as LooseWalk<AsyncIterable<unknown>>;
type ScheduledCall = Schema<"ScheduledCall">;
const SCHEDULED = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const START = Date.parse("2025-06-02T08:00:00Z");
const outgoing = (i: number) => ({ medium: { twilio: { outgoing: { to: `+1555000${String(i).padStart(4, "0")}`, from: "+15559990000" } } } });

// The mock answers every request to the API's real origin; the client keeps its default baseUrl
// and the global fetch, which MSW intercepts.
const mock = createMockHandler({ seed: 5, clock: { mode: "virtual", start: START }, lifecycle: { callIntervalMs: 1000 } });
const server = setupServer(http.all("https://api.ultravox.ai/*", ({ request }) => mock.handler(request)));
let client: UltravoxClient;

beforeAll(() => {
  // Anything else leaving the process is a test bug: fail instead of reaching the network.
  server.listen({ onUnhandledRequest: "error" });
  client = createUltravoxClient({ apiKey: mock.apiKey, retry: false });
});

afterAll(() => {
  server.close();
});

async function statuses(agentId: string, batchId: string, status: ScheduledCall["status"]): Promise<{ calls: ScheduledCall[]; pages: number }> {
  const calls: ScheduledCall[] = [];
  const before = mock.journal.list({ method: "GET" }).length;
  const init = { params: { path: { agent_id: agentId, batch_id: batchId }, query: { status } } };
  for await (const call of paginateAny(client, SCHEDULED, init, { pageSize: 4 })) calls.push(call as ScheduledCall);
  return { calls, pages: mock.journal.list({ method: "GET" }).length - before };
}

describe("createMockHandler behind MSW, with the real client and paginate", () => {
  it("runs the seed story: an agent, a batch whose calls reach mixed statuses, each status listed across pages", async () => {
    const agent = await client.POST("/api/agents", { body: { name: "Through MSW" } });
    expect(agent.response.status).toBe(201);
    const agentId = agent.data?.agentId ?? "";
    const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agentId } },
      body: {
        calls: Array.from({ length: 10 }, (_, i) => outgoing(i)),
        windowStart: new Date(START + 60_000).toISOString(),
        windowEnd: new Date(START + 3_600_000).toISOString(),
      },
    });
    expect(batch.response.status).toBe(201);
    const batchId = batch.data?.batchId ?? "";

    // The window opens at +60 s and a call starts every second: 6 made (calls 0–5), 4 still waiting.
    await mock.clock.advance(65_500);
    const success = await statuses(agentId, batchId, "SUCCESS");
    const pending = await statuses(agentId, batchId, "PENDING");
    expect(success.calls).toHaveLength(6);
    expect(success.pages).toBe(2);
    expect(success.calls.every((call) => call.status === "SUCCESS" && typeof call.callId === "string")).toBe(true);
    expect(pending.calls).toHaveLength(4);
    expect(pending.pages).toBe(1);
    expect(pending.calls.every((call) => call.status === "PENDING" && call.callId === null)).toBe(true);
    expect(new Set([...success.calls, ...pending.calls].map((call) => call.medium?.twilio?.outgoing?.to)).size).toBe(10);
    // Every request the client sent went through MSW to the mock, once each, and nothing else did.
    const scheduled = `/api/agents/${agentId}/scheduled_batches/${batchId}/scheduled_calls`;
    expect(mock.journal.list().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      "POST /api/agents 201",
      `POST /api/agents/${agentId}/scheduled_batches 201`,
      ...Array<string>(success.pages + pending.pages).fill(`GET ${scheduled} 200`),
    ]);
  });

  it("answers a validation error with a DRF body the client surfaces", async () => {
    const bad = await client.GET(SCHEDULED, {
      params: { path: { agent_id: "not-a-uuid", batch_id: "00000000-0000-4000-8000-000000000000" }, query: { status: "DONE" as "FUTURE" } },
    });
    // A malformed id is a routing miss: Django's HTML 404, before validation.
    expect(bad.response.status).toBe(404);
    expect(bad.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const wrongStatus = await client.GET(SCHEDULED, {
      params: { path: { agent_id: "00000000-0000-4000-8000-000000000000", batch_id: "00000000-0000-4000-8000-000000000000" }, query: { status: "DONE" as "FUTURE" } },
    });
    expect(wrongStatus.response.status).toBe(400);
    expect(Object.keys(wrongStatus.error ?? {})).toEqual(["status"]);
  });
});
