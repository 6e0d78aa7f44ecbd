import { describe, expect, it } from "vitest";
import type { FaultRule } from "../src/fault-rule.js";
import { connectionResetError, delay, FaultInjector, parseFaultRules } from "../src/pipeline/fault-injector.js";

describe("FaultInjector: status faults", () => {
  it("answers 503 N times for a route, then lets requests through", () => {
    const faults = new FaultInjector([{ kind: "status", route: "GET /api/calls", status: 503, times: 2 }]);
    const outcomes = Array.from({ length: 4 }, () => faults.decide("GET", "/api/calls").outcome);
    expect(outcomes.map((o) => o.kind)).toEqual(["status", "status", "pass", "pass"]);
    expect(outcomes[0]).toEqual({
      kind: "status",
      status: 503,
      body: { detail: "Service temporarily unavailable, try again later (injected fault)." },
      headers: { "Retry-After": "1" },
    });
    expect(faults.list()[0]?.remaining).toBe(0);
  });

  const routes: { route: string; method: string; path: string; hit: boolean }[] = [
    { route: "GET /api/calls", method: "GET", path: "/api/calls", hit: true },
    { route: "GET /api/calls", method: "get", path: "/api/calls/", hit: true },
    { route: "GET /api/calls", method: "POST", path: "/api/calls", hit: false },
    { route: "/api/calls", method: "DELETE", path: "/api/calls", hit: true },
    { route: "/api/calls", method: "GET", path: "/api/calls/abc", hit: false },
    { route: "/api/agents/*/scheduled_batches", method: "POST", path: "/api/agents/a1/scheduled_batches", hit: true },
    { route: "/api/agents/{agent_id}/scheduled_batches", method: "GET", path: "/api/agents/a1/scheduled_batches", hit: true },
    { route: "/api/agents/{agent_id}/scheduled_batches", method: "GET", path: "/api/agents/scheduled_batches", hit: false },
    { route: "/api/agents/**", method: "GET", path: "/api/agents/a1/scheduled_batches/b1/scheduled_calls", hit: true },
    { route: "/api/agents/**", method: "GET", path: "/api/calls", hit: false },
    { route: "*", method: "PATCH", path: "/anything/at/all", hit: true },
  ];
  it.each(routes)("route $route matches $method $path: $hit", ({ route, method, path, hit }) => {
    const faults = new FaultInjector([{ kind: "status", route, status: 500 }]);
    expect(faults.decide(method, path).outcome.kind).toBe(hit ? "status" : "pass");
  });

  const bodies: { rule: FaultRule; status: number; body: unknown; headers: unknown }[] = [
    { rule: { kind: "status", status: 429 }, status: 429, body: { detail: "Request was throttled. Expected available in 1 second." }, headers: { "Retry-After": "1" } },
    { rule: { kind: "status", status: 429, retryAfterSeconds: 7 }, status: 429, body: { detail: "Request was throttled. Expected available in 7 seconds." }, headers: { "Retry-After": "7" } },
    { rule: { kind: "status", status: 500 }, status: 500, body: { detail: "A server error occurred (injected fault)." }, headers: {} },
    { rule: { kind: "status", status: 418 }, status: 418, body: { detail: "HTTP 418 (injected fault)." }, headers: {} },
    { rule: { kind: "status", status: 400, body: { name: ["Too long."] } }, status: 400, body: { name: ["Too long."] }, headers: {} },
  ];
  it.each(bodies)("status $status answers with a DRF body", ({ rule, status, body, headers }) => {
    expect(new FaultInjector([rule]).decide("GET", "/x").outcome).toEqual({ kind: "status", status, body, headers });
  });

  it("uses the first matching rule with times left, across rules", () => {
    const faults = new FaultInjector([
      { kind: "status", route: "/api/calls", status: 429, times: 1 },
      { kind: "status", route: "/api/calls", status: 503, times: 1 },
    ]);
    const statuses = [1, 2, 3].map(() => {
      const outcome = faults.decide("GET", "/api/calls").outcome;
      return outcome.kind === "status" ? outcome.status : outcome.kind;
    });
    expect(statuses).toEqual([429, 503, "pass"]);
  });
});

