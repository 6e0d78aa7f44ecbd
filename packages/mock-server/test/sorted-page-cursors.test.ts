import { describe, expect, it } from "vitest";
import { NEWEST_FIRST, textKey, type ItemOrder } from "../src/engine/item-order.js";
import { sortedPage } from "../src/engine/sorted-page.js";
import { HttpFailure } from "../src/pipeline/http-failure.js";
import type { StoredItem } from "../src/state/stored-item.js";

// Pages in the default order (newest first) and a name order: page edges, walking both ways,
// links, and every way a cursor can be malformed (each a 404 "Invalid cursor", as DRF's
// CursorPagination answers).

interface Page {
  readonly results: { id: string }[];
  readonly next: string | null;
  readonly previous: string | null;
  readonly total?: number;
}

const BY_NAME: ItemOrder = { id: "sort=name", key: (item) => [textKey(item.value["name"])], directions: [1], seqDirection: 1 };
const URL_BASE = "https://api.ultravox.ai/api/things";

const items = (n: number): StoredItem[] => Array.from({ length: n }, (_, i) => ({ seq: i + 1, value: { id: `i${i + 1}`, name: `n${i + 1}` } }));

function page(from: readonly StoredItem[], cursor: string | undefined, pageSize: number, order: ItemOrder = NEWEST_FIRST, query = ""): Page {
  return JSON.parse(sortedPage(from, order, { cursor, pageSize, url: new URL(`${URL_BASE}${query}`), total: true })) as Page;
}

const ids = (p: Page): string[] => p.results.map((item) => item.id);
const cursorOf = (link: string | null): string | undefined => (link === null ? undefined : (new URL(link).searchParams.get("cursor") ?? undefined));

/** Walks `next` from the first page: each page's ids. */
function walk(from: readonly StoredItem[], pageSize: number, order: ItemOrder = NEWEST_FIRST): string[][] {
  const pages: string[][] = [];
  let current = page(from, undefined, pageSize, order);
  pages.push(ids(current));
  while (current.next !== null && pages.length < 20) {
    current = page(from, cursorOf(current.next), pageSize, order);
    pages.push(ids(current));
  }
  return pages;
}

/** Walks `previous` back from the last page reached by `next`. */
function walkBack(from: readonly StoredItem[], pageSize: number, order: ItemOrder = NEWEST_FIRST): string[][] {
  let current = page(from, undefined, pageSize, order);
  while (current.next !== null) current = page(from, cursorOf(current.next), pageSize, order);
  const pages = [ids(current)];
  while (current.previous !== null && pages.length < 20) {
    current = page(from, cursorOf(current.previous), pageSize, order);
    pages.unshift(ids(current));
  }
  return pages;
}

describe("sortedPage: page edges, newest first", () => {
  it.each([
    { given: "no items", n: 0, pageSize: 3, want: [[]] },
    { given: "fewer items than a page", n: 2, pageSize: 3, want: [["i2", "i1"]] },
    { given: "exactly one page", n: 3, pageSize: 3, want: [["i3", "i2", "i1"]] },
    { given: "one more than a page", n: 4, pageSize: 3, want: [["i4", "i3", "i2"], ["i1"]] },
    { given: "exactly two pages", n: 6, pageSize: 3, want: [["i6", "i5", "i4"], ["i3", "i2", "i1"]] },
    { given: "pages of one", n: 3, pageSize: 1, want: [["i3"], ["i2"], ["i1"]] },
  ])("$given: next walks $want", ({ n, pageSize, want }) => {
    expect(walk(items(n), pageSize)).toEqual(want);
  });

  it.each([
    { n: 4, pageSize: 3, want: [["i4", "i3", "i2"], ["i1"]] },
    { n: 6, pageSize: 3, want: [["i6", "i5", "i4"], ["i3", "i2", "i1"]] },
    { n: 7, pageSize: 2, want: [["i7", "i6"], ["i5", "i4"], ["i3", "i2"], ["i1"]] },
  ])("previous walks back over the same pages: $n items by $pageSize", ({ n, pageSize, want }) => {
    expect(walkBack(items(n), pageSize)).toEqual(want);
  });

  it("the first page has no previous link and the last no next; total is the whole count on every page", () => {
    const all = items(5);
    const first = page(all, undefined, 2);
    const second = page(all, cursorOf(first.next), 2);
    const last = page(all, cursorOf(second.next), 2);
    expect([first.previous === null, first.next === null]).toEqual([true, false]);
    expect([second.previous === null, second.next === null]).toEqual([false, false]);
    expect([last.previous === null, last.next === null]).toEqual([false, true]);
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    // The previous page of the second is the first page itself, with no previous link.
    expect(page(all, cursorOf(second.previous), 2)).toEqual(first);
  });

  it("a previous cursor near the start gives a short first page rather than repeating items", () => {
    const all = items(5);
    const first = page(all, undefined, 2);
    // Continue from i4 (the second item) backwards with a page of 3: only i5 comes before it.
    const second = page(all, cursorOf(first.next), 2);
    const back = page(all, cursorOf(second.previous), 3);
    expect(ids(back)).toEqual(["i5", "i4"]);
    expect(back.previous).toBeNull();
  });

  it("a next cursor whose items are all gone gives an empty page with no links", () => {
    const all = items(4);
    const first = page(all, undefined, 2);
    const after = page(all.slice(2), cursorOf(first.next), 2);
    expect(after).toEqual({ results: [], next: null, previous: null, total: 2 });
  });

  it("a previous cursor whose own item is gone still walks back to the items before it", () => {
    const all = items(5);
    let last = page(all, undefined, 2);
    while (last.next !== null) last = page(all, cursorOf(last.next), 2);
    expect(ids(last)).toEqual(["i1"]);
    const back = page(all.slice(1), cursorOf(last.previous), 2);
    expect(ids(back)).toEqual(["i3", "i2"]);
    expect(back.next).toBeNull();
    expect(back.previous).not.toBeNull();
  });

  it("omits total when asked to", () => {
    const text = sortedPage(items(1), NEWEST_FIRST, { cursor: undefined, pageSize: 5, url: new URL(URL_BASE), total: false });
    expect(JSON.parse(text)).toEqual({ results: [{ id: "i1", name: "n1" }], next: null, previous: null });
  });
});

