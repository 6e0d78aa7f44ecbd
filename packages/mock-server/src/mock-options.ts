import type { BehaviourSource } from "./behaviour.js";
import type { CallAutomation, EndReason } from "./behaviours/ultravox/call-model.js";
import type { FaultRule, FaultRuleState } from "./fault-rule.js";
import type { JournalEntry, JournalFilter } from "./journal-entry.js";
import type { ClockMode } from "./pipeline/virtual-clock.js";
import type { RateLimitOptions } from "./rate-limit-options.js";

// The clock's own module defines its modes; the options name them.
export type { ClockMode } from "./pipeline/virtual-clock.js";

/** Options of {@link createMockHandler} and `startMockServer`. */
export interface MockOptions {
  /** Seeds every generated id, value and fixture: the same seed gives byte-identical answers. Default 0. */
  readonly seed?: number | string;
  /** Accepted API keys, one tenant each. Default: one key generated from the seed. */
  readonly apiKeys?: readonly string[];
  /** Another OpenAPI 3.0 document (parsed) to mock instead of the bundled, locked Ultravox spec. */
  readonly spec?: Readonly<Record<string, unknown>>;
  /**
   * @deprecated Use `clock: { mode: "real", wallNow: now }`, which it stands for (ignored when
   * `clock` is given): the mock's time follows this function (milliseconds since the epoch),
   * shifted by `mock.clock.advance`/`set`.
   */
  readonly now?: () => number;
  /**
   * The mock's clock, for timestamps, scheduled batches and rate limits. Default: virtual (time
   * moves only with `mock.clock.advance`/`set`) starting at 2025-01-01T00:00:00Z, so answers do
   * not depend on when a test runs. `{ mode: "real" }` follows the wall clock (the CLI's default).
   */
  readonly clock?: {
    /** "virtual" (the default) or "real". */
    readonly mode?: ClockMode;
    /** Where the clock starts. Default: 2025-01-01T00:00:00Z (virtual), the wall time (real). */
    readonly start?: Date | number | string;
    /** The wall time a "real" clock follows, in milliseconds since the epoch. Default `Date.now`. */
    readonly wallNow?: () => number;
  };
  /**
   * Behaviours registered by operationId, after the built-in ones (see README, "For extensions").
   * The built-in Ultravox behaviours apply when the spec is Ultravox's (the bundled one, or one whose
   * `info.title` names Ultravox); `builtInBehaviours: false` leaves them out.
   */
  readonly behaviours?: readonly BehaviourSource[];
  /** Default true: the Ultravox behaviours for an Ultravox spec (see `behaviours`). */
  readonly builtInBehaviours?: boolean;
  /** Faults active from the start (latency, forced statuses, resets); change them with `mock.faults`. */
  readonly faults?: readonly FaultRule[];
  /**
   * Rate limits like the API's. Default off. `true`: the documented limits (200 requests/s per
   * key, 500/s per account, call creation 5/s and 30/min); or set each one (`null` turns it off).
   */
  readonly rateLimits?: boolean | RateLimitOptions;
  /** The request journal keeps the last `capacity` requests. Default 10 000. */
  readonly journal?: {
    /** Entries kept; past it the oldest are dropped (counted in `mock.journal.dropped`). Default 10 000. */
    readonly capacity?: number;
  };
  /**
   * The scheduled-batch lifecycle and the API's batch checks (webhookUrl by medium, window), as
   * the API has them. Default on (with the default virtual clock nothing moves until the test
   * moves time); settings tune it; `false` turns both off (batches are accepted as sent and stay
   * FUTURE).
   */
  readonly lifecycle?:
    | boolean
    | {
    /** Time between two calls of a batch, on the mock's clock. Default 1000 ms. */
    readonly callIntervalMs?: number;
    /** Shortest window accepted for a batch. Default 60 000 ms. */
    readonly minimumWindowMs?: number;
    /** Wall-time limit of one webhook delivery. Default 10 000 ms. */
    readonly webhookTimeoutMs?: number;
    /** Used for webhook deliveries. Default `globalThis.fetch`. */
    readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  };
  /**
   * What happens to a call nobody drives, on the mock's clock (see README, "Calls and webhooks"):
   * `joinAfterMs` (a client joins), `endAfterMs` after joining (ending with `endReason`, default
   * "hangup"), `billAfterMs` after the end. Default: nobody joins, so the call ends `unjoined` at its
   * `joinTimeout` (30 s) and is billed at once. Change it at run time with `mock.calls.automation`.
   */
  readonly calls?: CallAutomation;
  /** Deliveries of call events to the webhooks registered with `POST /api/webhooks`. */
  readonly webhooks?: {
    /** Wall-time limit of one attempt, ms (longer counts as a failure, retried). Default 10 000. */
    readonly timeoutMs?: number;
    /** Used for deliveries. Default `globalThis.fetch`. */
    readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  };
  /** Request bodies above this many bytes get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** URLs longer than this get 414. Default 8192 characters. */
  readonly maxUrlLength?: number;
  /** Items seeded in each read-only top-level list (models, invoices, deleted calls). Default 3. */
  readonly fixtures?: number;
  /** Items seeded in each read-only child list of a new resource (a call's stages…). Default 2. */
  readonly childFixtures?: number;
  /**
   * Stricter than the API, to catch typos: query parameters the operation does not declare, a
   * `pageSize` that is not a positive integer or is above the list's maximum (on every paginated
   * list, in Django's IntegerField words), an empty filter or cursor are a 400. Default false:
   * query strings are read as Django reads them (the last of repeated values, empty filter = no
   * filter, a bad `pageSize` = the default, one above the maximum = the maximum, an empty `cursor`
   * = the first page, unknown parameters ignored).
   */
  readonly strictQuery?: boolean;
  /**
   * CORS as the API answers it (default true): preflights pass with `X-Unsafe-API-Key` among the
   * allowed headers, answers to a request with an `Origin` carry `Access-Control-Allow-Origin: *`.
   * `false`: no CORS handling (a preflight reaches the API and gets its OPTIONS answer).
   */
  readonly cors?: boolean;
}

