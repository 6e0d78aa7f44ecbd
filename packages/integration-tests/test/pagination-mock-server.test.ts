import { UltravoxNotFoundError, createUltravoxClient } from "@ultravox-api/client";
import type { UltravoxClient } from "@ultravox-api/client";
import { startMockServer } from "@ultravox-api/mock-server";
import type { MockServer } from "@ultravox-api/mock-server";
import { collect, pages, paginate } from "@ultravox-api/pagination";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";

let server: MockServer;
let client: UltravoxClient;
let ids: { agent_id: string; batch_id: string };

beforeAll(async () => {
  server = await startMockServer({ seed: 4, fixtures: 7, lifecycle: false }); // batches sent without a webhookUrl, which the API (and the default mock) refuses
  client = createUltravoxClient({ apiKey: server.apiKey, baseUrl: server.url, retry: false });
  const agent = await client.POST("/api/agents", { body: { name: "Pager" } });
  const agentId = agent.data?.agentId ?? "";
  const calls = Array.from({ length: 23 }, (_, i) => ({ metadata: { i: String(i) } }));
  const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: agentId } },
    body: { calls },
  });
  ids = { agent_id: agentId, batch_id: batch.data?.batchId ?? "" };
});

afterAll(async () => {
  await server.close();
});

describe("pagination against @ultravox-api/mock-server with createUltravoxClient", () => {
  it("seed story: every FUTURE call of the batch across pages equals the single-page listing", async () => {
    const whole = await client.GET(SEED_PATH, { params: { path: ids, query: { status: "FUTURE", pageSize: 100 } } });
    const want = whole.data?.results ?? [];
    expect(want).toHaveLength(23);

    const walker = pages(client, SEED_PATH, { params: { path: ids, query: { status: "FUTURE" } } }, { pageSize: 5 });
    const got = [];
    for await (const page of walker) {
      expect(page.total).toBe(23);
      expect(page.items.every((call) => call.status === "FUTURE")).toBe(true);
      got.push(...page.items);
    }
    expect(got).toEqual(want);
    expect(walker.done).toBe(true);
  });

  it("a status with no calls yields nothing", async () => {
    expect(await collect(client, SEED_PATH, { params: { path: ids, query: { status: "SUCCESS" } } })).toEqual([]);
  });

  it("walks backward from the last page", async () => {
    const forward = [];
    for await (const page of pages(client, SEED_PATH, { params: { path: ids } }, { pageSize: 10 })) forward.push(page);
    const backward = [];
    const last = forward.at(-1)?.cursor ?? null;
    for await (const page of pages(client, SEED_PATH, { params: { path: ids } }, { pageSize: 10, direction: "backward", startCursor: last })) {
      backward.push(page.items);
    }
    expect(backward).toEqual(forward.map((p) => p.items).reverse());
  });

  it("the invoices list walks with pageSize 2 and prefetch", async () => {
    const got = [];
    // (The spec's invoice page has no total; the mock sends one anyway, so it is not asserted here.)
    for await (const page of pages(client, "/api/accounts/me/billing/invoices", undefined, { pageSize: 2, prefetch: true })) {
      expect(page.items.length).toBeLessThanOrEqual(2);
      got.push(...page.items);
    }
    const whole = await client.GET("/api/accounts/me/billing/invoices", { params: { query: { pageSize: 100 } } });
    expect(got).toEqual(whole.data?.results);
    expect(got.length).toBeGreaterThan(2);
  });

  it("an unknown agent surfaces as the client's UltravoxNotFoundError", async () => {
    const walker = paginate(client, SEED_PATH, {
      params: { path: { agent_id: "00000000-0000-4000-8000-000000000000", batch_id: ids.batch_id } },
    });
    const got: unknown[] = [];
    const error: unknown = await (async () => {
      for await (const call of walker) got.push(call);
    })().catch((e: unknown) => e);
    expect(got).toEqual([]);
    expect(error).toBeInstanceOf(UltravoxNotFoundError);
    expect((error as UltravoxNotFoundError).status).toBe(404);
    expect((error as Error).message).not.toContain(server.apiKey);
    expect(walker.cursor).toBeNull();
    expect(walker.done).toBe(false);
  });
});
