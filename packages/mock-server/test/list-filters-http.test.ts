import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { checkResponse } from "./helpers/spec-validator.js";

type Json = Record<string, unknown>;
interface Page {
  readonly results: Json[];
  readonly next: string | null;
  readonly previous: string | null;
  readonly total?: number;
}

const START = Date.parse("2025-03-01T06:00:00Z");
const HOURS_5 = 5 * 3_600_000;

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real server on 127.0.0.1 with agents A1 and A2 and 12 calls, one every 5 hours from 06:00 on 1 March. */
async function world() {
  const mock = await startMockServer({ seed: 21, clock: { mode: "virtual", start: START } });
  server = mock;
  const send = async (method: string, path: string, operationId: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const headers: Record<string, string> = { "x-api-key": mock.apiKey };
    if (body !== undefined) headers["content-type"] = "application/json";
    const url = path.startsWith("http") ? path : `${mock.url}${path}`;
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    // Every answer, filtered or refused, still matches the spec's schema for its status.
    expect(checkResponse(operationId, response.status, response.headers.get("content-type"), text)).toEqual([]);
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
  };
  const agent = async (name: string): Promise<string> =>
    String(((await send("POST", "/api/agents", "agents_create", { name })).json as Json)["agentId"]);
  const [a1, a2] = [await agent("A1"), await agent("A2")];
  const callIds: string[] = [];
  const addCall = async (i: number, agentId: string): Promise<void> => {
    const metadata = { n: String(i), team: i % 3 === 0 ? "red" : "blue" };
    const created = await send("POST", `/api/agents/${agentId}/calls`, "agents_calls_create", { metadata });
    expect(created.status).toBe(201);
    callIds[i] = String((created.json as Json)["callId"]);
  };
  for (let i = 0; i < 12; i++) {
    await addCall(i, i % 2 === 0 ? a1 : a2);
    await mock.clock.advance(HOURS_5);
  }
  /** Follows `next` from `path` to the end: the `n` metadata of every item, each page's total, the pages. */
  const walk = async (path: string, operationId = "calls_list") => {
    const pages: Page[] = [];
    let url: string | null = path;
    while (url !== null) {
      const answer = await send("GET", url, operationId);
      expect(answer.status).toBe(200);
      const page = answer.json as Page;
      pages.push(page);
      url = page.next;
      if (pages.length > 20) throw new Error("next never ends");
    }
    return { pages, ns: pages.flatMap((page) => page.results.map(n)), totals: pages.map((page) => page.total) };
  };
  return { mock, send, walk, a1, a2, callIds, addCall };
}

const n = (call: Json): string => String((call["metadata"] as Json | undefined)?.["n"]);

