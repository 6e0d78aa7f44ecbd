import { describe, expect, it } from "vitest";
import { callFilters, CALL_FILTERS } from "../src/behaviours/ultravox/call-filters.js";
import { languageFilter, messageModeFilter, severityFilter, toolOrder } from "../src/behaviours/ultravox/list-rules.js";
import { NEWEST_FIRST, sortItems } from "../src/engine/item-order.js";
import { viewList, type ListDescription } from "../src/engine/list-filters.js";
import { failure } from "./helpers/http-failure.js";
import type { JsonObject } from "../src/internal/json.js";
import type { StoredItem } from "../src/state/stored-item.js";

// The Ultravox list rules on described lists (no spec needed): each calls filter at and just past
// its bounds, and the events/messages/voices/tools rules with their defaults.

function describeList(params: readonly string[], overrides: Partial<ListDescription> = {}): ListDescription {
  return { filters: [], search: false, queryParams: new Set(params), queryDefaults: {}, objectQuery: new Map(), sortFields: [], ...overrides };
}

const CALLS_LIST = describeList([...CALL_FILTERS], { objectQuery: new Map([["metadata", "dotted"]]) });

const call = (id: string, values: JsonObject): StoredItem => ({ seq: Number(id.slice(1)), value: { id, joined: null, ended: null, billedDuration: null, metadata: {}, ...values } });
// c1: 08:00:00 on Jan 1, 30 s; c2: 23:59:59.999 on Jan 1, billed 60 s; c3: 00:00 on Jan 2, 90 s; c4: no created, billed 10 s.
const CALLS = [
  call("c1", { created: "2025-01-01T08:00:00.000Z", joined: "2025-01-01T08:00:00Z", ended: "2025-01-01T08:00:30Z", agentId: "A", voice: "V1", metadata: { team: "red", n: "1" } }),
  call("c2", { created: "2025-01-01T23:59:59.999Z", billedDuration: "60s", agentId: "B", voice: "V2", metadata: { team: "blue" } }),
  call("c3", { created: "2025-01-02T00:00:00.000Z", joined: "2025-01-02T00:00:00Z", ended: "2025-01-02T00:01:30Z", agentId: null, voice: null, metadata: null }),
  call("c4", { created: null, billedDuration: "10s", agentId: "A", metadata: { team: "red", toString: "x" } }),
];

function shown(op: ListDescription, query: JsonObject, items: readonly StoredItem[], rules: ReturnType<typeof callFilters>): string[] {
  const view = viewList(op, query, items, rules);
  return sortItems(view.items, view.order ?? NEWEST_FIRST).map((entry) => String(entry.item.value["id"] ?? entry.item.value["name"]));
}

const calls = (query: JsonObject, op = CALLS_LIST): string[] => shown(op, query, CALLS, callFilters(op, query));


