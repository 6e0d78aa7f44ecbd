import { describe, expect, it } from "vitest";
import { spec } from "../src/generated/spec.js";
import type { OperationBehaviour, OperationCall } from "../src/behaviour.js";
import { ULTRAVOX_LISTS } from "../src/behaviours/ultravox/index.js";
import { compileSpec } from "../src/spec/compile-spec.js";
import { createAjv } from "../src/spec/create-ajv.js";
import type { CompiledOperation } from "../src/spec/operation.js";
import { rememberDeletedCall } from "../src/behaviours/ultravox/deleted-calls.js";
import { agentsUsage, callUsage } from "../src/behaviours/ultravox/call-usage.js";
import { callDuration, dateBound, parseDuration, parseTimeOfDay } from "../src/behaviours/ultravox/filter-values.js";
import { failure } from "./helpers/http-failure.js";
import { NEWEST_FIRST } from "../src/engine/item-order.js";
import type { JsonObject } from "../src/internal/json.js";
import { viewList as genericViewList, type ListView } from "../src/engine/list-filters.js";
import { sortedPage } from "../src/engine/sorted-page.js";
import type { StoredItem } from "../src/state/stored-item.js";

const compiled = compileSpec(spec as JsonObject, { createAjv });

/** The usage answers filter their calls as GET /api/calls does. */
const RULES: Readonly<Record<string, OperationBehaviour | undefined>> = { ...ULTRAVOX_LISTS, accounts_me_usage_calls_retrieve: ULTRAVOX_LISTS["calls_list"], agents_usage_list: ULTRAVOX_LISTS["calls_list"] };

/** A list as the engine views it: the generic filters with the Ultravox rules registered for its operationId. */
function viewList(op: CompiledOperation, query: JsonObject, items: readonly StoredItem[]): ListView {
  const call = { operation: op, query } as unknown as OperationCall;
  return genericViewList(op, query, items, RULES[op.operationId]?.list?.(call, items));
}
function list(template: string): CompiledOperation {
  const op = compiled.routeByTemplate.get(template)?.operations.get("GET");
  if (op === undefined) throw new Error(`no list at ${template}`);
  return op;
}

const URL_BASE = new URL("https://api.ultravox.ai/api/x");

/** The ids a query shows, in page order (one big page), by `idField`. */
function shown(op: CompiledOperation, query: JsonObject, items: readonly StoredItem[], idField: string): string[] {
  const view = viewList(op, query, items);
  const page = JSON.parse(sortedPage(view.items, view.order ?? NEWEST_FIRST, { cursor: undefined, pageSize: 100, url: URL_BASE, total: true })) as {
    results: JsonObject[];
    total: number;
  };
  expect(page.total).toBe(view.items.length);
  return page.results.map((item) => String(item[idField]));
}


const AG1 = "11111111-1111-4111-8111-111111111111";
const AG2 = "22222222-2222-4222-8222-222222222222";
const V1 = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const V2 = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

const call = (seq: number, callId: string, values: JsonObject): StoredItem => ({
  seq,
  value: { callId, agentId: null, joined: null, ended: null, billedDuration: null, voice: null, metadata: {}, shortSummary: null, ...values },
});
// A: 30 s call at 08:00 on Jan 1; B: billed 95 s, 23:30 on Jan 2; C: 600 s at 12:00:00.5 on Jan 3; D: never ran, 02:15 on Jan 3.
const CALLS = [
  call(1, "A", {
    agentId: AG1,
    created: "2025-01-01T08:00:00.000Z",
    joined: "2025-01-01T08:00:00.000Z",
    ended: "2025-01-01T08:00:30.000Z",
    voice: V1,
    metadata: { team: "red" },
    shortSummary: "Booked a table",
  }),
  call(2, "B", { agentId: AG2, created: "2025-01-02T23:30:00.000Z", billedDuration: "95s", voice: V2, metadata: { team: "blue", tier: "gold" }, shortSummary: "Asked about PRICING" }),
  call(3, "C", { created: "2025-01-03T12:00:00.500Z", joined: "2025-01-03T12:00:00.000Z", ended: "2025-01-03T12:10:00.000Z" }),
  call(4, "D", { agentId: AG1, created: "2025-01-03T02:15:00.000Z", voice: V1, metadata: { team: "red", tier: "gold" }, shortSummary: "pricing follow-up" }),
];