describe("filtered, sorted lists over HTTP: pages walk the filtered list once, total is the filtered count", () => {
  it("agentIds + sort=-created, 4 a page: previous walks back to the same pages", async () => {
    const { walk, send, a1 } = await world();
    const { pages, ns, totals } = await walk(`/api/calls?agentIds=${a1}&sort=-created&pageSize=4`);
    expect(ns).toEqual(["10", "8", "6", "4", "2", "0"]);
    expect(totals).toEqual([6, 6]);
    expect(new URL(pages[0]?.next ?? "").searchParams.get("sort")).toBe("-created");
    expect((await send("GET", pages[1]?.previous ?? "", "calls_list")).json).toEqual(pages[0]);
    const ascending = await walk(`/api/calls?agentIds=${a1}&sort=created&pageSize=4`);
    expect(ascending.ns).toEqual(["0", "2", "4", "6", "8", "10"]);
  });

  it("a sorted cursor stays valid when calls are added: the new one shows up where it sorts", async () => {
    const { send, walk, a1, addCall } = await world();
    const first = (await send("GET", `/api/calls?agentIds=${a1}&sort=created&pageSize=4`, "calls_list")).json as Page;
    expect(first.results.map(n)).toEqual(["0", "2", "4", "6"]);
    await addCall(12, a1);
    const rest = await walk(first.next ?? "");
    expect(rest.ns).toEqual(["8", "10", "12"]);
    expect(rest.totals).toEqual([7]);
  });

  it("dates, times of day, metadata and repeated agentIds", async () => {
    const { walk, a1, a2 } = await world();
    const cases: [string, string[]][] = [
      // 1 March 06:00 + 5 h steps: 2 March holds calls 4 (02:00) to 8 (22:00).
      ["fromDate=2025-03-02&toDate=2025-03-02", ["8", "7", "6", "5", "4"]],
      ["fromDate=2025-03-02T07:00:00Z&toDate=2025-03-02T17:00:00%2B00:00", ["7", "6", "5"]],
      ["timeOfDayStart=21:00&timeOfDayEnd=03:00:00", ["9", "8", "4", "3"]],
      ["metadata.team=red", ["9", "6", "3", "0"]],
      ["metadata.team=red&agentIds=" + a1, ["6", "0"]],
      // Only the documented form: openapi-fetch's deepObject brackets are an unknown parameter, ignored as Django does.
      ["metadata%5Bteam%5D=red&agentIds=" + a1, ["10", "8", "6", "4", "2", "0"]],
      [`agentIds=${a1}&agentIds=${a2}&timeOfDayStart=12:00`, ["11", "8", "7", "6", "3", "2"]],
    ];
    for (const [query, want] of cases) {
      const { ns, totals, pages } = await walk(`/api/calls?${query}&pageSize=3`);
      expect(ns, query).toEqual(want);
      expect(totals, query).toEqual(pages.map(() => want.length));
    }
  });

  it("agents sort by name over pages; tools are the account's own (private) and sortOrder pages alphabetically", async () => {
    const { send, walk } = await world();
    for (const name of ["mike", "Bravo", "zulu"]) await send("POST", "/api/agents", "agents_create", { name });
    const names = async (path: string, operationId: string) => {
      const { pages, totals } = await walk(path, operationId);
      return { names: pages.flatMap((page) => page.results.map((item) => String(item["name"]))), totals };
    };
    expect(await names("/api/agents?sort=name&pageSize=2", "agents_list")).toEqual({ names: ["A1", "A2", "Bravo", "mike", "zulu"], totals: [5, 5, 5] });
    expect((await names("/api/agents?sort=-created,name&pageSize=4", "agents_list")).names).toEqual(["Bravo", "mike", "zulu", "A1", "A2"]);

    const tool = { definition: { description: "d" } };
    for (const name of ["Zeta", "alpha", "Mike"]) {
      const created = await send("POST", "/api/tools", "tools_create", { ...tool, name });
      expect((created.json as Json)["ownership"]).toBe("private");
    }
    expect(await names("/api/tools?sortOrder=alphabetic&pageSize=2", "tools_list")).toEqual({ names: ["alpha", "Mike", "Zeta"], totals: [3, 3] });
    expect(await names("/api/tools?ownership=private&sortOrder=reverseChronologic&pageSize=2", "tools_list")).toEqual({
      names: ["Mike", "alpha", "Zeta"],
      totals: [3, 3],
    });
    expect(await names("/api/tools?ownership=public", "tools_list")).toEqual({ names: [], totals: [0] });
  });

  it("voices: primaryLanguage keeps the language, the exact tag first", async () => {
    const { send, walk } = await world();
    for (const [name, primaryLanguage] of [["gb", "en-GB"], ["us", "en-US"], ["fr", "fr-FR"], ["en", "en"]]) {
      await send("POST", "/api/voices", "voices_create", { name, primaryLanguage, definition: {} });
    }
    const { pages, totals } = await walk("/api/voices?primaryLanguage=en-GB&pageSize=2", "voices_list");
    expect(pages.flatMap((page) => page.results.map((voice) => voice["name"]))).toEqual(["gb", "en", "us"]);
    expect(totals).toEqual([3, 3]);
  });

  it("a deleted call is found in /api/deleted_calls by its agent and metadata", async () => {
    const { send, a1, callIds } = await world();
    expect((await send("DELETE", `/api/calls/${callIds[0] ?? ""}`, "calls_destroy")).status).toBe(204);
    const byAgent = (await send("GET", `/api/deleted_calls?agentIds=${a1}`, "deleted_calls_list")).json as Page;
    expect(byAgent.results.map((item) => item["callId"])).toEqual([callIds[0]]);
    expect(byAgent.total).toBe(1);
    const byTeam = (await send("GET", "/api/deleted_calls?metadata.team=red&toDate=2025-03-01", "deleted_calls_list")).json as Page;
    expect(byTeam.results.map((item) => item["callId"])).toEqual([callIds[0]]);
  });
});

