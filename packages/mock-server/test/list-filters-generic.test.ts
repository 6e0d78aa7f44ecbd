import { describe, expect, it } from "vitest";
import { NEWEST_FIRST, sortItems, type ItemOrder } from "../src/engine/item-order.js";
import { scalarText, viewList, type ListDescription } from "../src/engine/list-filters.js";
import { failure } from "./helpers/http-failure.js";
import type { JsonObject } from "../src/internal/json.js";
import type { StoredItem } from "../src/state/stored-item.js";

// The generic list rules (DRF's filter backends) on a described list, without the spec: equality
// filters, search, sort (OrderingFilter), and how a behaviour's rules combine with them.

function describeList(overrides: Partial<ListDescription> = {}): ListDescription {
  return {
    filters: ["status", "kind", "count", "active", "sort"],
    search: true,
    queryParams: new Set(["status", "kind", "count", "active", "search", "sort"]),
    queryDefaults: {},
    objectQuery: new Map(),
    sortFields: ["name", "created", "ended"],
    ...overrides,
  };
}

const ITEMS: StoredItem[] = [
  { seq: 1, value: { id: "a", name: "beta", status: "open", kind: "x", count: 1, active: true, created: "2025-01-02T00:00:00Z", ended: null, note: "Hello World" } },
  { seq: 2, value: { id: "b", name: "Alpha", status: "closed", kind: "y", count: 2, active: false, created: "2025-01-01T00:00:00Z", ended: "2025-01-05T00:00:00Z", note: 7 } },
  { seq: 3, value: { id: "c", name: "gamma", status: "open", kind: "y", count: null, created: "2025-01-03T00:00:00Z", ended: "2025-01-04T00:00:00Z", note: "world peace" } },
  { seq: 4, value: { id: "d", name: "delta", status: "open", kind: "z", count: 1, active: true, created: "2025-01-01T00:00:00Z", ended: null, note: "WORLD" } },
];

function shown(query: JsonObject, op = describeList(), rules = {}): string[] {
  const view = viewList(op, query, ITEMS, rules);
  return sortItems(view.items, view.order ?? NEWEST_FIRST).map((entry) => String(entry.item.value["id"]));
}


describe("viewList: equality filters and search", () => {
  it.each([
    { given: "nothing", query: {}, want: ["d", "c", "b", "a"] },
    { given: "a text value", query: { status: "open" }, want: ["d", "c", "a"] },
    { given: "two filters: both must hold", query: { status: "open", kind: "y" }, want: ["c"] },
    { given: "a list: any of its values", query: { kind: ["x", "z"] }, want: ["d", "a"] },
    { given: "an empty list: nothing", query: { kind: [] }, want: [] },
    { given: "a number against item numbers", query: { count: 1 }, want: ["d", "a"] },
    { given: "a number as text (query strings)", query: { count: "1" }, want: ["d", "a"] },
    { given: "a boolean", query: { active: false }, want: ["b"] },
    { given: "the text null matches a null value", query: { count: "null" }, want: ["c"] },
    { given: "null matches a missing value too", query: { active: null }, want: ["c"] },
    { given: "search: case-insensitive substring of any text field", query: { search: "WoRlD" }, want: ["d", "c", "a"] },
    { given: "search skips non-text fields", query: { search: "7" }, want: [] },
    { given: "an empty search keeps everything", query: { search: "" }, want: ["d", "c", "b", "a"] },
    { given: "search and a filter", query: { search: "world", status: "open", kind: ["x", "y"] }, want: ["c", "a"] },
  ])("$given: $query → $want", ({ query, want }) => {
    expect(shown(query as JsonObject)).toEqual(want);
  });

  it("search is applied only where the list declares it", () => {
    expect(shown({ search: "world" }, describeList({ search: false }))).toEqual(["d", "c", "b", "a"]);
    expect(shown({ search: "world" }, describeList({ queryParams: new Set(["status"]) }))).toEqual(["d", "c", "b", "a"]);
  });

  it("a parameter a behaviour handles gets no equality filter; its predicates apply", () => {
    const rules = { handles: new Set(["status"]), predicates: [(item: StoredItem) => item.value["kind"] !== "z"] };
    expect(shown({ status: "closed" }, describeList(), rules)).toEqual(["c", "b", "a"]);
  });

  it("several predicates of a behaviour must all hold", () => {
    const rules = { predicates: [(item: StoredItem) => item.value["kind"] === "y", (item: StoredItem) => item.value["status"] === "open"] };
    expect(shown({}, describeList(), rules)).toEqual(["c"]);
  });

  it("sort is never an equality filter, even when items have such a property", () => {
    expect(shown({ sort: "name" })).toEqual(["b", "a", "d", "c"]);
  });

  it("a query without filters leaves the items as they are", () => {
    expect(viewList(describeList(), {}, ITEMS).items).toEqual(ITEMS);
  });
});

