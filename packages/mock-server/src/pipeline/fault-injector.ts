import { Prng } from "../internal/prng.js";
import type { FaultRule, FaultRuleState, LatencyFault, StatusFault } from "../fault-rule.js";

export type FaultOutcome =
  | { readonly kind: "pass" }
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body: Readonly<Record<string, unknown>>;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly kind: "reset" };

/** What to do with one request: wait `delayMs` (wall time), then the outcome. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly outcome: FaultOutcome;
}

interface CompiledRule {
  readonly id: number;
  readonly rule: FaultRule;
  readonly method: string | null;
  readonly segments: readonly string[] | null;
  remaining: number | null;
}

const PASS: FaultDecision = { delayMs: 0, outcome: { kind: "pass" } };

/**
 * Injected latency, forced statuses and connection resets, settable at start and at run time.
 * The shells act on a decision: the node:http shell destroys the socket on "reset"; the in-process
 * handler rejects with a TypeError as `fetch` does on a network error.
 */
export class FaultInjector {
  readonly #rng: Prng;
  #rules: CompiledRule[] = [];
  #ids = 0;

  constructor(rules: readonly FaultRule[] = [], seed: string | number = 0) {
    this.#rng = new Prng(`faults:${String(seed)}`);
    this.set(rules);
  }

  /** Replaces every rule (validated first: on a bad rule nothing changes). */
  set(rules: readonly FaultRule[]): FaultRuleState[] {
    const compiled = rules.map((rule) => this.#compile(rule));
    this.#rules = compiled;
    return this.list();
  }

  /** Adds one rule after the others; returns it with its id. */
  add(rule: FaultRule): FaultRuleState {
    const compiled = this.#compile(rule);
    this.#rules.push(compiled);
    return stateOf(compiled);
  }

  /** Removes one rule by id, or all of them. */
  clear(id?: number): void {
    this.#rules = id === undefined ? [] : this.#rules.filter((r) => r.id !== id);
  }

  list(): FaultRuleState[] {
    return this.#rules.map(stateOf);
  }

  /** True when no rule is set (the fast path of the core skips the injector). */
  get empty(): boolean {
    return this.#rules.length === 0;
  }

  /**
   * Decides for one request and uses up one of a counted rule's `times`. Latency: the matching
   * rule with a route wins over a route-less (global) one. Outcome: the first matching status or
   * reset rule with times left.
   */
  decide(method: string, path: string): FaultDecision {
    if (this.#rules.length === 0) return PASS;
    const upper = method.toUpperCase();
    const segments = splitPath(path);
    let latency: CompiledRule | undefined;
    let outcomeRule: CompiledRule | undefined;
    for (const rule of this.#rules) {
      if (!matches(rule, upper, segments)) continue;
      if (rule.rule.kind === "latency") {
        if (latency === undefined || (latency.segments === null && latency.method === null && (rule.segments !== null || rule.method !== null))) {
          latency = rule;
        }
      } else if (outcomeRule === undefined && (rule.remaining === null || rule.remaining > 0)) {
        outcomeRule = rule;
      }
    }
    const delayMs = latency === undefined ? 0 : this.#delay(latency.rule as LatencyFault);
    if (outcomeRule === undefined) return delayMs === 0 ? PASS : { delayMs, outcome: { kind: "pass" } };
    if (outcomeRule.remaining !== null) outcomeRule.remaining--;
    const rule = outcomeRule.rule;
    if (rule.kind === "reset") return { delayMs, outcome: { kind: "reset" } };
    const status = rule as StatusFault;
    const retryAfter = status.retryAfterSeconds ?? (status.status === 429 || status.status === 503 ? 1 : undefined);
    const headers: Record<string, string> = retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) };
    return { delayMs, outcome: { kind: "status", status: status.status, body: status.body ?? defaultBody(status.status, retryAfter), headers } };
  }

  #delay(rule: LatencyFault): number {
    if (typeof rule.ms === "number") return rule.ms;
    return rule.ms.min + Math.floor(this.#rng.next() * (rule.ms.max - rule.ms.min + 1));
  }

  #compile(input: FaultRule): CompiledRule {
    const rule = checkRule(input);
    const { method, segments } = parseRoute(rule.route);
    const times = rule.kind === "latency" ? undefined : rule.times;
    return { id: ++this.#ids, rule, method, segments, remaining: times ?? null };
  }
}

/**
 * The error the in-process handler rejects with on a "reset", shaped like the one `fetch` (undici)
 * throws when the server drops the connection, so clients' network-error handling is exercised.
 */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error("socket hang up (connection reset by the mock's fault injector)"), { code: "ECONNRESET" });
  return new TypeError("fetch failed", { cause });
}

/** Sleeps for injected latency (wall time: latency is about real waiting, not the virtual clock). */
export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Validates rules given as JSON (admin route, CLI): returns them typed, or DRF-style errors keyed by
 * the rule's index and field, e.g. `{"0.status": ["..."]}`.
 */
export function parseFaultRules(input: unknown): { rules: FaultRule[] } | { errors: Record<string, string[]> } {
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  const rules: FaultRule[] = [];
  const errors: Record<string, string[]> = {};
  list.forEach((item, index) => {
    try {
      rules.push(checkRule(item));
    } catch (error) {
      const field = error instanceof RuleError ? error.field : "rule";
      errors[Array.isArray(input) ? `${index}.${field}` : field] = [error instanceof Error ? error.message : String(error)];
    }
  });
  return Object.keys(errors).length > 0 ? { errors } : { rules };
}

