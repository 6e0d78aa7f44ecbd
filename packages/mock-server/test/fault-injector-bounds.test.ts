import { describe, expect, it } from "vitest";
import type { FaultRule, StatusFault } from "../src/fault-rule.js";
import { delay, FaultInjector, parseFaultRules } from "../src/pipeline/fault-injector.js";

// Every bound of a fault rule's options, both sides; counted and uncounted rules over many
// requests; which latency rule wins; route matching edge cases; each default body.

const MS_ERROR = 'ms must be milliseconds (0 to 60000) or {"min", "max"} with min <= max.';
const STATUS_ERROR = "status must be an HTTP error status from 400 to 599.";
const TIMES_ERROR = 'times must be an integer >= 1 (omit it for "until cleared").';
const RETRY_ERROR = "retryAfterSeconds must be an integer >= 0.";
const BODY_ERROR = "body must be a JSON object.";
const ROUTE_ERROR = 'route must be a non-empty string such as "GET /api/calls".';
const RULE_ERROR = "A fault rule must be an object with a kind: latency, status or reset.";
const KIND_ERROR = 'kind must be "latency", "status" or "reset".';
const PATTERN_ERROR = (route: string): string =>
  `route must be "[METHOD] /path" such as "GET /api/calls", "/api/agents/*/scheduled_batches" or "*" (an HTTP method, a path from "/", "{name}" for a parameter, "**" only at its end), got ${JSON.stringify(route)}.`;