describe("viewList: sort (DRF's OrderingFilter)", () => {
  it.each([
    { sort: "name", want: ["b", "a", "d", "c"] },
    { sort: "-name", want: ["c", "d", "a", "b"] },
    { sort: "created", want: ["b", "d", "a", "c"] },
    { sort: "-created", want: ["c", "a", "d", "b"] },
    { sort: "ended", want: ["c", "b", "a", "d"] },
    { sort: "-ended", want: ["d", "a", "b", "c"] },
    { sort: "created,-name", want: ["d", "b", "a", "c"] },
    { sort: " created , name ", want: ["b", "d", "a", "c"] },
    { sort: "-created,name", want: ["c", "a", "b", "d"] },
  ])("sort=$sort → $want", ({ sort, want }) => {
    expect(shown({ sort })).toEqual(want);
  });

  it("names the order by its terms, as cursors do", () => {
    const order = viewList(describeList(), { sort: " -created , name" }, ITEMS).order;
    expect(order?.id).toBe("sort=-created,name");
    expect(order?.directions).toEqual([-1, 1]);
    expect(order?.seqDirection).toBe(-1);
    expect(viewList(describeList(), { sort: "name,-created" }, ITEMS).order?.seqDirection).toBe(1);
  });

  it.each([
    { sort: "bogus" },
    { sort: "name,bogus" },
    { sort: "" },
    { sort: "name," },
    { sort: "--name" },
    { sort: "+name" },
  ])("sort=$sort is a 400 naming the choices", ({ sort }) => {
    expect(failure(() => viewList(describeList(), { sort }, ITEMS))).toEqual({
      status: 400,
      body: { sort: [`"${sort}" is not a valid ordering. Use one of: name, -name, created, -created, ended, -ended (comma-separated for several).`] },
    });
  });

  it("a behaviour's order wins over sort", () => {
    const order: ItemOrder = { id: "mine", key: () => [], directions: [], seqDirection: 1 };
    expect(viewList(describeList(), { sort: "name" }, ITEMS, { order }).order).toBe(order);
    expect(viewList(describeList(), {}, ITEMS, { order }).order).toBe(order);
  });

  // A behaviour's order replaces the one `sort` asks for, but `sort` is still read: a bad one is
  // the same 400 as without the behaviour, a good one changes nothing.
  const MINE: ItemOrder = { id: "mine", key: () => [], directions: [], seqDirection: 1 };

  it.each(["bogus", "name,bogus", "", "name,", "--name", "+name"])("with a behaviour's order, sort=%j is still a 400 naming the choices", (sort) => {
    expect(failure(() => viewList(describeList(), { sort }, ITEMS, { order: MINE }))).toEqual({
      status: 400,
      body: { sort: [`"${sort}" is not a valid ordering. Use one of: name, -name, created, -created, ended, -ended (comma-separated for several).`] },
    });
  });

  it.each(["name", "-created,name", " ended "])("with a behaviour's order, a valid sort=%j keeps the behaviour's order", (sort) => {
    expect(viewList(describeList(), { sort }, ITEMS, { order: MINE }).order).toBe(MINE);
  });

  it("sort is applied only where the list declares it; no sort, no order", () => {
    expect(viewList(describeList({ queryParams: new Set(["status"]) }), { sort: "bogus" }, ITEMS).order).toBeUndefined();
    expect(viewList(describeList(), {}, ITEMS).order).toBeUndefined();
    expect(viewList(describeList(), { sort: 5 }, ITEMS).order).toBeUndefined();
  });
});

describe("scalarText", () => {
  it.each([
    { value: "x", want: "x" },
    { value: 1, want: "1" },
    { value: true, want: "true" },
    { value: null, want: "null" },
    { value: undefined, want: "null" },
    { value: { a: 1 }, want: '{"a":1}' },
  ])("$value → $want", ({ value, want }) => {
    expect(scalarText(value)).toBe(want);
  });
});
