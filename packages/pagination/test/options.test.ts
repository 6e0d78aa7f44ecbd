import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { collect, pages, paginate } from "@ultravox-api/pagination";
import type { paths } from "@ultravox-api/types";
import { startListServer } from "./support/list-server.js";
import type { ListServer, ListServerOptions } from "./support/list-server.js";
import { scheduledCalls } from "./support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const INVOICES = "/api/accounts/me/billing/invoices";
const init = { params: { path: { agent_id: "a", batch_id: "b" } } };

const servers: ListServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: ListServerOptions): Promise<ListServer> {
  const server = await startListServer(options);
  servers.push(server);
  return server;
}

function clientFor(server: ListServer) {
  return createClient<paths>({ baseUrl: server.url });
}

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe("pageSize range, on every list", () => {
  const rejected = [
    { path: SEED_PATH, pageSize: 0, message: `Pagination: pageSize for ${SEED_PATH} must be an integer >= 1, got 0.` },
    { path: SEED_PATH, pageSize: -3, message: `Pagination: pageSize for ${SEED_PATH} must be an integer >= 1, got -3.` },
    { path: SEED_PATH, pageSize: 2.5, message: `Pagination: pageSize for ${SEED_PATH} must be an integer >= 1, got 2.5.` },
    { path: SEED_PATH, pageSize: Number.NaN, message: `Pagination: pageSize for ${SEED_PATH} must be an integer >= 1, got NaN.` },
    { path: "/api/agents", pageSize: 0, message: "Pagination: pageSize for /api/agents must be an integer >= 1, got 0." },
    { path: INVOICES, pageSize: 0, message: `Pagination: pageSize for ${INVOICES} must be an integer 1-100, got 0.` },
    { path: INVOICES, pageSize: 101, message: `Pagination: pageSize for ${INVOICES} must be an integer 1-100, got 101.` },
  ] as const;
  it.each(rejected)("$path rejects pageSize $pageSize before any request", async ({ path, pageSize, message }) => {
    const server = await serve({ items: [] });
    const params = path === SEED_PATH ? init : undefined;
    expect(() => paginate(clientFor(server), path as typeof SEED_PATH, params as typeof init, { pageSize })).toThrow(
      new RangeError(message),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a pageSize in init's query is checked the same way", async () => {
    const server = await serve({ items: [] });
    expect(() => paginate(clientFor(server), INVOICES, { params: { query: { pageSize: 101 } } })).toThrow(RangeError);
    expect(() => paginate(clientFor(server), SEED_PATH, { params: { ...init.params, query: { pageSize: 0 } } })).toThrow(
      RangeError,
    );
    expect(server.requests).toHaveLength(0);
  });

  const accepted = [
    { path: INVOICES, pageSize: 1 },
    { path: INVOICES, pageSize: 100 },
    { path: SEED_PATH, pageSize: 1 },
    { path: SEED_PATH, pageSize: 101 },
    { path: "/api/agents", pageSize: Number.MAX_SAFE_INTEGER },
  ] as const;
  it.each(accepted)("$path accepts pageSize $pageSize and sends it", async ({ path, pageSize }) => {
    const server = await serve({ items: [] });
    const params = path === SEED_PATH ? init : undefined;
    await drain(paginate(clientFor(server), path as typeof SEED_PATH, params as typeof init, { pageSize }));
    expect(server.requests.map((r) => r.query.get("pageSize"))).toEqual([String(pageSize)]);
  });
});

describe("maxPages and maxItems limits", () => {
  it("maxPages: 0 makes no request and leaves the walk resumable from where it started", async () => {
    const server = await serve({ items: scheduledCalls(10) });
    const fromStart = pages(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: 0 });
    expect(await drain(fromStart)).toEqual([]);
    expect(fromStart.done).toBe(false);
    expect(fromStart.cursor).toBeNull();

    const first = await drain(pages(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: 1 }));
    const second = first[0]?.nextCursor ?? null;
    expect(second).not.toBeNull();
    const items = paginate(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: 0, startCursor: second, prefetch: true });
    expect(await drain(items)).toEqual([]);
    expect(items.cursor).toBe(second);
    expect(items.done).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("Infinity is no limit", async () => {
    const all = scheduledCalls(12);
    const server = await serve({ items: all });
    const got = await collect(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: Infinity, maxItems: Infinity });
    expect(got).toEqual(all);
  });

  const invalid = [
    { options: { maxPages: -1 }, message: "Pagination: maxPages must be a non-negative integer, got -1." },
    { options: { maxItems: 2.5 }, message: "Pagination: maxItems must be a non-negative integer, got 2.5." },
    { options: { maxPages: -Infinity }, message: "Pagination: maxPages must be a non-negative integer, got -Infinity." },
  ];
  it.each(invalid)("rejects $options with a message naming it", async ({ options, message }) => {
    const server = await serve({ items: [] });
    expect(() => pages(clientFor(server), SEED_PATH, init, options)).toThrow(new RangeError(message));
  });

  it("maxItems cut at a page's end moves the cursor past that page", async () => {
    const all = scheduledCalls(12);
    const server = await serve({ items: all });
    const walker = pages(clientFor(server), SEED_PATH, init, { pageSize: 4, maxItems: 8 });
    const got = await drain(walker);
    expect(got.map((p) => p.items.length)).toEqual([4, 4]);
    expect(walker.cursor).toBe(got[1]?.nextCursor);
    expect(walker.done).toBe(false);
  });
});