describe("calls filters (GET /api/calls): given the four calls A–D, each query shows these ids in this order", () => {
  const calls = list("/api/calls");
  const table: [string, JsonObject, string[]][] = [
    ["no filter: newest first", {}, ["D", "C", "B", "A"]],
    ["agentIds, one", { agentIds: [AG1] }, ["D", "A"]],
    ["agentIds, several", { agentIds: [AG1, AG2] }, ["D", "B", "A"]],
    ["fromDate as a date: from the start of that day", { fromDate: "2025-01-02" }, ["D", "C", "B"]],
    ["toDate as a date: to the end of that day", { toDate: "2025-01-02" }, ["B", "A"]],
    ["fromDate and toDate, both inclusive", { fromDate: "2025-01-02T23:30:00Z", toDate: "2025-01-03T02:15:00Z" }, ["D", "B"]],
    ["durationMin (ended − joined, else billedDuration; never-run calls excluded)", { durationMin: "60s" }, ["C", "B"]],
    ["durationMax, inclusive, as mm:ss", { durationMax: "1:35" }, ["B", "A"]],
    ["durationMin and durationMax", { durationMin: "30", durationMax: "00:10:00" }, ["C", "B", "A"]],
    ["timeOfDayStart/End, inclusive (12:00:00.5 is after 12:00:00)", { timeOfDayStart: "08:00:00", timeOfDayEnd: "12:00:00" }, ["A"]],
    ["time of day across midnight", { timeOfDayStart: "23:00", timeOfDayEnd: "03:00:00" }, ["D", "B"]],
    ["time of day with an offset, end at its default", { timeOfDayStart: "10:00:00+02:00" }, ["C", "B", "A"]],
    ["voiceId", { voiceId: V1 }, ["D", "A"]],
    // QueryReader gathers `metadata.key=value` pairs into one object (see request-input.ts).
    ["metadata.key=value", { metadata: { team: "red" } }, ["D", "A"]],
    ["metadata, several pairs all match", { metadata: { tier: "gold", team: "blue" } }, ["B"]],
    ["search, case-insensitive, in the call's text fields", { search: "pricing" }, ["D", "B"]],
    ["sort=created", { sort: "created" }, ["A", "B", "D", "C"]],
    ["sort=-created", { sort: "-created" }, ["C", "D", "B", "A"]],
    ["sort=ended: nulls last, ties oldest first", { sort: "ended" }, ["A", "C", "B", "D"]],
    ["sort=-ended: nulls first, ties newest first", { sort: "-ended" }, ["D", "B", "C", "A"]],
    ["sort on two fields", { sort: "-ended,created" }, ["B", "D", "C", "A"]],
    ["filters and sort together", { agentIds: [AG1], sort: "created" }, ["A", "D"]],
  ];
  it.each(table)("%s", (_name, query, want) => {
    expect(shown(calls, query, CALLS, "callId")).toEqual(want);
  });

  it.each([
    [{ sort: "name" }, "sort"],
    [{ sort: "-created,bogus" }, "sort"],
    [{ sort: "" }, "sort"],
    [{ durationMin: "soon" }, "durationMin"],
    [{ durationMax: "5 minutes" }, "durationMax"],
  ] as [JsonObject, string][])("rejects %j with a 400 naming %s", (query, name) => {
    const { status, body } = failure(() => viewList(calls, query, CALLS));
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual([name]);
    expect(body[name]).toEqual([expect.any(String)]);
  });
});

