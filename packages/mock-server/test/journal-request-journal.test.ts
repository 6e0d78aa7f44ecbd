import { describe, expect, it } from "vitest";
import type { JournalFilter } from "../src/journal-entry.js";
import { journalFilterFromQuery, RequestJournal, type JournalRecord } from "../src/pipeline/request-journal.js";

function entry(method: string, path: string, status: number, tenant: string | null = "t1"): JournalRecord {
  return { timeMs: Date.parse("2025-01-01T00:00:00.000Z"), method, path, search: "", status, durationMs: 1, tenant };
}

function filled(): RequestJournal {
  const journal = new RequestJournal();
  journal.record(entry("GET", "/api/calls", 200));
  journal.record(entry("POST", "/api/agents", 201));
  journal.record(entry("GET", "/api/agents/a1/scheduled_batches", 200, "t2"));
  journal.record(entry("GET", "/api/calls", 503));
  journal.record(entry("GET", "/api/calls", 401, null));
  return journal;
}

describe("RequestJournal", () => {
  it("keeps entries in arrival order with increasing seq", () => {
    const journal = filled();
    expect(journal.list().map((e) => [e.seq, e.method, e.path, e.status])).toEqual([
      [1, "GET", "/api/calls", 200],
      [2, "POST", "/api/agents", 201],
      [3, "GET", "/api/agents/a1/scheduled_batches", 200],
      [4, "GET", "/api/calls", 503],
      [5, "GET", "/api/calls", 401],
    ]);
    expect(journal.size).toBe(5);
  });

  const filters: { filter: JournalFilter; want: number[] }[] = [
    { filter: {}, want: [1, 2, 3, 4, 5] },
    { filter: { method: "get" }, want: [1, 3, 4, 5] },
    { filter: { method: "POST" }, want: [2] },
    { filter: { path: "/api/calls" }, want: [1, 4, 5] },
    { filter: { path: "/api/agents" }, want: [2] },
    { filter: { pathPrefix: "/api/agents" }, want: [2, 3] },
    { filter: { status: 503 }, want: [4] },
    { filter: { status: [200, 201] }, want: [1, 2, 3] },
    { filter: { tenant: "t2" }, want: [3] },
    { filter: { tenant: null }, want: [5] },
    { filter: { method: "GET", path: "/api/calls", status: [503, 401] }, want: [4, 5] },
    { filter: { method: "DELETE" }, want: [] },
  ];
  it.each(filters)("list($filter) → seq $want", ({ filter, want }) => {
    expect(filled().list(filter).map((e) => e.seq)).toEqual(want);
  });

  it("is a ring: past capacity the oldest go first, and it counts them", () => {
    const journal = new RequestJournal(3);
    for (let i = 0; i < 7; i++) journal.record(entry("GET", `/p/${i}`, 200));
    expect(journal.list().map((e) => e.path)).toEqual(["/p/4", "/p/5", "/p/6"]);
    expect(journal.size).toBe(3);
    expect(journal.dropped).toBe(4);
  });

  it("clear() empties it; seq keeps counting so entries stay distinguishable", () => {
    const journal = filled();
    journal.clear();
    expect(journal.list()).toEqual([]);
    expect(journal.size).toBe(0);
    expect(journal.record(entry("GET", "/x", 200))).toBe(6);
    expect(journal.list().map((e) => e.path)).toEqual(["/x"]);
  });

  it("defaults to 10 000 entries and refuses a bad capacity", () => {
    const journal = new RequestJournal();
    for (let i = 0; i < 10_005; i++) journal.record(entry("GET", "/", 200));
    expect(journal.size).toBe(10_000);
    expect(journal.list()[0]?.seq).toBe(6);
    expect(() => new RequestJournal(0)).toThrow(/integer >= 1/);
    expect(() => new RequestJournal(1.5)).toThrow(/integer >= 1/);
  });
});

describe("journalFilterFromQuery", () => {
  const cases: { query: string; want: unknown }[] = [
    { query: "", want: { filter: {} } },
    { query: "method=GET&pathPrefix=/api/agents", want: { filter: { method: "GET", pathPrefix: "/api/agents" } } },
    { query: "status=429,503&status=500", want: { filter: { status: [429, 503, 500] } } },
    { query: "path=/api/calls&tenant=t1", want: { filter: { path: "/api/calls", tenant: "t1" } } },
    { query: "status=abc", want: { errors: { status: ["A valid integer (or comma-separated integers) is required."] } } },
    { query: "colour=red", want: { errors: { colour: ["Unknown filter: use method, path, pathPrefix, status or tenant."] } } },
  ];
  it.each(cases)("?$query", ({ query, want }) => {
    expect(journalFilterFromQuery(new URLSearchParams(query))).toEqual(want);
  });
});