describe("parseFaultRules: each option's bounds, accepted on the inside and refused just outside", () => {
  const ok = (rule: object): { rules: unknown[] } => ({ rules: [rule] });
  const bad = (field: string, message: string): { errors: Record<string, string[]> } => ({ errors: { [field]: [message] } });
  it.each([
    { given: "latency ms 0", input: { kind: "latency", ms: 0 }, want: ok({ kind: "latency", ms: 0 }) },
    { given: "latency ms 60000", input: { kind: "latency", ms: 60_000 }, want: ok({ kind: "latency", ms: 60_000 }) },
    { given: "latency ms 60001", input: { kind: "latency", ms: 60_001 }, want: bad("ms", MS_ERROR) },
    { given: "latency ms -1", input: { kind: "latency", ms: -1 }, want: bad("ms", MS_ERROR) },
    { given: "latency ms Infinity", input: { kind: "latency", ms: Number.POSITIVE_INFINITY }, want: bad("ms", MS_ERROR) },
    { given: "latency ms NaN", input: { kind: "latency", ms: Number.NaN }, want: bad("ms", MS_ERROR) },
    { given: "latency ms as text", input: { kind: "latency", ms: "5" }, want: bad("ms", MS_ERROR) },
    { given: "latency ms missing", input: { kind: "latency" }, want: bad("ms", MS_ERROR) },
    { given: "latency ms null", input: { kind: "latency", ms: null }, want: bad("ms", MS_ERROR) },
    { given: "latency range min = max", input: { kind: "latency", ms: { min: 7, max: 7 } }, want: ok({ kind: "latency", ms: { min: 7, max: 7 } }) },
    { given: "latency range 0 to 60000", input: { kind: "latency", ms: { min: 0, max: 60_000 } }, want: ok({ kind: "latency", ms: { min: 0, max: 60_000 } }) },
    { given: "latency range, max over 60000", input: { kind: "latency", ms: { min: 0, max: 60_001 } }, want: bad("ms", MS_ERROR) },
    { given: "latency range, min below 0", input: { kind: "latency", ms: { min: -1, max: 5 } }, want: bad("ms", MS_ERROR) },
    { given: "latency range without max", input: { kind: "latency", ms: { min: 1 } }, want: bad("ms", MS_ERROR) },
    { given: "latency range without min", input: { kind: "latency", ms: { max: 1 } }, want: bad("ms", MS_ERROR) },
    { given: "latency range, extra keys dropped", input: { kind: "latency", ms: { min: 1, max: 2, mean: 9 } }, want: ok({ kind: "latency", ms: { min: 1, max: 2 } }) },
    { given: "latency with a route keeps it", input: { kind: "latency", route: "GET /x", ms: 1 }, want: ok({ kind: "latency", route: "GET /x", ms: 1 }) },
    { given: "status 400", input: { kind: "status", status: 400 }, want: ok({ kind: "status", status: 400 }) },
    { given: "status 599", input: { kind: "status", status: 599 }, want: ok({ kind: "status", status: 599 }) },
    { given: "status 399", input: { kind: "status", status: 399 }, want: bad("status", STATUS_ERROR) },
    { given: "status 600", input: { kind: "status", status: 600 }, want: bad("status", STATUS_ERROR) },
    { given: "status 500.5", input: { kind: "status", status: 500.5 }, want: bad("status", STATUS_ERROR) },
    { given: "status as text", input: { kind: "status", status: "500" }, want: bad("status", STATUS_ERROR) },
    { given: "status missing", input: { kind: "status" }, want: bad("status", STATUS_ERROR) },
    { given: "status times 1", input: { kind: "status", status: 500, times: 1 }, want: ok({ kind: "status", status: 500, times: 1 }) },
    { given: "status times 0", input: { kind: "status", status: 500, times: 0 }, want: bad("times", TIMES_ERROR) },
    { given: "status times 1.5", input: { kind: "status", status: 500, times: 1.5 }, want: bad("times", TIMES_ERROR) },
    { given: "status times as text", input: { kind: "status", status: 500, times: "2" }, want: bad("times", TIMES_ERROR) },
    { given: "status times null", input: { kind: "status", status: 500, times: null }, want: bad("times", TIMES_ERROR) },
    { given: "status body {}", input: { kind: "status", status: 500, body: {} }, want: ok({ kind: "status", status: 500, body: {} }) },
    { given: "status body null", input: { kind: "status", status: 500, body: null }, want: bad("body", BODY_ERROR) },
    { given: "status body text", input: { kind: "status", status: 500, body: "oops" }, want: bad("body", BODY_ERROR) },
    { given: "status retryAfterSeconds 0", input: { kind: "status", status: 503, retryAfterSeconds: 0 }, want: ok({ kind: "status", status: 503, retryAfterSeconds: 0 }) },
    { given: "status retryAfterSeconds 1.5", input: { kind: "status", status: 503, retryAfterSeconds: 1.5 }, want: bad("retryAfterSeconds", RETRY_ERROR) },
    { given: "status retryAfterSeconds as text", input: { kind: "status", status: 503, retryAfterSeconds: "1" }, want: bad("retryAfterSeconds", RETRY_ERROR) },
    { given: "status with every option", input: { kind: "status", route: "/x", status: 429, times: 2, body: { detail: "slow" }, retryAfterSeconds: 3 }, want: ok({ kind: "status", route: "/x", status: 429, times: 2, body: { detail: "slow" }, retryAfterSeconds: 3 }) },
    { given: "reset times 1", input: { kind: "reset", times: 1 }, want: ok({ kind: "reset", times: 1 }) },
    { given: "reset times 0", input: { kind: "reset", times: 0 }, want: bad("times", TIMES_ERROR) },
    { given: "reset times -3", input: { kind: "reset", times: -3 }, want: bad("times", TIMES_ERROR) },
    { given: "reset with a route", input: { kind: "reset", route: "POST /api/calls" }, want: ok({ kind: "reset", route: "POST /api/calls" }) },
    { given: "route of spaces only", input: { kind: "reset", route: "   " }, want: bad("route", ROUTE_ERROR) },
    { given: "route not a string", input: { kind: "reset", route: 5 }, want: bad("route", ROUTE_ERROR) },
    { given: "route with a method but no path", input: { kind: "reset", route: "GET " }, want: bad("route", PATTERN_ERROR("GET ")) },
    { given: "null", input: null, want: bad("rule", RULE_ERROR) },
    { given: "a list inside the list", input: [[{ kind: "reset" }]], want: { errors: { "0.rule": [RULE_ERROR] } } },
    { given: "no kind", input: {}, want: bad("kind", KIND_ERROR) },
  ])("$given", ({ input, want }) => {
    expect(parseFaultRules(input)).toEqual(want);
  });

  it("reports every bad rule of a list by index and field, and keeps none of the good ones", () => {
    expect(parseFaultRules([{ kind: "reset" }, { kind: "status", status: 1 }, { kind: "latency", ms: -1 }])).toEqual({
      errors: { "1.status": [STATUS_ERROR], "2.ms": [MS_ERROR] },
    });
  });

  it("an empty list is no rules", () => {
    expect(parseFaultRules([])).toEqual({ rules: [] });
  });

  // A route pattern that could never match as written is refused when parsed (admin route, CLI),
  // with the same error FaultInjector.set/add throw.
  it.each([
    { given: "two paths", route: "GET /a /b" },
    { given: "a path then a method", route: "/api/calls GET" },
    { given: "a method alone", route: "GET" },
    { given: "a path without its leading slash", route: "api/calls" },
    { given: "a method and a path without its slash", route: "POST api/calls" },
    { given: "an unknown method", route: "FETCH /api/calls" },
    { given: "a misspelt method", route: "GTE /api/calls" },
    { given: "** before the end", route: "/api/**/calls" },
    { given: "** twice", route: "/api/**/**" },
    { given: "an unclosed brace", route: "/api/{id" },
    { given: "an unopened brace", route: "/api/id}" },
    { given: "a brace inside a segment", route: "/api/x{id}" },
    { given: "empty braces", route: "/api/{}" },
  ])("$given ($route) is refused at parse time, naming the field", ({ route }) => {
    expect(parseFaultRules({ kind: "reset", route })).toEqual(bad("route", PATTERN_ERROR(route)));
    expect(parseFaultRules([{ kind: "reset" }, { kind: "status", status: 503, route }])).toEqual({ errors: { "1.route": [PATTERN_ERROR(route)] } });
    expect(() => new FaultInjector([{ kind: "reset", route }])).toThrow(RangeError);
    expect(() => new FaultInjector([{ kind: "reset", route }])).toThrow(PATTERN_ERROR(route));
    expect(() => new FaultInjector().add({ kind: "latency", route, ms: 1 })).toThrow(PATTERN_ERROR(route));
  });

  it.each([
    "GET /api/calls",
    "get /api/calls",
    "  PATCH   /api/agents/{agent_id}  ",
    "/api/agents/*/scheduled_batches",
    "/api/agents/**",
    "DELETE /",
    "*",
    "**",
    "OPTIONS *",
    "HEAD /api/calls/",
  ])("route %j is accepted as given", (route) => {
    expect(parseFaultRules({ kind: "reset", route })).toEqual(ok({ kind: "reset", route }));
    expect(() => new FaultInjector([{ kind: "reset", route }])).not.toThrow();
  });
});