describe("deleted calls (GET /api/deleted_calls)", () => {
  it("filter through the call each tombstone was made from (agentIds, voiceId, metadata, durations) and on its own created", () => {
    const deleted = list("/api/deleted_calls");
    const tombstones = CALLS.map((item) => {
      const value: JsonObject = { callId: item.value["callId"], created: item.value["created"], deletionTime: "2025-02-01T00:00:00Z" };
      rememberDeletedCall(value, item.value);
      return { seq: item.seq, value };
    });
    expect(shown(deleted, { agentIds: [AG1] }, tombstones, "callId")).toEqual(["D", "A"]);
    expect(shown(deleted, { metadata: { tier: "gold" }, voiceId: V2 }, tombstones, "callId")).toEqual(["B"]);
    expect(shown(deleted, { durationMin: "600s" }, tombstones, "callId")).toEqual(["C"]);
    expect(shown(deleted, { toDate: "2025-01-01" }, tombstones, "callId")).toEqual(["A"]);
    // deleted_calls declares no sort: a sort there is not applied (the query validator rejects it first).
    expect(shown(deleted, { sort: "created" }, tombstones, "callId")).toEqual(["D", "C", "B", "A"]);
  });
});

describe("agents (GET /api/agents): sort and search", () => {
  const agents = list("/api/agents");
  const AGENTS: StoredItem[] = [
    { seq: 1, value: { agentId: "a1", name: "zeta support", created: "2025-01-03T00:00:00Z" } },
    { seq: 2, value: { agentId: "a2", name: "Alpha sales", created: "2025-01-01T00:00:00Z" } },
    { seq: 3, value: { agentId: "a3", name: "beta Support", created: "2025-01-02T00:00:00Z" } },
  ];
  it.each([
    [{}, ["a3", "a2", "a1"]],
    [{ sort: "name" }, ["a2", "a3", "a1"]],
    [{ sort: "-name" }, ["a1", "a3", "a2"]],
    [{ sort: "created" }, ["a2", "a3", "a1"]],
    [{ sort: "-created" }, ["a1", "a3", "a2"]],
    [{ search: "SUPPORT" }, ["a3", "a1"]],
    [{ search: "support", sort: "name" }, ["a3", "a1"]],
  ] as [JsonObject, string[]][])("%j → %j", (query, want) => {
    expect(shown(agents, query, AGENTS, "agentId")).toEqual(want);
  });
  it("rejects a field agents cannot be sorted by", () => {
    expect(failure(() => viewList(agents, { sort: "statistics" }, AGENTS)).body).toEqual({
      sort: ['"statistics" is not a valid ordering. Use one of: name, -name, created, -created (comma-separated for several).'],
    });
  });
});

describe("tools (GET /api/tools): ownership, sortOrder, search", () => {
  const tools = list("/api/tools");
  const tool = (seq: number, toolId: string, name: string, ownership: string, created: string): StoredItem => ({
    seq,
    value: { toolId, name, ownership, created },
  });
  const TOOLS = [
    tool(1, "T1", "Zeta", "public", "2025-01-01T00:00:00Z"),
    tool(2, "T2", "alpha", "private", "2025-01-02T00:00:00Z"),
    tool(3, "T3", "beta", "public", "2025-01-03T00:00:00Z"),
    tool(4, "T4", "Gamma", "private", "2025-01-04T00:00:00Z"),
  ];
  it.each([
    [{}, ["T4", "T2", "T3", "T1"]],
    [{ sortOrder: "default" }, ["T4", "T2", "T3", "T1"]],
    [{ sortOrder: "display" }, ["T3", "T1", "T4", "T2"]],
    [{ sortOrder: "alphabetic" }, ["T2", "T3", "T4", "T1"]],
    [{ sortOrder: "reverseAlphabetic" }, ["T1", "T4", "T3", "T2"]],
    [{ sortOrder: "chronologic" }, ["T1", "T2", "T3", "T4"]],
    [{ sortOrder: "reverseChronologic" }, ["T4", "T3", "T2", "T1"]],
    [{ ownership: "public" }, ["T3", "T1"]],
    [{ ownership: "private", sortOrder: "alphabetic" }, ["T2", "T4"]],
    [{ search: "ETA" }, ["T3", "T1"]],
  ] as [JsonObject, string[]][])("%j → %j", (query, want) => {
    expect(shown(tools, query, TOOLS, "toolId")).toEqual(want);
  });
});

