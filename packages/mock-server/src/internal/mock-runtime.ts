import { handleAdmin, isAdminPath } from "./admin-routes.js";
import type { BatchLifecycle } from "./batch-lifecycle.js";
import { ConnectionReset } from "./connection-reset.js";
import type { CoreRequest, CoreResponse } from "./core-types.js";
import { delay, type FaultInjector } from "./fault-injector.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { RequestJournal } from "./request-journal.js";
import type { VirtualClock } from "./virtual-clock.js";

/** The parts issue 6 adds around the core's single entry point. */
export interface MockRuntime {
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  /** null: no rate limiting. */
  readonly rateLimiter: RateLimiter | null;
  readonly lifecycle: BatchLifecycle<string>;
  readonly apiKeys: readonly string[];
}

/** The answer now when there is nothing to wait for (no body, no latency): shells then write it at once. */
export type Answer = CoreResponse | Promise<CoreResponse>;

type Dispatch = (request: CoreRequest) => Answer;

/** Operations that create a call, counted by the call-creation limit. */
const CALL_CREATION = [/^\/api\/calls\/?$/, /^\/api\/agents\/[^/]+\/calls\/?$/];

/** One API request on its way through the wrapper: what its journal entry needs. */
interface Visit {
  readonly request: CoreRequest;
  readonly path: string;
  /** Arrival on the mock's clock; the journal builds the ISO string only when read. */
  readonly time: number;
  /** performance.now() at arrival, for durationMs. */
  readonly started: number;
  readonly key: string | null;
  readonly tenant: string | null;
}

/**
 * Wraps the core's dispatch: admin routes, time-driven batch progress, fault injection, rate
 * limits and the journal. Every API request is journaled once, whatever answered it. Without
 * faults or rate limits a request costs one small object here (the hot path of a busy mock).
 */
export function instrument(inner: Dispatch, runtime: MockRuntime): Dispatch {
  const { clock, faults, journal, rateLimiter, lifecycle } = runtime;
  const tenants = new Map(runtime.apiKeys.map((key, i) => [key, `tenant-${i + 1}`]));
  const admin = { clock, faults, journal, isAcceptedKey: (key: string) => tenants.has(key) };
  const record = (visit: Visit, status: number, fault?: string): void => {
    const { method, url } = visit.request;
    journal.record({ timeMs: visit.time, method, path: visit.path, search: url.search, status, durationMs: elapsed(visit.started), tenant: visit.tenant, fault });
  };
  // Rate limits, then the API itself; the answer journaled once it is there.
  const limited = (visit: Visit): Answer => {
    const { key, tenant, request } = visit;
    if (rateLimiter !== null && key !== null && tenant !== null) {
      const createsCall = request.method === "POST" && CALL_CREATION.some((pattern) => pattern.test(visit.path));
      const verdict = rateLimiter.check(key, createsCall);
      if (!verdict.allowed) {
        record(visit, 429, `rate-limit:${verdict.scope}`);
        return json(429, verdict.body, { "retry-after": String(verdict.retryAfterSeconds) });
      }
    }
    const answer = inner(request);
    if (answer instanceof Promise) {
      return answer.then((response) => {
        record(visit, response.status);
        return response;
      });
    }
    record(visit, answer.status);
    return answer;
  };
  return (request) => {
    const path = request.url.pathname;
    if (isAdminPath(path)) return handleAdmin(request, admin);
    const started = performance.now();
    const time = clock.now();
    // Not awaited: the synchronous transitions are done now; webhook deliveries finish on their own,
    // so a receiver that calls back into the mock is never waiting on itself.
    void lifecycle.advanceTo(time);
    const key = request.header("x-api-key") ?? request.header("x-unsafe-api-key");
    const visit: Visit = { request, path, time, started, key, tenant: key === null ? null : (tenants.get(key) ?? null) };
    const decision = faults.empty ? undefined : faults.decide(request.method, path);
    if (decision === undefined) return limited(visit);
    const { outcome } = decision;
    return delay(decision.delayMs).then(() => {
      if (outcome.kind === "reset") {
        record(visit, 0, "reset");
        throw new ConnectionReset();
      }
      if (outcome.kind === "status") {
        record(visit, outcome.status, "status");
        return json(outcome.status, outcome.body, outcome.headers);
      }
      return limited(visit);
    });
  };
}

/** Milliseconds since `started`, to the microsecond. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

function json(status: number, body: unknown, headers: Readonly<Record<string, string>>): CoreResponse {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { status, headers: { "content-type": "application/json", ...lower }, body: JSON.stringify(body) };
}