describe("calls filters at their bounds", () => {
  it.each([
    { given: "nothing", query: {}, want: ["c4", "c3", "c2", "c1"] },
    { given: "agentIds", query: { agentIds: ["A"] }, want: ["c4", "c1"] },
    { given: "agentIds, empty list: no filter", query: { agentIds: [] }, want: ["c4", "c3", "c2", "c1"] },
    { given: "agentIds given as text (not a list): no filter", query: { agentIds: "A" }, want: ["c4", "c3", "c2", "c1"] },
    { given: "fromDate, a date: from its start (inclusive)", query: { fromDate: "2025-01-02" }, want: ["c3"] },
    { given: "toDate, a date: to its last millisecond (inclusive)", query: { toDate: "2025-01-01" }, want: ["c2", "c1"] },
    { given: "fromDate, a date-time: exact and inclusive", query: { fromDate: "2025-01-01T23:59:59.999Z" }, want: ["c3", "c2"] },
    { given: "toDate, a date-time: exact and inclusive", query: { toDate: "2025-01-01T08:00:00Z" }, want: ["c1"] },
    { given: "fromDate after toDate: nothing", query: { fromDate: "2025-01-02", toDate: "2025-01-01" }, want: [] },
    { given: "durationMin, inclusive", query: { durationMin: "60s" }, want: ["c3", "c2"] },
    { given: "durationMin just above", query: { durationMin: "60.001" }, want: ["c3"] },
    { given: "durationMax, inclusive", query: { durationMax: "30" }, want: ["c4", "c1"] },
    { given: "durationMax just below", query: { durationMax: "29.999s" }, want: ["c4"] },
    { given: "durations with spaces around", query: { durationMin: " 1:00 ", durationMax: "00:01:30" }, want: ["c3", "c2"] },
    { given: "timeOfDayStart/End, both inclusive", query: { timeOfDayStart: "08:00", timeOfDayEnd: "23:59:59.999" }, want: ["c2", "c1"] },
    { given: "timeOfDayStart only: end at the default", query: { timeOfDayStart: "08:00:00.001" }, want: ["c2"] },
    { given: "timeOfDayEnd only: start at the default", query: { timeOfDayEnd: "08:00" }, want: ["c3", "c1"] },
    { given: "start equal to end", query: { timeOfDayStart: "08:00", timeOfDayEnd: "08:00" }, want: ["c1"] },
    { given: "across midnight", query: { timeOfDayStart: "23:00", timeOfDayEnd: "01:00" }, want: ["c3", "c2"] },
    { given: "voiceId", query: { voiceId: "V2" }, want: ["c2"] },
    { given: "metadata: one pair", query: { metadata: { team: "red" } }, want: ["c4", "c1"] },
    { given: "metadata: every pair must match", query: { metadata: { team: "red", n: "1" } }, want: ["c1"] },
    { given: "metadata: an inherited name is no key", query: { metadata: { constructor: "x" } }, want: [] },
    { given: "metadata: an own key with another value", query: { metadata: { toString: "y" } }, want: [] },
    { given: "metadata: an own key that shadows a built-in", query: { metadata: { toString: "x" } }, want: ["c4"] },
    { given: "metadata: non-text values are left out", query: { metadata: { team: 1 } }, want: ["c4", "c3", "c2", "c1"] },
    { given: "metadata not an object: no filter", query: { metadata: "team" }, want: ["c4", "c3", "c2", "c1"] },
  ] as { given: string; query: JsonObject; want: string[] }[])("$given: $query → $want", ({ query, want }) => {
    expect(calls(query)).toEqual(want);
  });

  it("takes the time-of-day defaults from the spec's when it has them", () => {
    const op = describeList([...CALL_FILTERS], { queryDefaults: { timeOfDayStart: "00:00:00.001", timeOfDayEnd: "08:00" } });
    expect(calls({ timeOfDayEnd: "23:59:59.999" }, op)).toEqual(["c2", "c1"]);
    expect(calls({ timeOfDayStart: "00:00" }, op)).toEqual(["c3", "c1"]);
  });

  it("ignores a filter the list does not declare, and metadata the list reads no object from", () => {
    const op = describeList(["agentIds"]);
    expect(calls({ voiceId: "V2", durationMin: "soon", metadata: { team: "red" } }, op)).toEqual(["c4", "c3", "c2", "c1"]);
    expect(calls({ agentIds: ["B"] }, op)).toEqual(["c2"]);
  });

  it("handles exactly the calls filters, so no equality filter applies to them", () => {
    expect([...callFilters(CALLS_LIST, {}).handles].sort()).toEqual(["agentIds", "durationMax", "durationMin", "fromDate", "metadata", "timeOfDayEnd", "timeOfDayStart", "toDate", "voiceId"]);
    expect(callFilters(CALLS_LIST, {}).predicates).toEqual([]);
  });

  it.each([
    { query: { fromDate: "yesterday" }, name: "fromDate", message: "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]." },
    { query: { toDate: "2025-13-45" }, name: "toDate", message: "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]." },
    { query: { durationMin: "soon" }, name: "durationMin", message: 'Enter a valid duration such as "30s", "90.5s" or "hh:mm:ss".' },
    { query: { durationMax: 5 }, name: "durationMax", message: 'Enter a valid duration such as "30s", "90.5s" or "hh:mm:ss".' },
    { query: { timeOfDayStart: "8am" }, name: "timeOfDayStart", message: "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]." },
    { query: { timeOfDayEnd: 800 }, name: "timeOfDayEnd", message: "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]." },
  ])("$query is a 400 naming $name", ({ query, name, message }) => {
    expect(failure(() => callFilters(CALLS_LIST, query as JsonObject))).toEqual({ status: 400, body: { [name]: [message] } });
  });
});