describe("voices (GET /api/voices): billingStyle, ownership, primaryLanguage, provider, search", () => {
  const voices = list("/api/voices");
  const voice = (seq: number, voiceId: string, values: JsonObject): StoredItem => ({
    seq,
    value: { voiceId, name: voiceId, ownership: "public", billingStyle: "VOICE_BILLING_STYLE_INCLUDED", primaryLanguage: null, provider: null, ...values },
  });
  const VOICES = [
    voice(1, "V1", { primaryLanguage: "en-GB", provider: "cartesia" }),
    voice(2, "V2", { primaryLanguage: "en", provider: "lmnt", ownership: "private" }),
    voice(3, "V3", { primaryLanguage: "fr-FR", provider: "eleven_labs", billingStyle: "VOICE_BILLING_STYLE_EXTERNAL" }),
    voice(4, "V4", { primaryLanguage: "en-US", provider: "cartesia", name: "Warm narrator" }),
    voice(5, "V5", {}),
  ];
  it.each([
    [{}, ["V5", "V4", "V3", "V2", "V1"]],
    [{ primaryLanguage: "en-US" }, ["V4", "V2", "V1"]],
    [{ primaryLanguage: "EN" }, ["V2", "V4", "V1"]],
    [{ primaryLanguage: "de" }, []],
    [{ provider: ["cartesia", "lmnt"] }, ["V4", "V2", "V1"]],
    [{ provider: ["eleven_labs"] }, ["V3"]],
    [{ billingStyle: "VOICE_BILLING_STYLE_EXTERNAL" }, ["V3"]],
    [{ ownership: "private" }, ["V2"]],
    [{ search: "narrator", provider: ["cartesia"] }, ["V4"]],
  ] as [JsonObject, string[]][])("%j → %j", (query, want) => {
    expect(shown(voices, query, VOICES, "voiceId")).toEqual(want);
  });
});

describe("call events (minimum_severity, type) and messages (mode)", () => {
  it.each([
    [{}, ["E4", "E3", "E2"]],
    [{ minimum_severity: "debug" }, ["E4", "E3", "E2", "E1"]],
    [{ minimum_severity: "warning" }, ["E4", "E3"]],
    [{ type: "tool" }, ["E3"]],
    [{ type: "tool", minimum_severity: "error" }, []],
  ] as [JsonObject, string[]][])("events %j → %j (the default minimum is info)", (query, want) => {
    const events = list("/api/calls/{call_id}/events");
    const EVENTS = ["debug", "info", "warning", "error"].map((severity, i) => ({
      seq: i + 1,
      value: { text: `E${i + 1}`, severity, type: i === 2 ? "tool" : "call" },
    }));
    expect(shown(events, query, EVENTS, "text")).toEqual(want);
  });

  it.each([
    [{}, ["M4", "M3"]],
    [{ mode: "last_stage" }, ["M4", "M3"]],
    [{ mode: "in_call" }, ["M4", "M3", "M2", "M1"]],
  ] as [JsonObject, string[]][])("messages %j → %j (last_stage: the stage of the newest message)", (query, want) => {
    const messages = list("/api/calls/{call_id}/messages");
    const MESSAGES = ["S1", "S1", "S2", "S2"].map((stage, i) => ({ seq: i + 1, value: { text: `M${i + 1}`, callStageId: stage } }));
    expect(shown(messages, query, MESSAGES, "text")).toEqual(want);
  });
});

