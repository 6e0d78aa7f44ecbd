import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { collect, paginate } from "@ultravox-api/pagination";
import type { Schema, paths } from "@ultravox-api/types";
import { startListServer } from "./support/list-server.js";
import type { ListServer } from "./support/list-server.js";
import { scheduledCalls } from "./support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const params = { path: { agent_id: "agent-1", batch_id: "batch-1" } };

let server: ListServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("seed story: every scheduled call of a batch, filtered by status, across all pages", () => {
  const cases = [
    { status: "SUCCESS", pageSize: 3, count: 47 },
    { status: "ERROR", pageSize: 4, count: 40 },
    { status: "FUTURE", pageSize: 100, count: 12 },
  ] as const;

  it.each(cases)("status=$status pageSize=$pageSize over $count calls", async ({ status, pageSize, count }) => {
    const all = scheduledCalls(count);
    server = await startListServer({ items: all });
    const client = createClient<paths>({ baseUrl: server.url, headers: { Authorization: "Bearer test-key" } });
    const want = all.filter((call) => call.status === status);

    const got: Schema<"ScheduledCall">[] = [];
    for await (const call of paginate(client, SEED_PATH, { params: { ...params, query: { status } } }, { pageSize })) {
      got.push(call);
    }

    expect(got).toEqual(want);
    expect(server.requests).toHaveLength(Math.max(1, Math.ceil(want.length / pageSize)));
    for (const req of server.requests) {
      expect(req.path).toBe("/api/agents/agent-1/scheduled_batches/batch-1/scheduled_calls");
      expect(req.query.get("status")).toBe(status);
      expect(req.query.get("pageSize")).toBe(String(pageSize));
    }
  });

  it("collect returns the same items as paginate", async () => {
    const all = scheduledCalls(31);
    server = await startListServer({ items: all });
    const client = createClient<paths>({ baseUrl: server.url });
    const got = await collect(client, SEED_PATH, { params: { ...params, query: { status: "PENDING" } } }, { pageSize: 2 });
    expect(got).toEqual(all.filter((call) => call.status === "PENDING"));
  });
});
