import { detail } from "./http-failure.js";
import { itemJson, type StoredItem } from "./stored-item.js";

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
  const position = decodeCursor(request.cursor);
  const newestFirst = [...items].reverse();
  let page: StoredItem[];
  if (position === undefined) {
    page = newestFirst.slice(0, request.pageSize);
  } else if (position.direction === "n") {
    page = newestFirst.filter((item) => item.seq < position.seq).slice(0, request.pageSize);
  } else {
    const newer = newestFirst.filter((item) => item.seq > position.seq);
    page = newer.slice(Math.max(0, newer.length - request.pageSize));
  }
  const first = page[0];
  const last = page[page.length - 1];
  const hasOlder = last !== undefined && newestFirst.some((item) => item.seq < last.seq);
  const hasNewer = first !== undefined && newestFirst.some((item) => item.seq > first.seq);
  const next = hasOlder ? withCursor(request.url, encodeCursor("n", last.seq)) : null;
  const previous = hasNewer ? withCursor(request.url, encodeCursor("p", first.seq)) : null;
  // Joined from each item's cached JSON: the same bytes JSON.stringify of the envelope would give.
  return `{"results":[${page.map(itemJson).join(",")}],"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"total":${items.length}}`;
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

function withCursor(url: URL, cursor: string): string {
  const next = new URL(url.pathname, url.origin);
  let placed = false;
  for (const [key, value] of url.searchParams) {
    if (key === "cursor") {
      if (!placed) next.searchParams.append("cursor", cursor);
      placed = true;
    } else {
      next.searchParams.append(key, value);
    }
  }
  if (!placed) next.searchParams.append("cursor", cursor);
  return next.href;
}
