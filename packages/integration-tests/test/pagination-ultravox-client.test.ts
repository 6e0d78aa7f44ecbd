import { UltravoxError, UltravoxServerError, createUltravoxClient, isUltravoxError } from "@ultravox-api/client";
import { PaginationError, collect, paginate } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";
import { afterEach, describe, expect, it } from "vitest";
// Pagination's DRF-style cursor list server, with its failure knobs (one copy of it, not a twin).
import { startListServer } from "../../pagination/test/support/list-server.js";
import type { ListServer } from "../../pagination/test/support/list-server.js";
import { scheduledCalls } from "../../pagination/test/support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const init = { params: { path: { agent_id: "a", batch_id: "b" } } };
const KEY = "uv-secret-key-abc";

let server: ListServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("pagination with createUltravoxClient", () => {
  it("a failed page is the client's typed error; resuming from walker.cursor yields every item once", async () => {
    const all = scheduledCalls(20);
    server = await startListServer({ items: all, failPageOnce: 2 });
    const client = createUltravoxClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const got: Schema<"ScheduledCall">[] = [];
    const walker = paginate(client, SEED_PATH, init, { pageSize: 5 });
    const error: unknown = await (async () => {
      for await (const call of walker) got.push(call);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxServerError);
    expect((error as UltravoxServerError).status).toBe(503);
    expect((error as Error).message).not.toContain(KEY);
    for await (const call of paginate(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor })) got.push(call);
    expect(got).toEqual(all);
    expect(server.requests.every((r) => r.headers["x-api-key"] === KEY)).toBe(true);
  });

  it("the client's retry policy applies per page", async () => {
    const all = scheduledCalls(20);
    server = await startListServer({ items: all, failPageOnce: 1 });
    const client = createUltravoxClient({ apiKey: KEY, baseUrl: server.url, retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 } });
    const got: Schema<"ScheduledCall">[] = [];
    for await (const call of paginate(client, SEED_PATH, init, { pageSize: 5 })) got.push(call);
    expect(got).toEqual(all);
    // Page 1 was asked twice (503 then retried), the others once.
    expect(server.requests.map((r) => r.query.has("cursor"))).toEqual([false, true, true, true, true]);
  });

  it("a cross-origin next never carries the key away", async () => {
    const other = await startListServer({ items: [] });
    try {
      const all = scheduledCalls(9);
      server = await startListServer({ items: all, linkOrigin: other.url });
      const client = createUltravoxClient({ apiKey: KEY, baseUrl: server.url, retry: false });
      const got: Schema<"ScheduledCall">[] = [];
      for await (const call of paginate(client, SEED_PATH, init, { pageSize: 4, prefetch: true })) got.push(call);
      expect(got).toEqual(all);
      expect(other.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it("a broken page is a PaginationError that the client's isUltravoxError recognises (one hierarchy across packages)", async () => {
    server = await startListServer({ rawBody: { results: [], next: "/no-cursor-here" } });
    const client = createUltravoxClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const error: unknown = await collect(client, SEED_PATH, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(UltravoxError);
    expect(isUltravoxError(error)).toBe(true);
    expect(error).toMatchObject({ name: "PaginationError", reason: "invalid-link", cursor: null });
  });
});