describe("sortedPage: links and cursors", () => {
  it("next and previous keep the request's other parameters in order and replace its cursor in place", () => {
    const all = items(6);
    const first = page(all, undefined, 2, NEWEST_FIRST, "?pageSize=2&search=x");
    expect(first.next).toMatch(/^https:\/\/api\.ultravox\.ai\/api\/things\?pageSize=2&search=x&cursor=[A-Za-z0-9_-]+$/);
    const second = page(all, cursorOf(first.next), 2, NEWEST_FIRST, `?pageSize=2&cursor=${cursorOf(first.next) ?? ""}&search=x`);
    expect(second.next).toMatch(/^https:\/\/api\.ultravox\.ai\/api\/things\?pageSize=2&cursor=[A-Za-z0-9_-]+&search=x$/);
    expect(second.previous).toMatch(/^https:\/\/api\.ultravox\.ai\/api\/things\?pageSize=2&cursor=[A-Za-z0-9_-]+&search=x$/);
  });

  it("cursors are URL-safe base64 without padding, also for keys outside Latin-1", () => {
    const names = ["Ωmega", "ärger", "zebra", "🙂 smile", "abc", "a+b/c?", "~~~"];
    const named: StoredItem[] = names.map((name, i) => ({ seq: i + 1, value: { id: name, name } }));
    const links: string[] = [];
    let current = page(named, undefined, 1, BY_NAME);
    const seen = [ids(current)[0]];
    while (current.next !== null) {
      links.push(current.next);
      current = page(named, cursorOf(current.next), 1, BY_NAME);
      seen.push(ids(current)[0]);
    }
    expect(seen).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    for (const link of links) expect(cursorOf(link)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("a cursor made under another order is refused", () => {
    const all = items(4);
    const byName = page(all, undefined, 2, BY_NAME);
    expect(() => page(all, cursorOf(byName.next), 2)).toThrow(HttpFailure);
  });
});

describe("sortedPage: malformed cursors are DRF's 404 Invalid cursor", () => {
  const encode = (value: unknown): string => {
    let binary = "";
    for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  };
  const valid = { o: "sort=name", d: "n", k: ["n1"], s: 1 };
  it.each([
    { given: "not base64", cursor: "!!!" },
    { given: "base64 of bytes that are not UTF-8", cursor: btoa("\u00ff\u00fe").replace(/=+$/, "") },
    { given: "base64 of text that is not JSON", cursor: btoa("hello") },
    { given: "JSON null", cursor: encode(null) },
    { given: "a JSON number", cursor: encode(5) },
    { given: "another order's id", cursor: encode({ ...valid, o: "sort=-name" }) },
    { given: "no order id", cursor: encode({ d: "n", k: ["n1"], s: 1 }) },
    { given: "a direction other than n or p", cursor: encode({ ...valid, d: "x" }) },
    { given: "a key that is not a list", cursor: encode({ ...valid, k: "n1" }) },
    { given: "a key too short", cursor: encode({ ...valid, k: [] }) },
    { given: "a key too long", cursor: encode({ ...valid, k: ["n1", "n2"] }) },
    { given: "a key holding an object", cursor: encode({ ...valid, k: [{}] }) },
    { given: "a key holding a boolean", cursor: encode({ ...valid, k: [true] }) },
    { given: "a seq as text", cursor: encode({ ...valid, s: "1" }) },
    { given: "a fractional seq", cursor: encode({ ...valid, s: 1.5 }) },
    { given: "a seq beyond safe integers", cursor: encode({ ...valid, s: 2 ** 60 }) },
    { given: "no seq", cursor: encode({ o: "sort=name", d: "n", k: ["n1"] }) },
  ])("$given", ({ cursor }) => {
    let caught: unknown;
    try {
      page(items(3), cursor, 2, BY_NAME);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HttpFailure);
    expect({ status: (caught as HttpFailure).status, body: (caught as HttpFailure).body }).toEqual({ status: 404, body: { detail: "Invalid cursor" } });
  });

  it.each([
    { given: "a key of text", k: ["n1"], want: ["i2", "i3"] },
    { given: "a key of null (sorts last)", k: [null], want: [] },
    { given: "a numeric key (compared as text with the names)", k: [0], want: ["i1", "i2"] },
    { given: "a previous cursor", d: "p", k: ["n3"], s: 3, want: ["i1", "i2"] },
  ])("accepts $given", ({ k, d, s, want }) => {
    expect(ids(page(items(3), encode({ o: "sort=name", d: d ?? "n", k, s: s ?? 1 }), 2, BY_NAME))).toEqual(want);
  });
});
