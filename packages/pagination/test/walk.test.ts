import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { PaginationError, collect, pages, paginate } from "@ultravox-api/pagination";
import type { Page } from "@ultravox-api/pagination";
import type { Schema, paths } from "@ultravox-api/types";
import { startListServer } from "./support/list-server.js";
import type { ListServer, ListServerOptions } from "./support/list-server.js";
import { scheduledCalls } from "./support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const INVOICES = "/api/accounts/me/billing/invoices";
const init = { params: { path: { agent_id: "a", batch_id: "b" } } };
type Call = Schema<"ScheduledCall">;

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
  return createClient<paths>({ baseUrl: server.url, headers: { Authorization: "Bearer secret-key-123" } });
}

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Walks `iterable` into `got` until it ends or throws; returns what it threw (undefined when it ended). */
async function drainUntilError<T>(iterable: AsyncIterable<T>, got: T[]): Promise<unknown> {
  try {
    for await (const x of iterable) got.push(x);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("page counts", () => {
  const cases = [
    { name: "0 items", count: 0, pageSize: 5, wantPages: 1 },
    { name: "1 page", count: 3, pageSize: 5, wantPages: 1 },
    { name: "exactly one full page", count: 5, pageSize: 5, wantPages: 1 },
    { name: "many pages", count: 23, pageSize: 5, wantPages: 5 },
    { name: "page size 1", count: 4, pageSize: 1, wantPages: 4 },
  ];

  it.each(cases)("$name", async ({ count, pageSize, wantPages }) => {
    const all = scheduledCalls(count);
    const server = await serve({ items: all });
    const walker = pages(clientFor(server), SEED_PATH, init, { pageSize });
    const got = await drain(walker);

    expect(got).toHaveLength(wantPages);
    expect(got.flatMap((p) => p.items)).toEqual(all);
    expect(server.requests).toHaveLength(wantPages);
    for (const page of got) {
      expect(page.total).toBe(count);
      expect(page.items.length).toBeLessThanOrEqual(pageSize);
      expect(page.response.status).toBe(200);
    }
    expect(got[0]?.cursor).toBeNull();
    expect(got.at(-1)?.nextCursor).toBeNull();
    expect(walker.done).toBe(true);
    expect(walker.cursor).toBeNull();
  });

  it("item count equals total", async () => {
    const server = await serve({ items: scheduledCalls(42) });
    const got = await drain(pages(clientFor(server), SEED_PATH, init, { pageSize: 8 }));
    const total = got[0]?.total;
    expect(total).toBe(42);
    expect(got.reduce((n, p) => n + p.items.length, 0)).toBe(total);
  });

  it("pageSize in init is kept; options.pageSize overrides it", async () => {
    const server = await serve({ items: scheduledCalls(9) });
    await drain(paginate(clientFor(server), SEED_PATH, { params: { ...init.params, query: { pageSize: 4 } } }));
    await drain(paginate(clientFor(server), SEED_PATH, { params: { ...init.params, query: { pageSize: 4 } } }, { pageSize: 2 }));
    expect(server.requests.map((r) => r.query.get("pageSize"))).toEqual(["4", "4", "4", "2", "2", "2", "2", "2"]);
  });

  it("keeps the cursor out of the first request and sends only the cursor from next", async () => {
    const server = await serve({ items: scheduledCalls(6) });
    const got = await drain(pages(clientFor(server), SEED_PATH, init, { pageSize: 3 }));
    expect(server.requests[0]?.query.has("cursor")).toBe(false);
    expect(server.requests[1]?.query.get("cursor")).toBe(got[0]?.nextCursor);
    expect(got[1]?.cursor).toBe(got[0]?.nextCursor);
    expect(got[1]?.previousCursor).not.toBeNull();
  });
});

describe("invoices oddity: no total, pageSize 1-100", () => {
  it("walks a list without total", async () => {
    const invoices = Array.from({ length: 7 }, (_, i) => ({ invoiceNumber: `INV-${i}` }));
    const server = await serve({ items: invoices, withoutTotal: true });
    const got = await drain(pages(clientFor(server), INVOICES, undefined, { pageSize: 3 }));
    expect(got.map((p) => p.total)).toEqual([undefined, undefined, undefined]);
    expect(got.flatMap((p) => p.items)).toEqual(invoices);
    expect(server.requests.every((r) => r.path === INVOICES)).toBe(true);
  });

  const bad = [0, 101, 2.5, -1];
  it.each(bad)("rejects pageSize %s before any request", async (pageSize) => {
    const server = await serve({ items: [] });
    expect(() => paginate(clientFor(server), INVOICES, undefined, { pageSize })).toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
  });

  it("accepts pageSize 100 for invoices and more elsewhere", async () => {
    const server = await serve({ items: [] });
    await drain(paginate(clientFor(server), INVOICES, undefined, { pageSize: 100 }));
    await drain(paginate(clientFor(server), SEED_PATH, init, { pageSize: 500 }));
    expect(server.requests.map((r) => r.query.get("pageSize"))).toEqual(["100", "500"]);
  });
});

describe("resume after a failure of page k", () => {
  const cases = [
    { k: 0, prefetch: false },
    { k: 1, prefetch: false },
    { k: 3, prefetch: false },
    { k: 1, prefetch: true },
    { k: 4, prefetch: true },
  ];

  it.each(cases)("page $k fails once (prefetch=$prefetch): every item exactly once", async ({ k, prefetch }) => {
    const all = scheduledCalls(25);
    const server = await serve({ items: all, failPageOnce: k });
    const client = clientFor(server);
    const got: Call[] = [];
    const first = paginate(client, SEED_PATH, init, { pageSize: 5, prefetch });
    const error = await drainUntilError(first, got);

    expect(error).toBeInstanceOf(Error);
    expect((error as { status?: unknown }).status).toBe(503);
    expect((error as Error).message).not.toContain("secret-key-123");
    expect(got).toEqual(all.slice(0, k * 5));
    expect(first.done).toBe(false);

    const resumed = paginate(client, SEED_PATH, init, { pageSize: 5, prefetch, startCursor: first.cursor });
    for await (const call of resumed) got.push(call);
    expect(got).toEqual(all);
    expect(resumed.done).toBe(true);
  });

  it("a network failure (fetch rejects) is rethrown as is and resumable", async () => {
    const all = scheduledCalls(12);
    const server = await serve({ items: all });
    let calls = 0;
    const failure = new TypeError("fetch failed");
    const client = createClient<paths>({
      baseUrl: server.url,
      fetch: (request) => {
        calls += 1;
        return calls === 2 ? Promise.reject(failure) : fetch(request);
      },
    });
    const walker = paginate(client, SEED_PATH, init, { pageSize: 5 });
    const got: Call[] = [];
    await expect(
      (async () => {
        for await (const call of walker) got.push(call);
      })(),
    ).rejects.toBe(failure);
    expect(got).toEqual(all.slice(0, 5));
    got.push(...(await collect(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor })));
    expect(got).toEqual(all);
  });

  it("page-level walker exposes the same resume cursor", async () => {
    const all = scheduledCalls(12);
    const server = await serve({ items: all, failPageOnce: 2 });
    const client = clientFor(server);
    const walker = pages(client, SEED_PATH, init, { pageSize: 4 });
    const seen: Page<Call>[] = [];
    await expect(
      (async () => {
        for await (const page of walker) seen.push(page);
      })(),
    ).rejects.toMatchObject({ status: 503 });
    expect(walker.cursor).toBe(seen[1]?.nextCursor);
    const rest = await collect(client, SEED_PATH, init, { pageSize: 4, startCursor: walker.cursor });
    expect([...seen.flatMap((p) => p.items), ...rest]).toEqual(all);
  });
});

describe("break and resume", () => {
  it("cursor after break at a page boundary resumes without repeats", async () => {
    const all = scheduledCalls(20);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const walker = paginate(client, SEED_PATH, init, { pageSize: 5 });
    const got: Call[] = [];
    for await (const call of walker) {
      got.push(call);
      if (got.length === 10) break;
    }
    expect(server.requests).toHaveLength(2);
    got.push(...(await collect(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor })));
    expect(got).toEqual(all);
  });

  it("cursor after break mid-page points at that page (its items come again)", async () => {
    const all = scheduledCalls(20);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const walker = paginate(client, SEED_PATH, init, { pageSize: 5 });
    const got: Call[] = [];
    for await (const call of walker) {
      got.push(call);
      if (got.length === 7) break;
    }
    const rest = await collect(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor });
    expect(rest).toEqual(all.slice(5));
  });

  it("a cursor in init's query starts the walk there; startCursor wins over it", async () => {
    const all = scheduledCalls(15);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const first = await drain(pages(client, SEED_PATH, init, { pageSize: 5, maxPages: 2 }));
    const second = first[0]?.nextCursor ?? "";
    const third = first[1]?.nextCursor ?? "";
    const fromInit = await collect(client, SEED_PATH, { params: { ...init.params, query: { cursor: second, pageSize: 5 } } });
    expect(fromInit).toEqual(all.slice(5));
    const overridden = await collect(
      client,
      SEED_PATH,
      { params: { ...init.params, query: { cursor: second, pageSize: 5 } } },
      { startCursor: third },
    );
    expect(overridden).toEqual(all.slice(10));
  });

  it("a walker is single-use", async () => {
    const server = await serve({ items: scheduledCalls(2) });
    const walker = paginate(clientFor(server), SEED_PATH, init);
    await drain(walker);
    expect(() => walker[Symbol.asyncIterator]()).toThrow(/iterated once/);
  });
});

