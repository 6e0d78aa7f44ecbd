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

/**
 * Wraps the core's dispatch: admin routes, time-driven batch progress, fault injection, rate
 * limits and the journal. Every API request is journaled once, whatever answered it.
 */
export function instrument(inner: Dispatch, runtime: MockRuntime): Dispatch {
  const { clock, faults, journal, rateLimiter, lifecycle } = runtime;
  const tenants = new Map(runtime.apiKeys.map((key, i) => [key, `tenant-${i + 1}`]));
  const admin = { clock, faults, journal, isAcceptedKey: (key: string) => tenants.has(key) };
  return (request) => {
    const { url, method } = request;
    const path = url.pathname;
    if (isAdminPath(path)) return handleAdmin(request, admin);
    const started = performance.now();
    // A number now; the journal builds the ISO string (and the query object) only when read.
    const time = clock.now();
    // Not awaited: the synchronous transitions are done now; webhook deliveries finish on their own,
    // so a receiver that calls back into the mock is never waiting on itself.
    void lifecycle.advanceTo(time);
    const key = request.header("x-api-key") ?? request.header("x-unsafe-api-key");
    const tenant = key === null ? null : (tenants.get(key) ?? null);
    const record = (status: number, fault?: string): void => {
      journal.record({ timeMs: time, method, path, search: url.search, status, durationMs: elapsed(started), tenant, fault });
    };
    const decision = faults.empty ? undefined : faults.decide(method, path);
    if (decision !== undefined) {
      const { outcome } = decision;
      return delay(decision.delayMs).then(() => {
        if (outcome.kind === "reset") {
          record(0, "reset");
          throw new ConnectionReset();
        }
        if (outcome.kind === "status") {
          record(outcome.status, "status");
          return json(outcome.status, outcome.body, outcome.headers);
        }
        return limited();
      });
    }
    return limited();

    // Rate limits, then the API itself (after any injected latency).
    function limited(): Answer {
      if (rateLimiter !== null && key !== null && tenant !== null) {
        const createsCall = method === "POST" && CALL_CREATION.some((pattern) => pattern.test(path));
        const verdict = rateLimiter.check(key, createsCall);
        if (!verdict.allowed) {
          record(429, `rate-limit:${verdict.scope}`);
          return json(429, verdict.body, { "retry-after": String(verdict.retryAfterSeconds) });
        }
      }
      return answered(inner(request), record);
    }
  };
}

/** Journals the answer's status once it is there. */
function answered(answer: Answer, record: (status: number) => void): Answer {
  if (answer instanceof Promise) {
    return answer.then((response) => {
      record(response.status);
      return response;
    });
  }
  record(answer.status);
  return answer;
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
