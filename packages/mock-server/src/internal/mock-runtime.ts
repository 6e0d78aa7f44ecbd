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

type Dispatch = (request: CoreRequest) => Promise<CoreResponse>;

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
  return async (request) => {
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
    const decision = faults.empty ? undefined : faults.decide(method, path);
    if (decision !== undefined) {
      await delay(decision.delayMs);
      const { outcome } = decision;
      if (outcome.kind === "reset") {
        journal.recordRequest(time, method, path, url.search, 0, elapsed(started), tenant, "reset");
        throw new ConnectionReset();
      }
      if (outcome.kind === "status") {
        journal.recordRequest(time, method, path, url.search, outcome.status, elapsed(started), tenant, "status");
        return json(outcome.status, outcome.body, outcome.headers);
      }
    }
    if (rateLimiter !== null && key !== null && tenant !== null) {
      const createsCall = method === "POST" && CALL_CREATION.some((pattern) => pattern.test(path));
      const verdict = rateLimiter.check(key, createsCall);
      if (!verdict.allowed) {
        journal.recordRequest(time, method, path, url.search, 429, elapsed(started), tenant, `rate-limit:${verdict.scope}`);
        return json(429, verdict.body, { "retry-after": String(verdict.retryAfterSeconds) });
      }
    }
    const response = await inner(request);
    journal.recordRequest(time, method, path, url.search, response.status, elapsed(started), tenant);
    return response;
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
