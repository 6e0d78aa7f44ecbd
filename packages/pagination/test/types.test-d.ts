import { createUltravoxClient } from "@ultravox-api/client";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { collect, pages, paginate } from "@ultravox-api/pagination";
import type { Page, PageInit, Walker } from "@ultravox-api/pagination";
import type { PaginatedPath, Schema, paths } from "@ultravox-api/types";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:1" });
const SEED = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const ids = { path: { agent_id: "a", batch_id: "b" } };

describe("path constraint", () => {
  it("accepts paginated paths only", () => {
    expectTypeOf<typeof SEED>().toExtend<PaginatedPath>();
    // @ts-expect-error a single agent is not a paginated list
    paginate(client, "/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    // @ts-expect-error POST-only path
    pages(client, "/api/calls/{call_id}/send_data_message", { params: { path: { call_id: "c" } } });
    // @ts-expect-error not a path at all
    void collect(client, "/api/nope");
  });
});

describe("item inference", () => {
  it("infers ScheduledCall for the seed endpoint", () => {
    expectTypeOf(paginate(client, SEED, { params: ids })).toEqualTypeOf<Walker<Schema<"ScheduledCall">>>();
    expectTypeOf(pages(client, SEED, { params: ids })).toEqualTypeOf<Walker<Page<Schema<"ScheduledCall">>>>();
    expectTypeOf(collect(client, SEED, { params: ids })).toEqualTypeOf<Promise<Schema<"ScheduledCall">[]>>();
  });

  it("infers the item of other lists", () => {
    expectTypeOf(paginate(client, "/api/accounts/me/billing/invoices")).toEqualTypeOf<Walker<Schema<"Invoice">>>();
    expectTypeOf(paginate(client, "/api/agents")).toEqualTypeOf<Walker<Schema<"Agent">>>();
  });

  it("walker exposes the resume cursor", () => {
    const walker = paginate(client, SEED, { params: ids });
    expectTypeOf(walker.cursor).toEqualTypeOf<string | null>();
    expectTypeOf(walker.done).toEqualTypeOf<boolean>();
    // @ts-expect-error cursor is read-only
    walker.cursor = "x";
  });
});

describe("clients", () => {
  it("accepts createUltravoxClient's client and any openapi-fetch client of our paths", () => {
    const ultravox = createUltravoxClient({ apiKey: "k" });
    expectTypeOf(paginate(ultravox, SEED, { params: ids })).toEqualTypeOf<Walker<Schema<"ScheduledCall">>>();
    const json = createClient<paths, "application/json">();
    expectTypeOf(collect(json, "/api/agents")).toEqualTypeOf<Promise<Schema<"Agent">[]>>();
  });

  it("rejects a client of some other API", () => {
    interface OtherPaths {
      "/things": { get: { parameters: { query?: never }; responses: { 200: { content: { "application/json": { results: string[] } } } } } };
    }
    const other = createClient<OtherPaths>();
    // @ts-expect-error not a client of the Ultravox paths
    paginate(other, "/api/agents");
  });
});

describe("init typing", () => {
  it("is the client's own GET init", () => {
    type ClientInit = Parameters<typeof client.GET<typeof SEED, PageInit<typeof SEED>>>[1];
    // openapi-fetch adds an index signature on top of the same init type.
    expectTypeOf<ClientInit>().toEqualTypeOf<PageInit<typeof SEED> & Record<string, unknown>>();
    const init: PageInit<typeof SEED> = { params: { ...ids, query: { status: "ERROR" } }, headers: { "x-trace": "1" } };
    void client.GET(SEED, init);
    paginate(client, SEED, init);
  });

  it("requires path params when the path has them", () => {
    // @ts-expect-error init with path params is required
    paginate(client, SEED);
    // @ts-expect-error batch_id missing
    paginate(client, SEED, { params: { path: { agent_id: "a" } } });
    paginate(client, SEED, { params: ids });
  });

  it("types query filters, including the status enum", () => {
    paginate(client, SEED, { params: { ...ids, query: { status: "SUCCESS" } } });
    // @ts-expect-error not a ScheduledCall status
    paginate(client, SEED, { params: { ...ids, query: { status: "DONE" } } });
    // @ts-expect-error pageSize is a number
    paginate(client, SEED, { params: { ...ids, query: { pageSize: "5" } } });
  });

  it("makes init optional when nothing is required", () => {
    paginate(client, "/api/accounts/me/billing/invoices");
    paginate(client, "/api/accounts/me/billing/invoices", undefined, { pageSize: 50 });
  });

  it("types options", () => {
    paginate(client, SEED, { params: ids }, { pageSize: 5, maxItems: 10, maxPages: 2, prefetch: true, direction: "backward" });
    // @ts-expect-error unknown direction
    paginate(client, SEED, { params: ids }, { direction: "sideways" });
    paginate(client, SEED, { params: ids }, { startCursor: paginate(client, SEED, { params: ids }).cursor });
  });
});