describe("filter values", () => {
  it.each([
    ["30s", 30],
    ["1.5s", 1.5],
    ["90", 90],
    ["1:30", 90],
    ["01:02:03.5", 3723.5],
    ["soon", undefined],
    ["-5s", undefined],
  ] as [string, number | undefined][])("duration %s → %s seconds", (text, want) => {
    expect(parseDuration(text)).toBe(want);
  });
  it.each([
    ["00:00", 0],
    ["08:30:15.5", (8 * 3600 + 30 * 60 + 15.5) * 1000],
    ["10:00:00+02:00", 8 * 3_600_000],
    ["01:00:00+02:00", 23 * 3_600_000],
    ["22:00-0300", 3_600_000],
    ["8am", undefined],
  ] as [string, number | undefined][])("time of day %s → %s ms after midnight UTC", (text, want) => {
    expect(parseTimeOfDay(text)).toBe(want);
  });
  it("a plain-date toDate covers its whole day; a date-time is exact", () => {
    expect(dateBound("2025-01-02", true)).toBe(Date.parse("2025-01-02T23:59:59.999Z"));
    expect(dateBound("2025-01-02", false)).toBe(Date.parse("2025-01-02T00:00:00Z"));
    expect(dateBound("2025-01-02T10:00:00Z", true)).toBe(Date.parse("2025-01-02T10:00:00Z"));
  });
  it("a call's duration: ended − joined, else billedDuration, else none", () => {
    expect(callDuration({ joined: "2025-01-01T00:00:00Z", ended: "2025-01-01T00:01:00Z", billedDuration: "5s" })).toBe(60);
    expect(callDuration({ joined: "2025-01-01T00:00:00Z", ended: null, billedDuration: "5s" })).toBe(5);
    expect(callDuration({ joined: null, ended: null, billedDuration: null })).toBeUndefined();
  });
});

describe("sortedPage: keyset cursors for non-default orders", () => {
  const tools = list("/api/tools");
  const names = ["delta", "alpha", "golf", "charlie", "echo", "bravo", "foxtrot"];
  const items: StoredItem[] = names.map((name, i) => ({ seq: i + 1, value: { toolId: name, name, ownership: "private", created: "2025-01-01T00:00:00Z" } }));
  const alphabetic = viewList(tools, { sortOrder: "alphabetic" }, items).order;
  if (alphabetic === undefined) throw new Error("alphabetic has an order");
  type Page = { results: { name: string }[]; next: string | null; previous: string | null; total?: number };
  const page = (from: readonly StoredItem[], cursor: string | undefined, total = true): Page =>
    JSON.parse(sortedPage(from, alphabetic, { cursor, pageSize: 3, url: new URL("https://api.ultravox.ai/api/tools?sortOrder=alphabetic&pageSize=3"), total })) as Page;
  const cursorOf = (link: string | null): string => new URL(link ?? "").searchParams.get("cursor") ?? "";

  it("next walks the sorted list exactly once; previous walks back; links keep the other parameters", () => {
    const first = page(items, undefined);
    const second = page(items, cursorOf(first.next));
    const third = page(items, cursorOf(second.next));
    expect([first, second, third].map((p) => p.results.map((r) => r.name))).toEqual([
      ["alpha", "bravo", "charlie"],
      ["delta", "echo", "foxtrot"],
      ["golf"],
    ]);
    expect([first.previous, third.next]).toEqual([null, null]);
    expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
    expect(new URL(second.next ?? "").searchParams.get("sortOrder")).toBe("alphabetic");
    expect(page(items, cursorOf(third.previous))).toEqual(second);
    expect(page(items, cursorOf(second.previous))).toEqual(first);
  });

  it("a cursor stays valid when items are added (or its own item is removed): it continues after its key", () => {
    const first = page(items, undefined);
    const grown = [...items, ...["aardvark", "cobra", "zulu"].map((name, i) => ({ seq: 100 + i, value: { toolId: name, name, ownership: "private", created: "2025-01-01T00:00:00Z" } }))];
    const shrunk = grown.filter((item) => item.value["name"] !== "charlie");
    expect(page(shrunk, cursorOf(first.next)).results.map((r) => r.name)).toEqual(["cobra", "delta", "echo"]);
  });

  it("omits total when the envelope does not declare it", () => {
    expect(Object.keys(page(items, undefined, false))).toEqual(["results", "next", "previous"]);
  });

  it("refuses a cursor from another order, a default-order cursor, and garbage, with DRF's 404", () => {
    const reverse = viewList(tools, { sortOrder: "reverseAlphabetic" }, items).order ?? NEWEST_FIRST;
    const other = JSON.parse(sortedPage(items, reverse, { cursor: undefined, pageSize: 3, url: URL_BASE, total: true })) as Page;
    for (const cursor of [cursorOf(other.next), "bjU", "!!!", btoa('{"o":"sortOrder=alphabetic","d":"n","k":[{}],"s":1}')]) {
      expect(failure(() => page(items, cursor))).toEqual({ status: 404, body: { detail: "Invalid cursor" } });
    }
  });
});