/** The in-process mock: a fetch-style handler over the whole API, with its state. */
export interface MockHandler {
  /** Answers one request: `(request: Request) => Promise<Response>`, e.g. for MSW's `http.all`. */
  readonly handler: (request: Request) => Promise<Response>;
  /** A `fetch` to inject into a client: `createClient({ fetch: mock.fetch })`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The first accepted API key (send it as `X-API-Key`). */
  readonly apiKey: string;
  /** Every accepted API key, one tenant each (the `apiKeys` option, or the one generated from the seed). */
  readonly apiKeys: readonly string[];
  /** How many operations the spec has, all routed. */
  readonly operationCount: number;
  /** The mock's time (see the `clock` option). */
  readonly clock: MockClock;
  /** Every API request answered (admin routes excepted), oldest first. */
  readonly journal: MockJournal;
  /** Injected latency, statuses and connection resets, changeable at run time. */
  readonly faults: MockFaults;
  /** Moves calls by hand (join, end) and sets their automation (see README, "Calls and webhooks"). */
  readonly calls: MockCalls;
  /** Deliveries to the webhooks registered with `POST /api/webhooks`. */
  readonly webhooks: MockWebhooks;
  /**
   * Forgets everything created: every tenant is back to its seeded state, rate limits are full.
   * The clock, faults and journal stay as they are (each has its own controls).
   */
  reset(): void;
}

/** The mock's time (`mock.clock`; also `POST /__mock/clock/advance` and `/__mock/clock/set`). */
export interface MockClock {
  /** "virtual" or "real" (see the `clock` option). */
  readonly mode: ClockMode;
  /** Milliseconds since the epoch. */
  now(): number;
  /** `now()` as a Date. */
  date(): Date;
  /** Moves time forward; resolves when the work it triggers (webhook deliveries) is done. */
  advance(ms: number): Promise<number>;
  /** Puts the clock at a date (also backwards: state already reached is not undone). */
  set(date: Date | number | string): Promise<number>;
}

/** The journal of answered API requests (`mock.journal`; also `GET /__mock/journal`). */
export interface MockJournal {
  /** Entries matching every given field of `filter`, oldest first. */
  list(filter?: JournalFilter): JournalEntry[];
  /** Forgets every entry; sequence numbers keep counting. */
  clear(): void;
  /** Entries kept now. */
  readonly size: number;
  /** Entries dropped because the journal was full. */
  readonly dropped: number;
}

/** Injected faults, changeable at run time (`mock.faults`; also `/__mock/faults`). */
export interface MockFaults {
  /** Replaces every rule. */
  set(rules: readonly FaultRule[]): FaultRuleState[];
  /** Adds one rule; returns it with its id and remaining count. */
  add(rule: FaultRule): FaultRuleState;
  /** Removes one rule by id, or all. */
  clear(id?: number): void;
  /** The active rules, oldest first, with their remaining counts. */
  list(): FaultRuleState[];
}

/** A Call as the mock stores it: the spec's `Call`, as `GET /api/calls/{call_id}` returns it. */
export type MockCall = Readonly<Record<string, unknown>>;

/**
 * Controls of the calls' lifecycle (created → joined → ended → billed). A call is found by its
 * callId in the tenant of `apiKey` (default: the first tenant holding it). A move the call's state
 * does not allow (joining an ended call), or an unknown call, throws a `CallTransitionError`.
 */
export interface MockCalls {
  /** A (simulated) client joins the call now; resolves with the call once the webhook deliveries due are done. */
  join(callId: string, options?: { readonly clientVersion?: string; readonly apiKey?: string }): Promise<MockCall>;
  /** The call ends now (default endReason "hangup" when joined, "unjoined" otherwise); then it is billed per the automation. */
  end(
    callId: string,
    options?: { readonly endReason?: EndReason; readonly summary?: string; readonly shortSummary?: string; readonly apiKey?: string },
  ): Promise<MockCall>;
  /** The automation of calls created from now on without their own (the `calls` option; the X-Mock-Call-Automation header overrides it per call). */
  automation: CallAutomation;
}

/** Deliveries of call events to registered webhooks (`mock.webhooks`), signed as the API signs them. */
export interface MockWebhooks {
  /** Settles when the deliveries due now (and their due retries) are done; later retries wait for the clock. */
  idle(): Promise<void>;
  /** Delivery attempts waiting for their time on the mock's clock. */
  readonly pending: number;
}