describe("events: minimum_severity", () => {
  const EVENTS: StoredItem[] = ["debug", "info", "warning", "error", "fatal"].map((severity, i) => ({ seq: i + 1, value: { id: `e${i + 1}`, severity } }));
  const events = (query: JsonObject, op = describeList(["minimum_severity"], { queryDefaults: { minimum_severity: "info" } })): string[] =>
    shown(op, query, EVENTS, severityFilter(op, query));
  it.each([
    { query: {}, want: ["e4", "e3", "e2"] },
    { query: { minimum_severity: "debug" }, want: ["e4", "e3", "e2", "e1"] },
    { query: { minimum_severity: "info" }, want: ["e4", "e3", "e2"] },
    { query: { minimum_severity: "warning" }, want: ["e4", "e3"] },
    { query: { minimum_severity: "error" }, want: ["e4"] },
    { query: { minimum_severity: "loud" }, want: ["e5", "e4", "e3", "e2", "e1"] },
  ])("$query → $want (an unknown severity in an item is below every minimum)", ({ query, want }) => {
    expect(events(query)).toEqual(want);
  });
  it("without a spec default and no value, every event", () => {
    expect(events({}, describeList(["minimum_severity"]))).toEqual(["e5", "e4", "e3", "e2", "e1"]);
  });
  it("a list that does not declare it uses only the default", () => {
    expect(events({ minimum_severity: "error" }, describeList([], { queryDefaults: { minimum_severity: "warning" } }))).toEqual(["e4", "e3"]);
  });
  it("handles minimum_severity", () => {
    expect([...severityFilter(describeList([]), {}).handles]).toEqual(["minimum_severity"]);
  });
});

describe("messages: mode", () => {
  // Stored out of seq order: the newest message is the one with the highest seq, wherever it is.
  const MESSAGES: StoredItem[] = [
    { seq: 2, value: { id: "m2", callStageId: "S1" } },
    { seq: 4, value: { id: "m4", callStageId: "S2" } },
    { seq: 1, value: { id: "m1", callStageId: "S1" } },
    { seq: 3, value: { id: "m3", callStageId: "S2" } },
  ];
  const declared = describeList(["mode"], { queryDefaults: { mode: "last_stage" } });
  const messages = (query: JsonObject, op = declared, items = MESSAGES): string[] => shown(op, query, items, messageModeFilter(op, query, items));
  it.each([
    { query: {}, want: ["m4", "m3"] },
    { query: { mode: "last_stage" }, want: ["m4", "m3"] },
    { query: { mode: "in_call" }, want: ["m4", "m3", "m2", "m1"] },
  ])("$query → $want", ({ query, want }) => {
    expect(messages(query)).toEqual(want);
  });
  it("a list that does not declare mode keeps every message", () => {
    expect(messages({ mode: "last_stage" }, describeList([], { queryDefaults: { mode: "last_stage" } }))).toEqual(["m4", "m3", "m2", "m1"]);
  });
  it("mode given without a spec default still applies", () => {
    expect(messages({ mode: "last_stage" }, describeList(["mode"]))).toEqual(["m4", "m3"]);
  });
  it("a newest message without a stage keeps every message; no messages, none", () => {
    const items: StoredItem[] = [...MESSAGES, { seq: 5, value: { id: "m5" } }];
    expect(messages({}, declared, items)).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    expect(messages({}, declared, [])).toEqual([]);
  });
});

