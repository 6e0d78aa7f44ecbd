import { detail } from "./http-failure.js";
import { itemJson, type StoredItem } from "./stored-item.js";
import { withCursor } from "./with-cursor.js";

export interface PageRequest {
  readonly cursor: string | undefined;
  readonly pageSize: number;
  /** The request URL on the mock's own origin; next/previous keep its other query parameters. */
  readonly url: URL;
}

/**
 * The JSON text of one page of a list, newest first, DRF cursor style: `next` holds the position after this page's
 * oldest item and `previous` the position before its newest, both as opaque `cursor` values.
 */
export function paginate(items: readonly StoredItem[], request: PageRequest): string {
  // `items` are oldest first; a page is a run of indexes walked downwards (newest first).
  const position = decodeCursor(request.cursor);
  const count = items.length;
  let high: number;
  let low: number;
  if (position === undefined) {
    high = count - 1;
    low = Math.max(0, count - request.pageSize);
  } else if (position.direction === "n") {
    high = count - 1;
    while (high >= 0 && (items[high]?.seq ?? 0) >= position.seq) high--;
    low = Math.max(0, high - request.pageSize + 1);
  } else {
    low = 0;
    while (low < count && (items[low]?.seq ?? 0) <= position.seq) low++;
    high = Math.min(count - 1, low + request.pageSize - 1);
  }
  const parts: string[] = [];
  for (let i = high; i >= low; i--) {
    const item = items[i];
    if (item !== undefined) parts.push(itemJson(item));
  }
  const newest = items[high];
  const oldest = items[low];
  const empty = parts.length === 0;
  const next = !empty && low > 0 && oldest !== undefined ? withCursor(request.url, encodeCursor("n", oldest.seq)) : null;
  const previous = !empty && high < count - 1 && newest !== undefined ? withCursor(request.url, encodeCursor("p", newest.seq)) : null;
  // Joined from each item's cached JSON: the same bytes JSON.stringify of the envelope would give.
  return `{"results":[${parts.join(",")}],"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"total":${count}}`;
}

function encodeCursor(direction: "n" | "p", seq: number): string {
  return btoa(`${direction}${seq}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

function decodeCursor(cursor: string | undefined): { direction: "n" | "p"; seq: number } | undefined {
  if (cursor === undefined) return undefined;
  let text = "";
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw detail(404, "Invalid cursor");
  }
  const match = /^([np])(\d{1,15})$/.exec(text);
  if (match === null) throw detail(404, "Invalid cursor");
  return { direction: match[1] === "n" ? "n" : "p", seq: Number(match[2]) };
}


