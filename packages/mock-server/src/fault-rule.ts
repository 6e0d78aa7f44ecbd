/**
 * Where a rule applies: `"/api/calls"`, `"POST /api/agents/*\/scheduled_batches"`, or a spec path
 * (`"/api/agents/{agent_id}"`). `*` and `{name}` match one path segment, a trailing `**` any rest.
 * Without a method, every method matches. Omitted: every route. Anything else (two paths, a path
 * not starting with "/", an unknown method, "**" before the end, a stray brace) is a RangeError.
 */
export type RoutePattern = string;

/** Adds latency: a fixed number of ms, or a uniform random range drawn from the seeded generator. */
export interface LatencyFault {
  /** Always "latency". */
  readonly kind: "latency";
  /** Where it applies (default: every route). */
  readonly route?: RoutePattern;
  /** Delay before the answer, in ms: fixed, or drawn uniformly from [min, max]. */
  readonly ms:
    | number
    | {
        /** Shortest delay, ms. */
        readonly min: number;
        /** Longest delay, ms. */
        readonly max: number;
      };
}

/** Answers with `status` instead of the real handler, `times` times (default: until cleared), then normally. */
export interface StatusFault {
  /** Always "status". */
  readonly kind: "status";
  /** Where it applies (default: every route). */
  readonly route?: RoutePattern;
  /** The HTTP status answered, e.g. 500, 503, 429. */
  readonly status: number;
  /** How many requests get it (default: every one until the rule is cleared). */
  readonly times?: number;
  /** Default: a DRF `{"detail": "..."}` fitting the status. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** `Retry-After` seconds; default 1 for 429 and 503, none otherwise. */
  readonly retryAfterSeconds?: number;
}

/** Drops the connection without an answer, `times` times (default: until cleared). */
export interface ResetFault {
  /** Always "reset". */
  readonly kind: "reset";
  /** Where it applies (default: every route). */
  readonly route?: RoutePattern;
  /** How many requests get it (default: every one until the rule is cleared). */
  readonly times?: number;
}

/** One injected fault: latency, a forced status, or a dropped connection (see `faults` and `mock.faults`). */
export type FaultRule = LatencyFault | StatusFault | ResetFault;

/** A rule as listed (admin route, `mock.faults.list()`): with its remaining count. */
export type FaultRuleState = FaultRule & {
  /** The rule's id, for `mock.faults.clear(id)` and `DELETE /__mock/faults/{id}`. */
  readonly id: number;
  /** Requests it still applies to; null: until cleared. */
  readonly remaining: number | null;
};