describe("FaultInjector.decide over many requests", () => {
  const kinds = (faults: FaultInjector, n: number, method = "GET", path = "/api/calls"): string[] =>
    Array.from({ length: n }, () => faults.decide(method, path).outcome.kind);

  it.each([
    { given: "a status rule without times", rule: { kind: "status", status: 500 }, want: Array<string>(5).fill("status") },
    { given: "a reset rule without times", rule: { kind: "reset" }, want: Array<string>(5).fill("reset") },
    { given: "a status rule with times 1", rule: { kind: "status", status: 500, times: 1 }, want: ["status", "pass", "pass", "pass", "pass"] },
    { given: "a reset rule with times 3", rule: { kind: "reset", times: 3 }, want: ["reset", "reset", "reset", "pass", "pass"] },
  ] satisfies { given: string; rule: FaultRule; want: string[] }[])("$given fires $want", ({ rule, want }) => {
    const faults = new FaultInjector([rule]);
    expect(kinds(faults, 5)).toEqual(want);
  });

  it("an uncounted rule keeps remaining null; a counted one counts down to 0 and stays there", () => {
    const faults = new FaultInjector([{ kind: "reset", route: "/a" }, { kind: "status", status: 500, times: 2, route: "/b" }]);
    kinds(faults, 3, "GET", "/a");
    kinds(faults, 4, "GET", "/b");
    expect(faults.list().map((rule) => rule.remaining)).toEqual([null, 0]);
  });

  it("a request the rule does not match uses none of its times", () => {
    const faults = new FaultInjector([{ kind: "status", status: 500, times: 1, route: "POST /api/calls" }]);
    expect(kinds(faults, 3, "GET")).toEqual(["pass", "pass", "pass"]);
    expect(faults.list()[0]?.remaining).toBe(1);
    expect(kinds(faults, 2, "POST")).toEqual(["status", "pass"]);
  });

  it("a used-up rule lets a later matching rule answer", () => {
    const faults = new FaultInjector([
      { kind: "reset", times: 1 },
      { kind: "status", status: 502 },
    ]);
    expect(kinds(faults, 3)).toEqual(["reset", "status", "status"]);
  });

  it("a latency rule never counts as the outcome: the status rule after it answers", () => {
    const faults = new FaultInjector([
      { kind: "latency", ms: 0 },
      { kind: "status", status: 500, times: 1 },
    ]);
    expect(kinds(faults, 2)).toEqual(["status", "pass"]);
  });

  it.each([
    { given: "a global rule only", rules: [{ kind: "latency", ms: 10 }] as FaultRule[], want: 10 },
    { given: "a global rule, then a route's", rules: [{ kind: "latency", ms: 10 }, { kind: "latency", route: "/api/calls", ms: 4 }] as FaultRule[], want: 4 },
    { given: "a route's rule, then a global one", rules: [{ kind: "latency", route: "/api/calls", ms: 4 }, { kind: "latency", ms: 10 }] as FaultRule[], want: 4 },
    { given: "a global rule, then a method's (a method is a route)", rules: [{ kind: "latency", ms: 10 }, { kind: "latency", route: "GET *", ms: 6 }] as FaultRule[], want: 6 },
    { given: "two route rules: the first wins", rules: [{ kind: "latency", route: "/api/calls", ms: 4 }, { kind: "latency", route: "GET /api/calls", ms: 8 }] as FaultRule[], want: 4 },
    { given: "two global rules: the first wins", rules: [{ kind: "latency", ms: 3 }, { kind: "latency", ms: 9 }] as FaultRule[], want: 3 },
    { given: "a route rule that does not match", rules: [{ kind: "latency", route: "/api/agents", ms: 4 }] as FaultRule[], want: 0 },
    { given: "a range of one value", rules: [{ kind: "latency", ms: { min: 12, max: 12 } }] as FaultRule[], want: 12 },
  ])("latency: $given → $want ms", ({ rules, want }) => {
    expect(new FaultInjector(rules).decide("GET", "/api/calls").delayMs).toBe(want);
  });

  it("a latency of 0 ms is a plain pass", () => {
    expect(new FaultInjector([{ kind: "latency", ms: 0 }]).decide("GET", "/")).toEqual({ delayMs: 0, outcome: { kind: "pass" } });
    expect(new FaultInjector([{ kind: "latency", ms: 2 }]).decide("GET", "/")).toEqual({ delayMs: 2, outcome: { kind: "pass" } });
  });

  it("a random range reaches both of its ends", () => {
    const faults = new FaultInjector([{ kind: "latency", ms: { min: 1, max: 3 } }], 5);
    const seen = new Set(Array.from({ length: 200 }, () => faults.decide("GET", "/").delayMs));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe("FaultInjector route matching", () => {
  it.each([
    { route: "get /api/calls", method: "GET", path: "/api/calls", hit: true },
    { route: "  POST   /api/calls  ", method: "post", path: "/api/calls", hit: true },
    { route: "POST /api/calls", method: "GET", path: "/api/calls", hit: false },
    { route: "GET *", method: "GET", path: "/any/thing", hit: true },
    { route: "GET **", method: "DELETE", path: "/any", hit: false },
    { route: "/api/**", method: "GET", path: "/api", hit: true },
    { route: "/api/**", method: "GET", path: "/apix/y", hit: false },
    { route: "/api/**", method: "GET", path: "/api/x", hit: true },
    { route: "/api/*", method: "GET", path: "/api/x/y", hit: false },
    { route: "/api/*/calls", method: "GET", path: "/api/x/calls", hit: true },
    { route: "/api/calls", method: "GET", path: "/api", hit: false },
    { route: "/api/calls", method: "GET", path: "//api//calls//", hit: true },
    { route: "/", method: "GET", path: "/", hit: true },
    { route: "/", method: "GET", path: "/api", hit: false },
  ])("$route ~ $method $path: $hit", ({ route, method, path, hit }) => {
    expect(new FaultInjector([{ kind: "reset", route }]).decide(method, path).outcome.kind).toBe(hit ? "reset" : "pass");
  });
});

describe("FaultInjector status answers: default bodies and Retry-After", () => {
  const answer = (rule: FaultRule): unknown => new FaultInjector([rule]).decide("GET", "/").outcome;
  it.each([
    { status: 400, detail: "Bad request (injected fault)." },
    { status: 401, detail: "Authentication credentials were not provided or are invalid (injected fault)." },
    { status: 403, detail: "You do not have permission to perform this action (injected fault)." },
    { status: 404, detail: "Not found (injected fault)." },
    { status: 500, detail: "A server error occurred (injected fault)." },
    { status: 502, detail: "Bad gateway (injected fault)." },
    { status: 504, detail: "Gateway timeout (injected fault)." },
    { status: 599, detail: "HTTP 599 (injected fault)." },
  ])("$status → $detail, no Retry-After", ({ status, detail }) => {
    expect(answer({ kind: "status", status })).toEqual({ kind: "status", status, body: { detail }, headers: {} });
  });

  it.each([
    { rule: { kind: "status", status: 503 }, retry: "1", detail: "Service temporarily unavailable, try again later (injected fault)." },
    { rule: { kind: "status", status: 503, retryAfterSeconds: 30 }, retry: "30", detail: "Service temporarily unavailable, try again later (injected fault)." },
    { rule: { kind: "status", status: 429, retryAfterSeconds: 0 }, retry: "0", detail: "Request was throttled. Expected available in 0 seconds." },
    { rule: { kind: "status", status: 429, retryAfterSeconds: 1 }, retry: "1", detail: "Request was throttled. Expected available in 1 second." },
    { rule: { kind: "status", status: 429, retryAfterSeconds: 2 }, retry: "2", detail: "Request was throttled. Expected available in 2 seconds." },
    { rule: { kind: "status", status: 500, retryAfterSeconds: 4 }, retry: "4", detail: "A server error occurred (injected fault)." },
  ] satisfies { rule: StatusFault; retry: string; detail: string }[])("$rule → Retry-After $retry, $detail", ({ rule, retry, detail }) => {
    expect(answer(rule)).toEqual({ kind: "status", status: rule.status, body: { detail }, headers: { "Retry-After": retry } });
  });

  it("a given body replaces the default one; Retry-After stays", () => {
    expect(answer({ kind: "status", status: 429, body: { detail: "custom" } })).toEqual({ kind: "status", status: 429, body: { detail: "custom" }, headers: { "Retry-After": "1" } });
  });
});

describe("FaultInjector at run time", () => {
  it("ids keep counting across set(), add() and clear(); clear(id) removes only that rule", () => {
    const faults = new FaultInjector([{ kind: "reset" }, { kind: "latency", ms: 1 }]);
    expect(faults.list().map((rule) => rule.id)).toEqual([1, 2]);
    expect(faults.set([{ kind: "status", status: 500 }]).map((rule) => rule.id)).toEqual([3]);
    expect(faults.add({ kind: "reset", times: 2 })).toEqual({ kind: "reset", times: 2, id: 4, remaining: 2 });
    faults.clear(99);
    expect(faults.list().map((rule) => rule.id)).toEqual([3, 4]);
    faults.clear(3);
    expect(faults.list()).toEqual([{ kind: "reset", times: 2, id: 4, remaining: 2 }]);
    expect(faults.empty).toBe(false);
  });

  it("a bad rule in add() adds nothing", () => {
    const faults = new FaultInjector();
    expect(() => faults.add({ kind: "status", status: 700 })).toThrow(STATUS_ERROR);
    expect(faults.empty).toBe(true);
  });

  it("list() gives each rule's state: a rule without a route has none", () => {
    expect(new FaultInjector([{ kind: "latency", ms: { min: 1, max: 2 } }]).list()).toEqual([{ kind: "latency", ms: { min: 1, max: 2 }, id: 1, remaining: null }]);
  });

  it("delay() with 0 or less resolves before any timer", async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => {
      order.push("timer");
      resolve();
    }, 0));
    await delay(-5).then(() => order.push("delay"));
    await timer;
    expect(order).toEqual(["delay", "timer"]);
  });
});
