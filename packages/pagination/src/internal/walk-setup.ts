import type { LooseGetClient, PageRequest } from "./fetch-page.js";
import { checkPageSize } from "./page-size-limits.js";
import type { PaginateOptions } from "./paginate-options.js";

/** Everything a walk needs, checked once before the first request. */
export interface WalkSetup {
  readonly request: Omit<PageRequest, "signal">;
  readonly signals: readonly AbortSignal[];
  readonly startCursor: string | null;
  readonly backward: boolean;
  readonly prefetch: boolean;
  readonly maxItems: number;
  readonly maxPages: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function checkLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (value !== Number.POSITIVE_INFINITY && (!Number.isInteger(value) || value < 0)) {
    throw new RangeError(`Pagination: ${name} must be a non-negative integer, got ${String(value)}.`);
  }
  return value;
}

/** Splits the caller's init into what stays fixed for every page (filters, headers) and the start cursor. */
export function walkSetup(client: unknown, path: string, init: unknown, options: PaginateOptions | undefined): WalkSetup {
  if (!isRecord(client) || typeof client["GET"] !== "function") {
    throw new TypeError("Pagination: client must be an openapi-fetch client (with a GET method).");
  }
  const { signal: initSignal, ...fixedInit } = isRecord(init) ? init : {};
  const params = isRecord(fixedInit["params"]) ? fixedInit["params"] : {};
  const { cursor: initCursor, ...query } = isRecord(params["query"]) ? params["query"] : {};
  const opts = options ?? {};
  if (opts.pageSize !== undefined) query["pageSize"] = opts.pageSize;
  if (typeof query["pageSize"] === "number") checkPageSize(path, query["pageSize"]);
  const signals: AbortSignal[] = [];
  if (opts.signal !== undefined) signals.push(opts.signal);
  if (initSignal instanceof AbortSignal) signals.push(initSignal);
  const startCursor = opts.startCursor !== undefined ? opts.startCursor : typeof initCursor === "string" ? initCursor : null;
  return {
    request: { client: client as unknown as LooseGetClient, path, init: fixedInit, query },
    signals,
    startCursor: startCursor === "" ? null : startCursor,
    backward: opts.direction === "backward",
    prefetch: opts.prefetch === true,
    maxItems: checkLimit("maxItems", opts.maxItems),
    maxPages: checkLimit("maxPages", opts.maxPages),
  };
}
