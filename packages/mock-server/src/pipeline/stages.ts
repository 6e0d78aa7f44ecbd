import { handleAdmin, isAdminPath, type AdminContext } from "./admin-routes.js";
import { apiKeyOf } from "./api-key.js";
import { ConnectionReset } from "./connection-reset.js";
import type { Answer, CoreRequest, CoreResponse } from "./core-exchange.js";
import { delay, type FaultInjector } from "./fault-injector.js";
import type { Stage } from "./pipeline.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { RequestJournal } from "./request-journal.js";
import { json } from "./respond.js";
import type { VirtualClock } from "./virtual-clock.js";

/** What the stages around the API work with. */
export interface StageRuntime {
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  /** null: no rate limiting. */
  readonly rateLimiter: RateLimiter | null;
  readonly apiKeys: readonly string[];
  /** Time-driven work (behaviours such as scheduled batches), brought up to `now`. */
  advanceTo(now: number): Promise<void>;
  /** Whether a request creates a call, for the call-creation rate limit (by operationId, see behaviours). */
  createsCall(method: string, path: string): boolean;
  /** The behaviours' own admin routes (see AdminContext.routes). */
  readonly routes?: AdminContext["routes"];
}

/**
 * The stages every request passes before the API, in this order: admin routes (answered here,
 * never journaled, limited or faulted), the journal (records what comes back, whatever answered),
 * the clock tick, injected faults, rate limits. Reordering or adding a stage is a change to this list.
 */
export function createStages(runtime: StageRuntime): Stage[] {
  return [adminStage(runtime), journalStage(runtime), clockStage(runtime), faultStage(runtime.faults), rateLimitStage(runtime)];
}

export function adminStage(runtime: StageRuntime): Stage {
  const { clock, faults, journal } = runtime;
  const keys = new Set(runtime.apiKeys);
  const context: AdminContext = { clock, faults, journal, isAcceptedKey: (key: string) => keys.has(key), ...(runtime.routes === undefined ? {} : { routes: runtime.routes }) };
  return {
    name: "admin",
    handle: (request, next) => (isAdminPath(request.url.pathname) ? handleAdmin(request, context) : next(request)),
  };
}

/** Every API request is journaled once, with the status it got (0 for a dropped connection). */
export function journalStage(runtime: StageRuntime): Stage {
  const { clock, journal } = runtime;
  const tenants = new Map(runtime.apiKeys.map((key, i) => [key, `tenant-${i + 1}`]));
  return {
    name: "journal",
    handle(request, next) {
      const started = performance.now();
      const timeMs = clock.now();
      const key = apiKeyOf(request);
      const tenant = key === null ? null : (tenants.get(key) ?? null);
      const { method, url } = request;
      const record = (status: number, fault: string | undefined): void => {
        journal.record({ timeMs, method, path: url.pathname, search: url.search, status, durationMs: elapsed(started), tenant, fault });
      };
      const done = (response: CoreResponse): CoreResponse => {
        record(response.status, response.fault);
        return response;
      };
      const dropped = (error: unknown): never => {
        if (error instanceof ConnectionReset) record(0, "reset");
        throw error;
      };
      let answer: Answer;
      try {
        answer = next(request);
      } catch (error) {
        return dropped(error);
      }
      return answer instanceof Promise ? answer.then(done, dropped) : done(answer);
    },
  };
}

/**
 * Time-driven work catches up with the clock before each request. Not awaited: the synchronous
 * transitions are done now; webhook deliveries finish on their own, so a receiver that calls back
 * into the mock is never waiting on itself.
 */
export function clockStage(runtime: StageRuntime): Stage {
  return {
    name: "clock",
    handle(request, next) {
      void runtime.advanceTo(runtime.clock.now());
      return next(request);
    },
  };
}

/** Injected latency, statuses and resets (see FaultInjector); nothing to do costs one check. */
export function faultStage(faults: FaultInjector): Stage {
  return {
    name: "faults",
    handle(request, next) {
      if (faults.empty) return next(request);
      const { delayMs, outcome } = faults.decide(request.method, request.url.pathname);
      return delay(delayMs).then(() => {
        if (outcome.kind === "reset") throw new ConnectionReset();
        if (outcome.kind === "status") return { ...json(outcome.status, outcome.body, outcome.headers), fault: "status" };
        return next(request);
      });
    },
  };
}

/** The API's rate limits, per key and account, and for call creation. */
export function rateLimitStage(runtime: StageRuntime): Stage {
  const { rateLimiter } = runtime;
  const tenants = new Set(runtime.apiKeys);
  return {
    name: "rate-limit",
    handle(request: CoreRequest, next) {
      const key = apiKeyOf(request);
      // Unknown keys are not counted: the API refuses them before throttling.
      if (rateLimiter === null || key === null || !tenants.has(key)) return next(request);
      const verdict = rateLimiter.check(key, request.method === "POST" && runtime.createsCall(request.method, request.url.pathname));
      if (verdict.allowed) return next(request);
      return { ...json(429, verdict.body, { "retry-after": String(verdict.retryAfterSeconds) }), fault: `rate-limit:${verdict.scope}` };
    },
  };
}

/** Milliseconds since `started`, to the microsecond. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