describe("usage endpoints aggregate the calls their filters keep", () => {
  it("GET /api/accounts/me/usage/calls and /api/agents/usage", async () => {
    const { send, a1, a2 } = await world();
    const all = (await send("GET", "/api/accounts/me/usage/calls", "accounts_me_usage_calls_retrieve")).json as Json;
    expect(all["allTime"]).toMatchObject({ totalCount: 12, joinedCount: 0 });
    expect((all["daily"] as Json[]).map((day) => [day["date"], day["totalCount"]])).toEqual([
      ["2025-03-01", 4],
      ["2025-03-02", 5],
      ["2025-03-03", 3],
    ]);
    expect((all["hourly"] as Json[]).map((hour) => hour["hour"])).toEqual([6, 11, 16, 21, 2, 7, 12, 17, 22, 3, 8, 13]);
    const red = (await send("GET", `/api/accounts/me/usage/calls?agentIds=${a1}&metadata.team=red`, "accounts_me_usage_calls_retrieve")).json as Json;
    expect(red["allTime"]).toMatchObject({ totalCount: 2 });
    const agents = (await send("GET", `/api/agents/usage?fromDate=2025-03-03`, "agents_usage_list")).json as Json[];
    expect(agents.map((entry) => [(entry["agent"] as Json)["agentId"], entry["usage"]])).toEqual([
      [a1, [{ date: "2025-03-03", billedMinutes: 0, calls: 1 }]],
      [a2, [{ date: "2025-03-03", billedMinutes: 0, calls: 2 }]],
    ]);
  });
});

describe("invalid filter values: 400 with a DRF body naming the field", () => {
  it.each([
    ["/api/calls?sort=bogus", "calls_list", "sort"],
    ["/api/calls?sort=-created,name", "calls_list", "sort"],
    ["/api/calls?durationMin=abc", "calls_list", "durationMin"],
    ["/api/calls?durationMax=5%20minutes", "calls_list", "durationMax"],
    ["/api/calls?fromDate=yesterday", "calls_list", "fromDate"],
    ["/api/calls?toDate=2025-13-01", "calls_list", "toDate"],
    ["/api/calls?agentIds=not-a-uuid", "calls_list", "agentIds"],
    // The spec's style for arrays is form/explode: repeat the parameter, a comma list is one bad uuid.
    ["/api/calls?agentIds=11111111-1111-4111-8111-111111111111,22222222-2222-4222-8222-222222222222", "calls_list", "agentIds"],
    ["/api/calls?voiceId=x", "calls_list", "voiceId"],
    ["/api/calls?timeOfDayStart=25:00", "calls_list", "timeOfDayStart"],
    ["/api/calls?metadata=red", "calls_list", "metadata"],
    ["/api/agents?sort=statistics", "agents_list", "sort"],
    ["/api/tools?sortOrder=newest", "tools_list", "sortOrder"],
    ["/api/tools?ownership=mine", "tools_list", "ownership"],
    ["/api/voices?provider=acme", "voices_list", "provider"],
    ["/api/voices?billingStyle=FREE", "voices_list", "billingStyle"],
  ])("%s (%s) → 400 naming %s", async (path, operationId, name) => {
    const { send } = await world();
    const answer = await send("GET", path, operationId);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json as Json)).toEqual([name]);
  });

  it("events and messages enums", async () => {
    const { send, callIds } = await world();
    const id = callIds[3] ?? "";
    const events = await send("GET", `/api/calls/${id}/events?minimum_severity=loud`, "calls_events_list");
    expect([events.status, Object.keys(events.json as Json)]).toEqual([400, ["minimum_severity"]]);
    const messages = await send("GET", `/api/calls/${id}/messages?mode=everything`, "calls_messages_list");
    expect([messages.status, Object.keys(messages.json as Json)]).toEqual([400, ["mode"]]);
  });
});

describe("list envelopes follow each operation's schema", () => {
  it("invoices (whose envelope has no total) page without total; calls keep it", async () => {
    const { walk, send } = await world();
    const invoices = await walk("/api/accounts/me/billing/invoices?pageSize=1", "accounts_me_billing_invoices_retrieve");
    expect(invoices.pages).toHaveLength(3);
    expect(invoices.pages.every((page) => !("total" in page) && page.results.length === 1)).toBe(true);
    expect(new Set(invoices.pages.map((page) => page.results[0]?.["invoiceNumber"])).size).toBe(3);
    const back = await send("GET", invoices.pages[2]?.previous ?? "", "accounts_me_billing_invoices_retrieve");
    expect(back.json).toEqual(invoices.pages[1]);
    const calls = (await send("GET", "/api/calls?pageSize=1", "calls_list")).json as Page;
    expect(calls.total).toBe(12);
  });
});
