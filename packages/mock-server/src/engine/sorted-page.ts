import { detail } from "../pipeline/http-failure.js";
import { compareKeyed, sortItems, type ItemOrder, type KeyedItem, type SortValue } from "./item-order.js";
import { itemJson, type StoredItem } from "../state/stored-item.js";
import { withCursor } from "./with-cursor.js";

export interface SortedPageRequest {
  readonly cursor: string | undefined;
  readonly pageSize: number;
  /** The request URL on the mock's own origin; next/previous keep its other query parameters. */
  readonly url: URL;
  /** Whether the operation's envelope declares `total`. */
  readonly total: boolean;
}

interface Position extends KeyedItem {
  readonly direction: "n" | "p";
}

/**
 * The JSON text of one page of `items` in `order`, keyset style: a cursor holds the sort key and
 * `seq` of the item it continues from (and the order's id), so next/previous walk the sorted list
 * exactly once and stay valid when items are added or removed. Every paginated list is served here,
 * in the default order (newest first) or the one its query asks for (sort, sortOrder, primaryLanguage).
 */
export function sortedPage(items: readonly StoredItem[], order: ItemOrder, request: SortedPageRequest): string {
  const entries = sortItems(items, order);
  const position = decodeCursor(request.cursor, order);
  const count = entries.length;
  let start: number;
  let end: number;
  if (position === undefined) {
    start = 0;
    end = Math.min(count, request.pageSize);
  } else if (position.direction === "n") {
    start = entries.findIndex((entry) => compareKeyed(order, entry, position) > 0);
    if (start < 0) start = count;
    end = Math.min(count, start + request.pageSize);
  } else {
    end = entries.findIndex((entry) => compareKeyed(order, entry, position) >= 0);
    if (end < 0) end = count;
    start = Math.max(0, end - request.pageSize);
  }
  const page = entries.slice(start, end);
  const first = page[0];
  const last = page[page.length - 1];
  const next = last !== undefined && end < count ? withCursor(request.url, encodeCursor(order, "n", last)) : null;
  const previous = first !== undefined && start > 0 ? withCursor(request.url, encodeCursor(order, "p", first)) : null;
  const results = page.map((entry) => itemJson(entry.item)).join(",");
  const total = request.total ? `,"total":${count}` : "";
  return `{"results":[${results}],"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)}${total}}`;
}

function encodeCursor(order: ItemOrder, direction: "n" | "p", at: KeyedItem): string {
  const json = JSON.stringify({ o: order.id, d: direction, k: at.key, s: at.seq });
  // Keys may hold any text (names): UTF-8 first, since btoa takes Latin-1 only.
  let binary = "";
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

function decodeCursor(cursor: string | undefined, order: ItemOrder): Position | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw detail(404, "Invalid cursor");
  }
  if (typeof parsed !== "object" || parsed === null) throw detail(404, "Invalid cursor");
  const { o, d, k, s } = parsed as Record<string, unknown>;
  const keyOk = Array.isArray(k) && k.length === order.directions.length && k.every(isSortValue);
  if (o !== order.id || (d !== "n" && d !== "p") || !keyOk || typeof s !== "number" || !Number.isSafeInteger(s)) {
    throw detail(404, "Invalid cursor");
  }
  return { direction: d, key: k, seq: s };
}

function isSortValue(value: unknown): value is SortValue {
  return value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}
