/**
 * Where a rule applies: `"/api/calls"`, `"POST /api/agents/*\/scheduled_batches"`, or a spec path
 * (`"/api/agents/{agent_id}"`). `*` and `{name}` match one path segment, a trailing `**` any rest.
 * Without a method, every method matches. Omitted: every route.
 */
export type RoutePattern = string;

/** Adds latency: a fixed number of ms, or a uniform random range drawn from the seeded generator. */
export interface LatencyFault {
  readonly kind: "latency";
  readonly route?: RoutePattern;
  readonly ms: number | { readonly min: number; readonly max: number };
}

/** Answers with `status` instead of the real handler, `times` times (default: until cleared), then normally. */
export interface StatusFault {
  readonly kind: "status";
  readonly route?: RoutePattern;
  readonly status: number;
  readonly times?: number;
  /** Default: a DRF `{"detail": "..."}` fitting the status. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** `Retry-After` seconds; default 1 for 429 and 503, none otherwise. */
  readonly retryAfterSeconds?: number;
}

/** Drops the connection without an answer, `times` times (default: until cleared). */
export interface ResetFault {
  readonly kind: "reset";
  readonly route?: RoutePattern;
  readonly times?: number;
}

export type FaultRule = LatencyFault | StatusFault | ResetFault;

/** A rule as listed (admin route, `mock.faults.list()`): with its remaining count. */
export type FaultRuleState = FaultRule & { readonly id: number; readonly remaining: number | null };
