import { describe, expect, it } from "vitest";
import { handleAdmin, isAdminPath, type AdminContext } from "../src/pipeline/admin-routes.js";
import { FaultInjector } from "../src/pipeline/fault-injector.js";
import { RequestJournal } from "../src/pipeline/request-journal.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";
import { fromWebRequest } from "../src/adapters/web-request.js";

const KEY = "Zk9Ht7Lm.wX7pN9fM3kLj6tRq2bGhA8yE5cZvD4sT";
const T0 = Date.parse("2025-01-01T00:00:00Z");

function context(): AdminContext {
  return {
    clock: new VirtualClock({ mode: "virtual", start: T0 }),
    faults: new FaultInjector(),
    journal: new RequestJournal(),
    isAcceptedKey: (key) => key === KEY,
  };
}

async function call(ctx: AdminContext, method: string, path: string, body?: unknown, key: string | null = KEY) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers["x-api-key"] = key;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const answer = await handleAdmin(fromWebRequest(new Request(`http://127.0.0.1:1${path}`, init)), ctx);
  const text = typeof answer.body === "string" ? answer.body : "";
  return { status: answer.status, headers: answer.headers, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("admin routes", () => {
  const paths: { path: string; want: boolean }[] = [
    { path: "/__mock", want: true },
    { path: "/__mock/clock", want: true },
    { path: "/__mockery", want: false },
    { path: "/api/calls", want: false },
  ];
  it.each(paths)("isAdminPath($path) = $want", ({ path, want }) => {
    expect(isAdminPath(path)).toBe(want);
  });

  it("need an accepted API key, and never echo it", async () => {
    const ctx = context();
    expect(await call(ctx, "GET", "/__mock/clock", undefined, null)).toMatchObject({
      status: 401,
      json: { detail: "Authentication credentials were not provided." },
    });
    const wrong = await call(ctx, "GET", "/__mock/clock", undefined, "nope.secret");
    expect(wrong).toMatchObject({ status: 401, json: { detail: "Invalid API key." } });
    expect(JSON.stringify(wrong)).not.toContain("nope.secret");
  });

  it("read, advance and set the clock", async () => {
    const ctx = context();
    expect(await call(ctx, "GET", "/__mock/clock")).toMatchObject({ status: 200, json: { mode: "virtual", now: "2025-01-01T00:00:00.000Z" } });
    expect(await call(ctx, "POST", "/__mock/clock/advance", { ms: 3_600_000 })).toMatchObject({
      status: 200,
      json: { now: "2025-01-01T01:00:00.000Z" },
    });
    expect(await call(ctx, "POST", "/__mock/clock/advance?ms=1000")).toMatchObject({ json: { now: "2025-01-01T01:00:01.000Z" } });
    expect(await call(ctx, "POST", "/__mock/clock/set", { now: "2026-06-01T12:00:00Z" })).toMatchObject({
      json: { now: "2026-06-01T12:00:00.000Z" },
    });
    expect(ctx.clock.now()).toBe(Date.parse("2026-06-01T12:00:00Z"));
  });

  it("waits for time-driven work before answering an advance", async () => {
    const ctx = context();
    let done = false;
    ctx.clock.onChange(() => new Promise<void>((resolve) => setTimeout(() => { done = true; resolve(); }, 5)));
    await call(ctx, "POST", "/__mock/clock/advance", { ms: 1 });
    expect(done).toBe(true);
  });

  const badClock: { path: string; body: unknown; want: unknown }[] = [
    { path: "/__mock/clock/advance", body: { ms: -5 }, want: { ms: ["A number of milliseconds >= 0 is required."] } },
    { path: "/__mock/clock/advance", body: {}, want: { ms: ["A number of milliseconds >= 0 is required."] } },
    { path: "/__mock/clock/advance", body: "{oops", want: { detail: expect.stringMatching(/^JSON parse error - /) as unknown } },
    { path: "/__mock/clock/advance", body: [1], want: { detail: "A JSON object is required." } },
    { path: "/__mock/clock/set", body: { now: "soon" }, want: { now: ["An ISO 8601 date-time (or epoch milliseconds) is required."] } },
  ];
  it.each(badClock)("400 for $path with $body", async ({ path, body, want }) => {
    const ctx = context();
    expect(await call(ctx, "POST", path, body)).toEqual({ status: 400, headers: { "content-type": "application/json" }, json: want });
    expect(ctx.clock.now()).toBe(T0);
  });

  it("set, add, list and clear faults", async () => {
    const ctx = context();
    expect(await call(ctx, "PUT", "/__mock/faults", [{ kind: "status", route: "GET /api/calls", status: 503, times: 2 }])).toMatchObject({
      status: 200,
      json: [{ id: 1, kind: "status", status: 503, remaining: 2 }],
    });
    expect(await call(ctx, "POST", "/__mock/faults", { kind: "latency", ms: 5 })).toMatchObject({ status: 201, json: [{ id: 2, kind: "latency" }] });
    expect(ctx.faults.decide("GET", "/api/calls")).toMatchObject({ delayMs: 5, outcome: { kind: "status", status: 503 } });
    expect(await call(ctx, "GET", "/__mock/faults")).toMatchObject({ json: [{ id: 1, remaining: 1 }, { id: 2 }] });
    expect((await call(ctx, "DELETE", "/__mock/faults/1")).status).toBe(204);
    expect((await call(ctx, "DELETE", "/__mock/faults/1")).status).toBe(404);
    expect(ctx.faults.list().map((r) => r.id)).toEqual([2]);
    expect((await call(ctx, "DELETE", "/__mock/faults")).status).toBe(204);
    expect(ctx.faults.empty).toBe(true);
  });

  it("rejects bad fault rules with DRF errors and keeps the old ones", async () => {
    const ctx = context();
    ctx.faults.add({ kind: "reset" });
    expect(await call(ctx, "PUT", "/__mock/faults", [{ kind: "status", status: 200 }])).toMatchObject({
      status: 400,
      json: { "0.status": ["status must be an HTTP error status from 400 to 599."] },
    });
    expect(await call(ctx, "POST", "/__mock/faults", "not json")).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^JSON parse error/) as unknown } });
    expect(ctx.faults.list().map((r) => r.kind)).toEqual(["reset"]);
  });

  it("list the journal with filters, and clear it", async () => {
    const ctx = context();
    const at = Date.parse("2025-01-01T00:00:00.000Z");
    ctx.journal.record({ timeMs: at, method: "GET", path: "/api/calls", search: "", status: 503, durationMs: 1, tenant: "t1" });
    ctx.journal.record({ timeMs: at, method: "GET", path: "/api/calls", search: "", status: 200, durationMs: 1, tenant: "t1" });
    ctx.journal.record({ timeMs: at, method: "POST", path: "/api/agents", search: "", status: 201, durationMs: 1, tenant: "t1" });
    const listed = await call(ctx, "GET", "/__mock/journal?path=/api/calls&status=503,200");
    expect(listed).toMatchObject({ status: 200, json: { size: 3, dropped: 0, entries: [{ seq: 1, status: 503 }, { seq: 2, status: 200 }] } });
    expect(await call(ctx, "GET", "/__mock/journal?colour=1")).toMatchObject({ status: 400, json: { colour: [expect.any(String) as unknown] } });
    expect((await call(ctx, "DELETE", "/__mock/journal")).status).toBe(204);
    expect(ctx.journal.size).toBe(0);
  });

  const misses: { method: string; path: string; status: number; allow?: string }[] = [
    { method: "GET", path: "/__mock/nothing", status: 404 },
    { method: "GET", path: "/__mock", status: 404 },
    { method: "DELETE", path: "/__mock/clock", status: 405, allow: "GET" },
    { method: "GET", path: "/__mock/faults/3", status: 405, allow: "DELETE" },
    { method: "PATCH", path: "/__mock/journal", status: 405, allow: "GET, DELETE" },
    { method: "GET", path: "/__mock/__proto__", status: 404 },
    { method: "constructor", path: "/__mock/clock", status: 405, allow: "GET" },
  ];
  it.each(misses)("$method $path → $status", async ({ method, path, status, allow }) => {
    const answer = await call(context(), method, path);
    expect(answer.status).toBe(status);
    if (allow !== undefined) expect(answer.headers["allow"]).toBe(allow);
  });
});