describe("usage aggregates (callUsage, agentsUsage) over the calls the filters keep", () => {
  it("GET /api/accounts/me/usage/calls: totals, per day and per hour, oldest first", () => {
    const usage = list("/api/accounts/me/usage/calls");
    const kept = viewList(usage, { agentIds: [AG1, AG2] }, CALLS).items.map((item) => item.value);
    expect(callUsage(kept)).toEqual({
      allTime: { totalCount: 3, errorCount: 0, duration: "125s", joinedCount: 1, billedMinutes: 1.583 },
      daily: [
        { date: "2025-01-01", totalCount: 1, errorCount: 0, duration: "30s", joinedCount: 1, billedMinutes: 0 },
        { date: "2025-01-02", totalCount: 1, errorCount: 0, duration: "95s", joinedCount: 0, billedMinutes: 1.583 },
        { date: "2025-01-03", totalCount: 1, errorCount: 0, duration: "0s", joinedCount: 0, billedMinutes: 0 },
      ],
      hourly: [
        { date: "2025-01-01", hour: 8, totalCount: 1, errorCount: 0, duration: "30s", joinedCount: 1, billedMinutes: 0 },
        { date: "2025-01-02", hour: 23, totalCount: 1, errorCount: 0, duration: "95s", joinedCount: 0, billedMinutes: 1.583 },
        { date: "2025-01-03", hour: 2, totalCount: 1, errorCount: 0, duration: "0s", joinedCount: 0, billedMinutes: 0 },
      ],
    });
  });

  it("GET /api/agents/usage: per agent with matching calls, per day", () => {
    const agents = [
      { agentId: AG1, name: "one" },
      { agentId: AG2, name: "two" },
      { agentId: "33333333-3333-4333-8333-333333333333", name: "idle" },
    ];
    const kept = viewList(list("/api/agents/usage"), { metadata: { team: "red" } }, CALLS).items.map((item) => item.value);
    expect(agentsUsage(kept, agents)).toEqual([
      {
        agent: { agentId: AG1, name: "one" },
        usage: [
          { date: "2025-01-01", billedMinutes: 0, calls: 1 },
          { date: "2025-01-03", billedMinutes: 0, calls: 1 },
        ],
      },
    ]);
  });
});

describe("list envelopes, from each operation's response schema", () => {
  it("only the invoices envelope lacks total among the 23 paginated lists", () => {
    const paginated = compiled.operations.filter((op) => op.paginated);
    expect(paginated).toHaveLength(23);
    expect(paginated.filter((op) => !op.envelopeTotal).map((op) => op.operationId)).toEqual(["accounts_me_billing_invoices_retrieve"]);
  });
});