describe("prefetch off (the default)", () => {
  it("requests page n+1 only when the consumer asks for it", async () => {
    const server = await serve({ items: scheduledCalls(15) });
    for (const options of [{ pageSize: 5 }, { pageSize: 5, prefetch: false }]) {
      const before = server.requests.length;
      const iterator = pages(clientFor(server), SEED_PATH, init, options)[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.done).toBe(false);
      // A full round trip on another request, so a prefetch, had one been sent, would have landed first.
      await clientFor(server).GET(SEED_PATH, { params: { ...init.params, query: { pageSize: 1 } } });
      expect(server.requests.slice(before).map((r) => r.query.get("pageSize"))).toEqual(["5", "1"]);
      const second = await iterator.next();
      expect(second.done).toBe(false);
      expect(server.requests).toHaveLength(before + 3);
      await iterator.return?.();
    }
  });
});

describe("walk set-up", () => {
  const notClients = [null, undefined, "http://x", {}, { GET: "nope" }];
  it.each(notClients)("rejects %o as a client", (client) => {
    expect(() => paginate(client as never, SEED_PATH, init)).toThrow(
      new TypeError("Pagination: client must be an openapi-fetch client (with a GET method)."),
    );
  });

  it("startCursor: null starts from the first page even with a cursor in init's query", async () => {
    const all = scheduledCalls(10);
    const server = await serve({ items: all });
    const first = await drain(pages(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: 1 }));
    const cursor = first[0]?.nextCursor ?? "";
    const got = await collect(
      clientFor(server),
      SEED_PATH,
      { params: { ...init.params, query: { cursor, pageSize: 5 } } },
      { startCursor: null },
    );
    expect(got).toEqual(all);
  });

  it("an empty startCursor means the first page", async () => {
    const all = scheduledCalls(6);
    const server = await serve({ items: all });
    const walker = pages(clientFor(server), SEED_PATH, init, { pageSize: 5, startCursor: "" });
    expect(walker.cursor).toBeNull();
    expect((await drain(walker)).flatMap((p) => p.items)).toEqual(all);
    expect(server.requests[0]?.query.has("cursor")).toBe(false);
  });

  it("a non-string cursor in init's query is ignored", async () => {
    const all = scheduledCalls(3);
    const server = await serve({ items: all });
    const query = { cursor: 7 } as unknown as { cursor: string };
    expect(await collect(clientFor(server), SEED_PATH, { params: { ...init.params, query } })).toEqual(all);
    expect(server.requests[0]?.query.has("cursor")).toBe(false);
  });

  it("sends init's headers and filters with every page, and reads JSON whatever parseAs init carries", async () => {
    const all = scheduledCalls(10);
    const server = await serve({ items: all });
    const got = await collect(clientFor(server), SEED_PATH, {
      ...init,
      params: { ...init.params, query: { status: "FUTURE" } },
      headers: { "x-trace": "t-1" },
      parseAs: "text",
    } as typeof init, { pageSize: 1 });
    expect(got).toEqual(all.filter((c) => c.status === "FUTURE"));
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers["x-trace"]).toBe("t-1");
      expect(request.query.get("status")).toBe("FUTURE");
    }
  });

  it("both an options signal and an init signal are honoured, whichever aborts", async () => {
    const server = await serve({ items: scheduledCalls(3) });
    const reason = new Error("init signal");
    const options = { signal: new AbortController().signal };
    await expect(collect(clientFor(server), SEED_PATH, { ...init, signal: AbortSignal.abort(reason) }, options)).rejects.toBe(reason);
    const other = new Error("options signal");
    await expect(
      collect(clientFor(server), SEED_PATH, { ...init, signal: new AbortController().signal }, { signal: AbortSignal.abort(other) }),
    ).rejects.toBe(other);
    expect(server.requests).toHaveLength(0);
  });
});

