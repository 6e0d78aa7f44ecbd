import { handleAdmin, isAdminPath, type AdminContext } from "./admin-routes.js";
import { apiKeyOf } from "./api-key.js";
import { ConnectionReset } from "./connection-reset.js";
import type { Answer, CoreRequest, CoreResponse } from "./core-exchange.js";
import { delay, type FaultInjector } from "./fault-injector.js";
import type { Stage } from "./pipeline.js";
import type { RequestJournal } from "./request-journal.js";
import { json } from "./respond.js";
import type { VirtualClock } from "./virtual-clock.js";

/** What the stages around the API work with. */
export interface StageRuntime {
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  readonly apiKeys: readonly string[];
  /** Whether CORS is answered (preflights, `Access-Control-Allow-Origin`); see corsStage. */
  readonly cors: boolean;
  /** Time-driven work (behaviours such as scheduled batches), brought up to `now`. */
  advanceTo(now: number): Promise<void>;
  /** The behaviours' own admin routes (see AdminContext.routes). */
  readonly routes?: AdminContext["routes"];
}

/**
 * The stages every request passes before the API, in this order: CORS (a preflight is answered
 * here, as the API's middleware does before any view; other answers get
 * `Access-Control-Allow-Origin`), admin routes (answered here, never journaled or faulted), the
 * journal (records what comes back, whatever answered), the clock tick, injected faults. Routing,
 * authentication, throttling and the method check follow inside the API, in DRF's order (see
 * MockEngine.handle). Reordering or adding a stage is a change to this list.
 */
export function createStages(runtime: StageRuntime): Stage[] {
  return [...(runtime.cors ? [corsStage()] : []), adminStage(runtime), journalStage(runtime), clockStage(runtime), faultStage(runtime.faults)];
}

/**
 * The API's CORS answers (django-cors-headers allowing any origin, with `X-Unsafe-API-Key` added
 * to its default request headers): a preflight gets 200 with the allowed methods and headers,
 * whatever it asks for (the browser, not the server, refuses a header the answer leaves out, such
 * as `X-API-Key`); any other request with an `Origin` gets `Access-Control-Allow-Origin: *`.
 */
export function corsStage(): Stage {
  return {
    name: "cors",
    handle(request, next) {
      if (request.header("origin") === null) return next(request);
      if (request.method === "OPTIONS" && request.header("access-control-request-method") !== null) return PREFLIGHT;
      const answer = next(request);
      return answer instanceof Promise ? answer.then(allowOrigin) : allowOrigin(answer);
    },
  };
}

/** django-cors-headers 3.x defaults: its request headers plus the API's browser key header, a day's cache. */
export const CORS_ALLOW_HEADERS = "accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-unsafe-api-key";
const PREFLIGHT: CoreResponse = Object.freeze({
  status: 200,
  headers: Object.freeze({
    "content-type": "text/html; charset=utf-8",
    "access-control-allow-origin": "*",
    "access-control-allow-headers": CORS_ALLOW_HEADERS,
    "access-control-allow-methods": "DELETE, GET, OPTIONS, PATCH, POST, PUT",
    "access-control-max-age": "86400",
  }),
  body: null,
});

function allowOrigin(response: CoreResponse): CoreResponse {
  return { ...response, headers: { ...response.headers, "access-control-allow-origin": "*" } };
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
  // No closure per request: an answer ready at once (most are) is recorded right here.
  const record = (request: CoreRequest, timeMs: number, started: number, status: number, fault: string | undefined): void => {
    const key = apiKeyOf(request);
    const tenant = key === null ? null : (tenants.get(key) ?? null);
    const { method, url } = request;
    journal.record({ timeMs, method, path: url.pathname, search: url.search, status, durationMs: elapsed(started), tenant, fault });
  };
  return {
    name: "journal",
    handle(request, next) {
      const started = performance.now();
      const timeMs = clock.now();
      let answer: Answer;
      try {
        answer = next(request);
      } catch (error) {
        if (error instanceof ConnectionReset) record(request, timeMs, started, 0, "reset");
        throw error;
      }
      if (answer instanceof Promise) {
        return answer.then(
          (response) => {
            record(request, timeMs, started, response.status, response.fault);
            return response;
          },
          (error: unknown) => {
            if (error instanceof ConnectionReset) record(request, timeMs, started, 0, "reset");
            throw error;
          },
        );
      }
      record(request, timeMs, started, answer.status, answer.fault);
      return answer;
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

/** Milliseconds since `started`, to the microsecond. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