describe("backward walk", () => {
  it("follows previous from the last page back to the first", async () => {
    const all = scheduledCalls(17);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const forward = await drain(pages(client, SEED_PATH, init, { pageSize: 5 }));
    const lastCursor = forward.at(-1)?.cursor ?? null;
    expect(lastCursor).not.toBeNull();

    const backward = await drain(
      pages(client, SEED_PATH, init, { pageSize: 5, direction: "backward", startCursor: lastCursor }),
    );
    expect(backward.map((p) => p.items)).toEqual(forward.map((p) => p.items).reverse());
    expect(backward.at(-1)?.previousCursor).toBeNull();
  });

  it("paginate backward yields items page by page in reverse page order", async () => {
    const all = scheduledCalls(9);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const forward = await drain(pages(client, SEED_PATH, init, { pageSize: 3 }));
    const items = await collect(client, SEED_PATH, init, {
      pageSize: 3,
      direction: "backward",
      startCursor: forward.at(-1)?.cursor ?? null,
    });
    expect(items).toEqual([...all.slice(6, 9), ...all.slice(3, 6), ...all.slice(0, 3)]);
  });
});

describe("abort via signal", () => {
  it("aborting mid-request rejects with the reason and cancels the request", async () => {
    const server = await serve({ items: scheduledCalls(15), holdPage: 1 });
    const controller = new AbortController();
    const walker = paginate(clientFor(server), SEED_PATH, init, { pageSize: 5, signal: controller.signal });
    const reason = new Error("user cancelled");
    const got: Call[] = [];
    const run = (async () => {
      for await (const call of walker) got.push(call);
    })();
    await server.waitForRequests(2);
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(await server.requests[1]?.closedEarly).toBe(true);
    expect(got).toHaveLength(5);
    expect(walker.cursor).toBe(server.requests[1]?.query.get("cursor"));
    server.release();
  });

  it("aborting while the consumer holds a page (prefetch in flight): that page is kept, resume from the next", async () => {
    const all = scheduledCalls(15);
    const server = await serve({ items: all, holdPage: 1 });
    const client = clientFor(server);
    const controller = new AbortController();
    const walker = pages(client, SEED_PATH, init, { pageSize: 5, prefetch: true, signal: controller.signal });
    const iterator = walker[Symbol.asyncIterator]();
    const first = await iterator.next();
    await server.waitForRequests(2);
    const reason = new Error("stop now");
    controller.abort(reason);
    await expect(iterator.next()).rejects.toBe(reason);
    expect(await server.requests[1]?.closedEarly).toBe(true);
    server.release();
    const firstItems = first.done === true ? [] : first.value.items;
    expect(walker.cursor).toBe(first.done === true ? "unreachable" : first.value.nextCursor);
    const rest = await collect(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor });
    expect([...firstItems, ...rest]).toEqual(all);
  });

  it("an already-aborted signal makes no request", async () => {
    const server = await serve({ items: scheduledCalls(3) });
    const reason = new Error("too late");
    await expect(collect(clientFor(server), SEED_PATH, init, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it("a signal in init is honoured too", async () => {
    const server = await serve({ items: scheduledCalls(3) });
    const reason = new Error("init signal");
    await expect(collect(clientFor(server), SEED_PATH, { ...init, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});

describe("guards", () => {
  it("the same cursor twice is a clear error, not a loop", async () => {
    const all = scheduledCalls(30);
    const server = await serve({ items: all, loopAtPage: 2 });
    const walker = paginate(clientFor(server), SEED_PATH, init, { pageSize: 5 });
    const got: Call[] = [];
    const error = await drainUntilError(walker, got);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).reason).toBe("cursor-loop");
    expect((error as PaginationError).message).toMatch(/second time/);
    expect(got).toEqual(all.slice(0, 15));
    expect(server.requests).toHaveLength(3);
  });

  it("empty pages with a next keep going", async () => {
    const all = scheduledCalls(6);
    const server = await serve({ items: all, emptyPages: 4 });
    const got = await collect(clientFor(server), SEED_PATH, init, { pageSize: 3 });
    expect(got).toEqual(all);
    expect(server.requests).toHaveLength(6);
  });

  it("maxPages bounds a run of empty pages", async () => {
    const server = await serve({ items: scheduledCalls(6), emptyPages: 1000 });
    const walker = pages(clientFor(server), SEED_PATH, init, { maxPages: 7 });
    const got = await drain(walker);
    expect(got).toHaveLength(7);
    expect(got.every((p) => p.items.length === 0)).toBe(true);
    expect(server.requests).toHaveLength(7);
    expect(walker.done).toBe(false);
    expect(walker.cursor).toBe(got.at(-1)?.nextCursor);
  });

  it("API errors surface as the client's typed error with status and body", async () => {
    const server = await serve({ failWith: 404 });
    const error: unknown = await collect(clientFor(server), SEED_PATH, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).not.toContain("secret-key-123");
  });

  const broken = [
    { name: "not an envelope", options: { rawBody: { items: [] } }, reason: "invalid-page" },
    { name: "results not an array", options: { rawBody: { results: {}, next: null } }, reason: "invalid-page" },
    { name: "next is not a string", options: { rawBody: { results: [], next: 5 } }, reason: "invalid-page" },
    { name: "next without cursor", options: { items: scheduledCalls(9), nextWithoutCursor: true }, reason: "invalid-link" },
  ];
  it.each(broken)("$name → PaginationError($reason)", async ({ options, reason }) => {
    const server = await serve(options);
    const error: unknown = await collect(clientFor(server), SEED_PATH, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).reason).toBe(reason);
  });
});

describe("cross-origin next", () => {
  it("reads the cursor but never requests the other origin; the key stays home", async () => {
    const other = await serve({ items: scheduledCalls(12) });
    const all = scheduledCalls(12);
    const home = await serve({ items: all, linkOrigin: other.url });
    const requested: string[] = [];
    const client = createClient<paths>({
      baseUrl: home.url,
      headers: { Authorization: "Bearer secret-key-123" },
      fetch: (request) => {
        requested.push(request.url);
        return fetch(request);
      },
    });
    const walker = pages(client, SEED_PATH, init, { pageSize: 5 });
    const got = await drain(walker);
    expect(got[0]?.response.url.startsWith(home.url)).toBe(true);
    expect(got.flatMap((p) => p.items)).toEqual(all);
    expect(other.requests).toHaveLength(0);
    expect(home.requests).toHaveLength(3);
    expect(requested.every((u) => u.startsWith(`${home.url}/`))).toBe(true);
    expect(home.requests.every((r) => r.headers.authorization === "Bearer secret-key-123")).toBe(true);
  });
});

describe("prefetch", () => {
  it("requests page n+1 while the consumer holds page n", async () => {
    const server = await serve({ items: scheduledCalls(15) });
    const walker = pages(clientFor(server), SEED_PATH, init, { pageSize: 5, prefetch: true });
    const iterator = walker[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    // Resolves only if the second request is sent before we ask for page 2.
    await server.waitForRequests(2);
    expect(server.requests[1]?.query.get("cursor")).toBe((first.value as Page<Call>).nextCursor);
    await iterator.return?.();
  });

  const sizes = [
    { count: 0, pageSize: 5, wantRequests: 1 },
    { count: 5, pageSize: 5, wantRequests: 1 },
    { count: 21, pageSize: 5, wantRequests: 5 },
  ];
  it.each(sizes)("never requests beyond the last page ($count items)", async ({ count, pageSize, wantRequests }) => {
    const all = scheduledCalls(count);
    const server = await serve({ items: all });
    const got = await collect(clientFor(server), SEED_PATH, init, { pageSize, prefetch: true });
    expect(got).toEqual(all);
    expect(server.requests).toHaveLength(wantRequests);
  });

  it("after break, the prefetch in flight is aborted and nothing more is requested", async () => {
    const server = await serve({ items: scheduledCalls(30), holdPage: 1 });
    const walker = paginate(clientFor(server), SEED_PATH, init, { pageSize: 5, prefetch: true });
    for await (const call of walker) {
      expect(call.callId).toBe("call-0000");
      await server.waitForRequests(2);
      break;
    }
    expect(await server.requests[1]?.closedEarly).toBe(true);
    server.release();
    // Another full round trip on a fresh walk, so any stray request from the first walk would have landed.
    await collect(clientFor(server), SEED_PATH, init, { pageSize: 5, maxPages: 1 });
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]?.query.has("cursor")).toBe(false);
  });

  it("does not prefetch past maxItems or maxPages", async () => {
    const server = await serve({ items: scheduledCalls(30) });
    await collect(clientFor(server), SEED_PATH, init, { pageSize: 5, prefetch: true, maxItems: 10 });
    expect(server.requests).toHaveLength(2);
    await collect(clientFor(server), SEED_PATH, init, { pageSize: 5, prefetch: true, maxPages: 3 });
    expect(server.requests).toHaveLength(5);
  });
});

describe("maxItems and maxPages", () => {
  const cases = [
    { options: { maxItems: 7 }, wantItems: 7, wantRequests: 2, resumeFrom: 5 },
    { options: { maxItems: 10 }, wantItems: 10, wantRequests: 2, resumeFrom: 10 },
    { options: { maxItems: 0 }, wantItems: 0, wantRequests: 0, resumeFrom: 0 },
    { options: { maxItems: 1000 }, wantItems: 23, wantRequests: 5, resumeFrom: 23 },
    { options: { maxPages: 2 }, wantItems: 10, wantRequests: 2, resumeFrom: 10 },
    { options: { maxPages: 2, maxItems: 3 }, wantItems: 3, wantRequests: 1, resumeFrom: 0 },
  ];
  it.each(cases)("$options", async ({ options, wantItems, wantRequests, resumeFrom }) => {
    const all = scheduledCalls(23);
    const server = await serve({ items: all });
    const client = clientFor(server);
    const walker = paginate(client, SEED_PATH, init, { pageSize: 5, ...options });
    const got = await drain(walker);
    expect(got).toEqual(all.slice(0, wantItems));
    expect(server.requests).toHaveLength(wantRequests);
    expect(walker.done).toBe(wantItems === all.length);
    if (!walker.done) {
      const rest = await collect(client, SEED_PATH, init, { pageSize: 5, startCursor: walker.cursor });
      expect(rest).toEqual(all.slice(resumeFrom));
    }
  });

  const invalid = [{ maxItems: -1 }, { maxPages: 1.5 }, { maxItems: Number.NaN }];
  it.each(invalid)("rejects %o", async (options) => {
    const server = await serve({ items: [] });
    expect(() => paginate(clientFor(server), SEED_PATH, init, options)).toThrow(RangeError);
  });
});