class RuleError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

function checkRule(input: unknown): FaultRule {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new RuleError("rule", "A fault rule must be an object with a kind: latency, status or reset.");
  }
  const r = input as Record<string, unknown>;
  const route = r["route"];
  if (route !== undefined && (typeof route !== "string" || route.trim() === "")) {
    throw new RuleError("route", "route must be a non-empty string such as \"GET /api/calls\".");
  }
  if (typeof route === "string") parseRoute(route);
  const base = route === undefined ? {} : { route };
  switch (r["kind"]) {
    case "latency": {
      const ms = r["ms"];
      if (isMs(ms)) return { kind: "latency", ...base, ms };
      if (typeof ms === "object" && ms !== null) {
        const { min, max } = ms as Record<string, unknown>;
        if (isMs(min) && isMs(max) && min <= max) return { kind: "latency", ...base, ms: { min, max } };
      }
      throw new RuleError("ms", "ms must be milliseconds (0 to 60000) or {\"min\", \"max\"} with min <= max.");
    }
    case "status": {
      const status = r["status"];
      if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
        throw new RuleError("status", "status must be an HTTP error status from 400 to 599.");
      }
      const times = checkTimes(r["times"]);
      const body = r["body"];
      if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
        throw new RuleError("body", "body must be a JSON object.");
      }
      const retry = r["retryAfterSeconds"];
      if (retry !== undefined && (typeof retry !== "number" || !Number.isInteger(retry) || retry < 0)) {
        throw new RuleError("retryAfterSeconds", "retryAfterSeconds must be an integer >= 0.");
      }
      return {
        kind: "status",
        ...base,
        status,
        ...(times === undefined ? {} : { times }),
        ...(body === undefined ? {} : { body: body as Record<string, unknown> }),
        ...(retry === undefined ? {} : { retryAfterSeconds: retry }),
      };
    }
    case "reset": {
      const times = checkTimes(r["times"]);
      return { kind: "reset", ...base, ...(times === undefined ? {} : { times }) };
    }
    default:
      throw new RuleError("kind", "kind must be \"latency\", \"status\" or \"reset\".");
  }
}

function isMs(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 60_000;
}

function checkTimes(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RuleError("times", "times must be an integer >= 1 (omit it for \"until cleared\").");
  }
  return value;
}

/** The standard HTTP methods (RFC 9110 and PATCH): any other word never matches a request. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]);

/**
 * A route pattern as `decide` matches it; a pattern that could never match as written (more than
 * a method and a path, a path not starting with "/", an unknown method, "**" before the end, an
 * unbalanced brace) is refused here, when the rule is parsed, rather than ignored at every request.
 */
function parseRoute(route: string | undefined): { method: string | null; segments: string[] | null } {
  if (route === undefined) return { method: null, segments: null };
  const parts = route.trim().split(/\s+/);
  const [method, path] = parts.length === 2 ? parts : [undefined, parts[0]];
  const segments = path === undefined || path === "*" || path === "**" ? null : splitPath(path);
  const valid =
    parts.length <= 2 &&
    path !== undefined &&
    (method === undefined || METHODS.has(method.toUpperCase())) &&
    (segments === null || (path.startsWith("/") && segments.every((segment, i) => segmentIsValid(segment, i === segments.length - 1))));
  if (!valid) {
    throw new RuleError(
      "route",
      `route must be "[METHOD] /path" such as "GET /api/calls", "/api/agents/*/scheduled_batches" or "*" (an HTTP method, a path from "/", "{name}" for a parameter, "**" only at its end), got ${JSON.stringify(route)}.`,
    );
  }
  return { method: method?.toUpperCase() ?? null, segments };
}

/** "**" only last; braces only around a whole `{name}` segment (a spec path parameter). */
function segmentIsValid(segment: string, last: boolean): boolean {
  if (segment === "**") return last;
  if (segment.includes("{") || segment.includes("}")) return /^\{[^{}/]+\}$/.test(segment);
  return true;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function matches(rule: CompiledRule, method: string, segments: readonly string[]): boolean {
  if (rule.method !== null && rule.method !== method) return false;
  if (rule.segments === null) return true;
  const pattern = rule.segments;
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part === "**" && i === pattern.length - 1) return true;
    const actual = segments[i];
    if (actual === undefined) return false;
    if (part === "*" || (part !== undefined && part.startsWith("{") && part.endsWith("}"))) continue;
    if (part !== actual) return false;
  }
  return segments.length === pattern.length;
}

function stateOf(compiled: CompiledRule): FaultRuleState {
  return { ...compiled.rule, id: compiled.id, remaining: compiled.remaining };
}

function defaultBody(status: number, retryAfter: number | undefined): Record<string, unknown> {
  if (status === 429) {
    const wait = retryAfter ?? 1;
    return { detail: `Request was throttled. Expected available in ${wait} second${wait === 1 ? "" : "s"}.` };
  }
  const known: Record<number, string> = {
    400: "Bad request (injected fault).",
    401: "Authentication credentials were not provided or are invalid (injected fault).",
    403: "You do not have permission to perform this action (injected fault).",
    404: "Not found (injected fault).",
    500: "A server error occurred (injected fault).",
    502: "Bad gateway (injected fault).",
    503: "Service temporarily unavailable, try again later (injected fault).",
    504: "Gateway timeout (injected fault).",
  };
  return { detail: known[status] ?? `HTTP ${status} (injected fault).` };
}