describe("FaultInjector: resets and latency", () => {
  it("signals a connection reset, counted", () => {
    const faults = new FaultInjector([{ kind: "reset", route: "POST /api/calls", times: 1 }]);
    expect(faults.decide("POST", "/api/calls").outcome).toEqual({ kind: "reset" });
    expect(faults.decide("POST", "/api/calls").outcome).toEqual({ kind: "pass" });
  });

  it("adds fixed latency globally, overridden by a route's own latency", () => {
    const faults = new FaultInjector([
      { kind: "latency", ms: 20 },
      { kind: "latency", route: "/api/calls", ms: 5 },
    ]);
    expect(faults.decide("GET", "/api/agents").delayMs).toBe(20);
    expect(faults.decide("GET", "/api/calls").delayMs).toBe(5);
  });

  it("draws random latency in range from a seeded generator: same seed, same delays", () => {
    const rule: FaultRule = { kind: "latency", ms: { min: 10, max: 30 } };
    const draw = (seed: number) => {
      const faults = new FaultInjector([rule], seed);
      return Array.from({ length: 50 }, () => faults.decide("GET", "/").delayMs);
    };
    const a = draw(1);
    expect(a.every((ms) => Number.isInteger(ms) && ms >= 10 && ms <= 30)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(5);
    expect(draw(1)).toEqual(a);
    expect(draw(2)).not.toEqual(a);
  });

  it("combines latency with a status fault", () => {
    const faults = new FaultInjector([{ kind: "latency", ms: 3 }, { kind: "status", status: 502, times: 1 }]);
    const decision = faults.decide("GET", "/");
    expect(decision.delayMs).toBe(3);
    expect(decision.outcome.kind).toBe("status");
  });

  it("delay() waits at least the given wall time", async () => {
    const before = performance.now();
    await delay(15);
    expect(performance.now() - before).toBeGreaterThanOrEqual(14);
    await expect(delay(0)).resolves.toBeUndefined();
  });

  it("connectionResetError looks like fetch's network error", () => {
    const error = connectionResetError();
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("fetch failed");
    expect((error.cause as { code?: string }).code).toBe("ECONNRESET");
  });
});

describe("FaultInjector: run-time changes", () => {
  it("set / add / clear / list", () => {
    const faults = new FaultInjector();
    expect(faults.empty).toBe(true);
    const added = faults.add({ kind: "status", status: 503, times: 3 });
    expect(added).toEqual({ kind: "status", status: 503, times: 3, id: 1, remaining: 3 });
    faults.add({ kind: "reset", route: "/x" });
    expect(faults.list().map((r) => r.id)).toEqual([1, 2]);
    faults.clear(1);
    expect(faults.list().map((r) => r.kind)).toEqual(["reset"]);
    expect(faults.set([{ kind: "latency", ms: 1 }]).map((r) => r.kind)).toEqual(["latency"]);
    faults.clear();
    expect(faults.empty).toBe(true);
    expect(faults.decide("GET", "/x")).toEqual({ delayMs: 0, outcome: { kind: "pass" } });
  });

  it("a bad rule in set() changes nothing", () => {
    const faults = new FaultInjector([{ kind: "status", status: 503 }]);
    expect(() => faults.set([{ kind: "latency", ms: 1 }, { kind: "status", status: 200 }])).toThrow(/400 to 599/);
    expect(faults.list().map((r) => r.kind)).toEqual(["status"]);
  });
});

describe("parseFaultRules (JSON from the admin route)", () => {
  const cases: { input: unknown; want: unknown }[] = [
    { input: { kind: "status", status: 503, times: 2 }, want: { rules: [{ kind: "status", status: 503, times: 2 }] } },
    { input: [{ kind: "latency", route: "/api/calls", ms: { min: 1, max: 2 } }], want: { rules: [{ kind: "latency", route: "/api/calls", ms: { min: 1, max: 2 } }] } },
    { input: { kind: "status", status: 200 }, want: { errors: { status: ["status must be an HTTP error status from 400 to 599."] } } },
    { input: [{ kind: "reset" }, { kind: "reset", times: 0 }], want: { errors: { "1.times": ["times must be an integer >= 1 (omit it for \"until cleared\")."] } } },
    { input: { kind: "latency", ms: { min: 5, max: 1 } }, want: { errors: { ms: ["ms must be milliseconds (0 to 60000) or {\"min\", \"max\"} with min <= max."] } } },
    { input: { kind: "explode" }, want: { errors: { kind: ["kind must be \"latency\", \"status\" or \"reset\"."] } } },
    { input: "503", want: { errors: { rule: ["A fault rule must be an object with a kind: latency, status or reset."] } } },
    { input: { kind: "reset", route: "" }, want: { errors: { route: ["route must be a non-empty string such as \"GET /api/calls\"."] } } },
    { input: { kind: "status", status: 503, body: [1] }, want: { errors: { body: ["body must be a JSON object."] } } },
    { input: { kind: "status", status: 503, retryAfterSeconds: -1 }, want: { errors: { retryAfterSeconds: ["retryAfterSeconds must be an integer >= 0."] } } },
  ];
  it.each(cases)("$input", ({ input, want }) => {
    expect(parseFaultRules(input)).toEqual(want);
  });
});