describe("voices: primaryLanguage", () => {
  const VOICES: StoredItem[] = ["en-US", "en_GB", "EN", "fr-FR", null, "english"].map((tag, i) => ({ seq: i + 1, value: { id: `v${i + 1}`, primaryLanguage: tag } }));
  const op = describeList(["primaryLanguage", "sort"]);
  const voices = (query: JsonObject): string[] => shown(op, query, VOICES, languageFilter(op, query));
  it.each([
    { query: {}, want: ["v6", "v5", "v4", "v3", "v2", "v1"] },
    { query: { primaryLanguage: "en" }, want: ["v3", "v2", "v1"] },
    { query: { primaryLanguage: "en_gb" }, want: ["v2", "v3", "v1"] },
    { query: { primaryLanguage: "EN-us" }, want: ["v1", "v3", "v2"] },
    { query: { primaryLanguage: "en-US" }, want: ["v1", "v3", "v2"] },
    { query: { primaryLanguage: "fr" }, want: ["v4"] },
  ])("$query → $want (the exact tag first, then its other regions, newest first)", ({ query, want }) => {
    expect(voices(query)).toEqual(want);
  });
  it("an explicit sort keeps its own order: the language gives no order then", () => {
    expect(languageFilter(op, { primaryLanguage: "en", sort: "name" }).order).toBeUndefined();
    expect(languageFilter(describeList(["primaryLanguage"]), { primaryLanguage: "en", sort: "name" }).order?.id).toBe("primaryLanguage=en");
  });
  it("not declared: no rule", () => {
    expect(languageFilter(describeList([]), { primaryLanguage: "en" })).toEqual({ handles: new Set(["primaryLanguage"]) });
  });
});

describe("tools: sortOrder", () => {
  const tool = (id: string, name: string, ownership: string, created: string): StoredItem => ({ seq: Number(id.slice(1)), value: { id, name, ownership, created } });
  const TOOLS = [
    tool("t1", "Zeta", "public", "2025-01-01T00:00:00Z"),
    tool("t2", "alpha", "private", "2025-01-02T00:00:00Z"),
    tool("t3", "beta", "public", "2025-01-03T00:00:00Z"),
    tool("t4", "Gamma", "private", "2025-01-04T00:00:00Z"),
    tool("t5", "beta", "public", "2025-01-03T00:00:00Z"),
  ];
  const declared = describeList(["sortOrder"], { queryDefaults: { sortOrder: "default" } });
  const tools = (query: JsonObject, op = declared): string[] => shown(op, query, TOOLS, toolOrder(op, query));
  it.each([
    { query: {}, want: ["t4", "t2", "t5", "t3", "t1"] },
    { query: { sortOrder: "default" }, want: ["t4", "t2", "t5", "t3", "t1"] },
    { query: { sortOrder: "display" }, want: ["t5", "t3", "t1", "t4", "t2"] },
    { query: { sortOrder: "alphabetic" }, want: ["t2", "t3", "t5", "t4", "t1"] },
    { query: { sortOrder: "reverseAlphabetic" }, want: ["t1", "t4", "t5", "t3", "t2"] },
    { query: { sortOrder: "chronologic" }, want: ["t1", "t2", "t3", "t5", "t4"] },
    { query: { sortOrder: "reverseChronologic" }, want: ["t4", "t5", "t3", "t2", "t1"] },
    { query: { sortOrder: "toString" }, want: ["t5", "t4", "t3", "t2", "t1"] },
    { query: { sortOrder: "bogus" }, want: ["t5", "t4", "t3", "t2", "t1"] },
  ])("$query → $want (ties by insertion, in the order's own direction)", ({ query, want }) => {
    expect(tools(query)).toEqual(want);
  });
  it("each order names itself for cursors", () => {
    for (const name of ["display", "alphabetic", "reverseAlphabetic", "chronologic", "reverseChronologic", "default"]) {
      expect(toolOrder(declared, { sortOrder: name }).order?.id).toBe(`sortOrder=${name}`);
    }
  });
  it("not declared: no order, even with a default", () => {
    expect(toolOrder(describeList([], { queryDefaults: { sortOrder: "alphabetic" } }), { sortOrder: "alphabetic" })).toEqual({ handles: new Set(["sortOrder"]) });
  });
});
