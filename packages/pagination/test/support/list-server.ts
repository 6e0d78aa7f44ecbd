import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  /** Resolves true if the client hung up before the response was sent (an aborted request). */
  readonly closedEarly: Promise<boolean>;
}

export interface ListServerOptions {
  readonly items?: readonly Record<string, unknown>[];
  readonly defaultPageSize?: number;
  /** Omit `total` (as the invoices list does). */
  readonly withoutTotal?: boolean;
  /** Fail the request for this page index (0-based, by offset) once with a 503. */
  readonly failPageOnce?: number;
  /** Page at this index returns a `next` link with the cursor it was requested with. */
  readonly loopAtPage?: number;
  /** Origin used in `next`/`previous` links instead of the server's own. */
  readonly linkOrigin?: string;
  /** Serve this many empty pages (each with a `next`) before the first real page. */
  readonly emptyPages?: number;
  /** Hold the response of this page index until `release()` is called. */
  readonly holdPage?: number;
  /** Wait this long before answering each page (for benchmarks). */
  readonly latencyMs?: number;
  /** Answer with this body instead of a page. */
  readonly rawBody?: unknown;
  /** Put a link without a cursor in `next`. */
  readonly nextWithoutCursor?: boolean;
  /** Answer every request with this status and a `{ detail }` body. */
  readonly failWith?: number;
}

export interface ListServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Resolves once the server has received `count` requests. */
  waitForRequests(count: number): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

interface CursorState {
  readonly offset: number;
  readonly empty: number;
}

const encode = (state: CursorState): string => Buffer.from(JSON.stringify(state)).toString("base64url");
const decode = (cursor: string): CursorState => JSON.parse(Buffer.from(cursor, "base64url").toString()) as CursorState;

/** A node:http server with DRF-style cursor pagination over a fixed list, with knobs for failures. */
export async function startListServer(options: ListServerOptions = {}): Promise<ListServer> {
  const items = options.items ?? [];
  const requests: SeenRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const failed = new Set<number>();
  let releaseHold: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    releaseHold = resolve;
  });

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const closedEarly = new Promise<boolean>((resolve) => {
      res.on("close", () => {
        resolve(!res.writableFinished);
      });
    });
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers, closedEarly });
    for (const w of waiters.filter((x) => requests.length >= x.count)) w.resolve();
    void answer(url, res);
  });

  const answer = async (url: URL, res: ServerResponse): Promise<void> => {
    if (options.failWith !== undefined) {
      send(res, options.failWith, { detail: "Not found." });
      return;
    }
    if (options.rawBody !== undefined) {
      send(res, 200, options.rawBody);
      return;
    }
    const cursor = url.searchParams.get("cursor");
    const state: CursorState = cursor === null ? { offset: 0, empty: options.emptyPages ?? 0 } : decode(cursor);
    const size = Number(url.searchParams.get("pageSize") ?? options.defaultPageSize ?? 10);
    const status = url.searchParams.get("status");
    const filtered = status === null ? items : items.filter((item) => item["status"] === status);
    const pageIndex = Math.floor(state.offset / size);
    const origin = options.linkOrigin ?? `http://${url.host}`;
    const link = (next: CursorState): string => {
      const target = new URL(url.pathname, origin);
      for (const [k, v] of url.searchParams) if (k !== "cursor") target.searchParams.set(k, v);
      target.searchParams.set("cursor", encode(next));
      return target.href;
    };

    if (options.latencyMs !== undefined) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (options.holdPage === pageIndex && state.empty === 0) await held;
    if (options.failPageOnce === pageIndex && !failed.has(pageIndex)) {
      failed.add(pageIndex);
      send(res, 503, { detail: "Temporarily unavailable." });
      return;
    }
    const total = options.withoutTotal === true ? {} : { total: filtered.length };
    if (state.empty > 0) {
      send(res, 200, { results: [], next: link({ offset: 0, empty: state.empty - 1 }), previous: null, ...total });
      return;
    }
    const results = filtered.slice(state.offset, state.offset + size);
    const hasNext = state.offset + size < filtered.length;
    let next: string | null = hasNext ? link({ offset: state.offset + size, empty: 0 }) : null;
    if (options.loopAtPage === pageIndex && cursor !== null) next = link(state);
    if (options.nextWithoutCursor === true) next = new URL(url.pathname, origin).href;
    const previous = state.offset > 0 ? link({ offset: Math.max(0, state.offset - size), empty: 0 }) : null;
    send(res, 200, { results, next, previous, ...total });
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) =>
      new Promise<void>((resolve) => {
        if (requests.length >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    release: () => {
      releaseHold();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}
