import { describe, expect, it } from "vitest";
import { BatchLifecycle } from "../src/behaviours/ultravox/batch-lifecycle.js";
import { ConnectionReset } from "../src/pipeline/connection-reset.js";
import type { CoreRequest, CoreResponse } from "../src/pipeline/core-exchange.js";
import { FaultInjector } from "../src/pipeline/fault-injector.js";
import { composePipeline } from "../src/pipeline/pipeline.js";
import { createStages } from "../src/pipeline/stages.js";
import { RequestJournal } from "../src/pipeline/request-journal.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";
import { fromWebRequest } from "../src/adapters/web-request.js";
import { MemoryBatchStore } from "./support/lifecycle-memory-store.js";

const KEYS = ["aaaaaaaa.key-one", "bbbbbbbb.key-two"];
const T0 = Date.parse("2025-01-01T00:00:00Z");

/** The pipeline's stages in front of a stand-in API that answers 200 (after `slowMs` for paths containing "slow"). */
function setup(slowMs = 0) {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const store = new MemoryBatchStore();
  const lifecycle = new BatchLifecycle(store);
  const runtime = {
    clock,
    faults: new FaultInjector(),
    journal: new RequestJournal(),
    lifecycle,
    apiKeys: KEYS,
    cors: true,
    advanceTo: (now: number) => lifecycle.advanceTo(now),
  };
  const seen: string[] = [];
  const inner = async (request: CoreRequest): Promise<CoreResponse> => {
    seen.push(`${request.method} ${request.url.pathname}`);
    if (request.url.pathname.includes("slow")) await new Promise((resolve) => setTimeout(resolve, slowMs));
    return { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
  };
  const dispatch = composePipeline(createStages(runtime), inner);
  const send = (method: string, path: string, key: string | null = KEYS[0] ?? null) =>
    dispatch(fromWebRequest(new Request(`http://127.0.0.1:1${path}`, { method, headers: key === null ? {} : { "x-api-key": key } })));
  return { runtime, store, seen, send, clock };
}

describe("instrumented dispatch", () => {
  it("journals every request with its tenant id (never the key), query and status", async () => {
    const { runtime, send, clock } = setup();
    await send("GET", "/api/calls?pageSize=10&cursor=abc");
    await clock.advance(1000);
    await send("POST", "/api/agents", KEYS[1]);
    await send("GET", "/api/calls", null);
    const entries = runtime.journal.list();
    expect(entries.map(({ seq, time, method, path, query, status, tenant }) => ({ seq, time, method, path, query, status, tenant }))).toEqual([
      { seq: 1, time: "2025-01-01T00:00:00.000Z", method: "GET", path: "/api/calls", query: { pageSize: "10", cursor: "abc" }, status: 200, tenant: "tenant-1" },
      { seq: 2, time: "2025-01-01T00:00:01.000Z", method: "POST", path: "/api/agents", query: {}, status: 200, tenant: "tenant-2" },
      { seq: 3, time: "2025-01-01T00:00:01.000Z", method: "GET", path: "/api/calls", query: {}, status: 200, tenant: null },
    ]);
    // Wall time to the microsecond: a fast stand-in answers well under a second.
    expect(entries.every((e) => e.durationMs >= 0 && e.durationMs < 1000 && Number.isInteger(Math.round(e.durationMs * 1e6) / 1e3))).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/key-one|key-two/);
  });

  it("journals the wall time the API took to answer, in ms", async () => {
    const { runtime, send } = setup(40);
    await send("GET", "/api/calls");
    await send("GET", "/api/slow");
    const [fast, slow] = runtime.journal.list().map((e) => e.durationMs);
    expect(slow).toBeGreaterThanOrEqual(39);
    expect(slow).toBeLessThan(5_000);
    expect(fast).toBeLessThan(slow ?? 0);
  });

  it("answers injected statuses without reaching the core, and journals them", async () => {
    const { runtime, send, seen } = setup();
    runtime.faults.add({ kind: "status", route: "GET /api/calls", status: 503, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await send("GET", "/api/calls")).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(seen).toEqual(["GET /api/calls"]);
    expect(runtime.journal.list().map((e) => [e.status, e.fault])).toEqual([
      [503, "status"],
      [503, "status"],
      [200, undefined],
    ]);
    const answer = await (async () => {
      runtime.faults.add({ kind: "status", status: 429, retryAfterSeconds: 3, times: 1 });
      return send("GET", "/api/agents");
    })();
    expect(answer.headers).toEqual({ "content-type": "application/json", "retry-after": "3" });
  });

  it("throws ConnectionReset for a reset fault, journaled as status 0", async () => {
    const { runtime, send } = setup();
    runtime.faults.add({ kind: "reset", times: 1 });
    await expect(send("DELETE", "/api/agents/x")).rejects.toBeInstanceOf(ConnectionReset);
    expect(runtime.journal.list()[0]).toMatchObject({ status: 0, fault: "reset", method: "DELETE" });
    expect((await send("DELETE", "/api/agents/x")).status).toBe(200);
  });

  it("waits injected latency (wall time) before answering", async () => {
    const { runtime, send } = setup();
    runtime.faults.add({ kind: "latency", ms: 30 });
    const before = performance.now();
    await send("GET", "/api/calls");
    expect(performance.now() - before).toBeGreaterThanOrEqual(29);
    expect(runtime.journal.list()[0]?.durationMs).toBeGreaterThanOrEqual(29);
  });

  it("leaves admin routes to the admin handler: not journaled, not faulted", async () => {
    const { runtime, send, seen } = setup();
    runtime.faults.add({ kind: "status", status: 500 });
    const answer = await send("GET", "/__mock/clock");
    expect(answer.status).toBe(200);
    expect(JSON.parse(String(answer.body))).toEqual({ mode: "virtual", now: "2025-01-01T00:00:00.000Z" });
    expect((await send("GET", "/__mock/clock", "wrong.key")).status).toBe(401);
    expect(runtime.journal.size).toBe(0);
    expect(seen).toEqual([]);
  });

  it("moves scheduled batches along before each request", async () => {
    const { runtime, store, send, clock } = setup();
    store.add("b", { created: new Date(T0).toISOString(), windowStart: new Date(T0 + 60_000).toISOString() }, [{ medium: { sip: { outgoing: {} } } }]);
    runtime.lifecycle.track("b");
    await send("GET", "/api/calls");
    expect(store.statuses("b")).toEqual(["FUTURE"]);
    // Move the clock without its listeners (as real time does): the next request catches up.
    await clock.set(T0 + 61_000);
    await send("GET", "/api/calls");
    expect(store.statuses("b")).toEqual(["SUCCESS"]);
  });
});