describe("page envelope", () => {
  it("a total that is not a number is undefined", async () => {
    const server = await serve({ rawBody: { results: [], next: null, previous: null, total: "3" } });
    const [page] = await drain(pages(clientFor(server), SEED_PATH, init));
    expect(page?.total).toBeUndefined();
    expect(page?.nextCursor).toBeNull();
    expect(page?.previousCursor).toBeNull();
  });

  it("an error answer without a URL names the path (a fetch that builds its own Response)", async () => {
    const client = createClient<paths>({
      baseUrl: "http://127.0.0.1:1",
      fetch: () => Promise.resolve(new Response(JSON.stringify({ detail: "Gone." }), { status: 410, headers: { "content-type": "application/json" } })),
    });
    const error: unknown = await collect(client, SEED_PATH, init).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 410, method: "GET", url: SEED_PATH, message: `GET ${SEED_PATH} failed with HTTP 410: Gone.` });
  });
});

describe("item walk", () => {
  it("concurrent next() calls hand out every item once, in order, across pages", async () => {
    const all = scheduledCalls(7);
    const server = await serve({ items: all, emptyPages: 1 });
    const iterator = paginate(clientFor(server), SEED_PATH, init, { pageSize: 3 })[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 9 }, () => iterator.next()));
    expect(results.filter((r) => r.done !== true).map((r) => r.value)).toEqual(all);
    expect(results.slice(7).every((r) => r.done === true)).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("after return(), next() is done and nothing more is requested", async () => {
    const server = await serve({ items: scheduledCalls(10) });
    const walker = paginate(clientFor(server), SEED_PATH, init, { pageSize: 5 });
    const iterator = walker[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(server.requests).toHaveLength(1);
    expect(walker.cursor).toBeNull();
  });

  it("a walker is single-use at the item level too", async () => {
    const server = await serve({ items: scheduledCalls(1) });
    const walker = paginate(clientFor(server), SEED_PATH, init);
    walker[Symbol.asyncIterator]();
    expect(() => walker[Symbol.asyncIterator]()).toThrow(
      "Pagination: a walker can be iterated once; start a new walk with { startCursor: walker.cursor }.",
    );
    const pageWalker = pages(clientFor(server), SEED_PATH, init);
    await drain(pageWalker);
    expect(() => pageWalker[Symbol.asyncIterator]()).toThrow(
      "Pagination: a walker can be iterated once; start a new walk with { startCursor: walker.cursor }.",
    );
  });

  it("the cursor moves past a page only once its last item is handed out", async () => {
    const all = scheduledCalls(6);
    const server = await serve({ items: all });
    const walker = paginate(clientFor(server), SEED_PATH, init, { pageSize: 3 });
    const cursors: (string | null)[] = [];
    for await (const call of walker) {
      expect(call).toEqual(all[cursors.length]);
      cursors.push(walker.cursor);
    }
    const pageCursor = server.requests[1]?.query.get("cursor") ?? "missing";
    expect(cursors).toEqual([null, null, pageCursor, pageCursor, pageCursor, null]);
    expect(walker.done).toBe(true);
  });
});
