import type { UltravoxClientOptions } from "../client-types.js";
import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import { connectionReason } from "./connection-reason.js";
import { NO_CALLER_SIGNAL } from "./marked-request.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { DEFAULT_RETRY, RETRY_STATUSES, resolveRetryPolicy, retryDelay } from "./retry-policy.js";

/** Request fields openapi-fetch copies from the call's init (keys a Request does not have). */
interface RequestExtras {
  readonly retry?: unknown;
  readonly timeoutMs?: unknown;
  readonly [NO_CALLER_SIGNAL]?: true;
}

/** Hops followed before the last 3xx is handed back as it is (browsers and undici stop at 20; the API needs 1). */
export const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
const KEY_HEADERS = ["x-api-key", "x-unsafe-api-key"];
// Headers that must not follow a redirect to another origin.
const CREDENTIALS = [...KEY_HEADERS, "authorization", "cookie"];

/**
 * The fetch handed to openapi-fetch. Per call: sets the key (its origin only), then sends with retries
 * (network errors and 408/429/502/503/504 of idempotent or opted-in requests, after the backoff or
 * Retry-After wait), each attempt following GET/HEAD redirects by hand (credentials dropped on the way
 * to another origin: platform fetch would forward `X-API-Key`) and bounded by the time limit and the
 * caller's signal, even when the fetch (a polyfill, an interceptor) ignores its own signal. Rejects with
 * `UltravoxTimeoutError` on time-out, the caller's abort reason on abort, and `UltravoxConnectionError`
 * (reason, attempts, time spent) when no answer came.
 */
export function createUltravoxFetch(
  options: UltravoxClientOptions,
  apiKey: string,
  /** Origin the API key belongs to: only requests to it carry the key, and redirects elsewhere lose it. */
  origin: string,
  /** A browser-like global: the key goes as `X-Unsafe-API-Key`, and connection errors mention CORS. */
  browser: boolean,
): (request: Request) => Promise<Response> {
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retry = options.retry !== false && { ...DEFAULT_RETRY, ...options.retry };
  const prefix = `${origin}/`;
  return async (request) => {
    const { method, redirect, headers, signal, url } = request;
    // Only the configured origin gets the key, whatever baseUrl or absolute URL a call uses. Set here
    // rather than in a middleware: no middleware round per call, and other middleware never sees it.
    if (url.startsWith(prefix)) headers.set(browser ? "X-Unsafe-API-Key" : "X-API-Key", apiKey);
    else for (const name of KEY_HEADERS) headers.delete(name);
    const extras = request as Request & RequestExtras;
    const timeoutMs = typeof extras.timeoutMs === "number" ? extras.timeoutMs : (options.timeoutMs ?? 60_000);
    const callerSignal = !extras[NO_CALLER_SIGNAL];
    const policy = resolveRetryPolicy(retry, method, extras.retry);
    // In a browser a `manual` redirect comes back opaque (status 0, no Location): the page follows its own,
    // and drops or preflights the key on the way to another origin as CORS rules say.
    const follow = redirect === "follow" && !browser;
    // Only GET and HEAD redirects are followed (recordings, previews, SIP logs); others come back as they are.
    const hops = follow && (method === "GET" || method === "HEAD") ? MAX_REDIRECTS : 0;
    const mode = follow ? "manual" : redirect;

    const attempt = (request: Request): Promise<Response> => {
      // Nothing to bound: no time limit and no caller signal.
      if (!(timeoutMs > 0) && !callerSignal) return fetch(request, { redirect: mode });
      const controller = new AbortController();
      return new Promise<Response>((resolve, reject) => {
        const stop = (reason: unknown): void => {
          clearTimeout(timer);
          controller.abort(reason);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's own abort reason, passed through as it is
          reject(reason);
        };
        const timer =
          timeoutMs > 0
            ? setTimeout(() => {
                const url = redactUrl(request.url);
                stop(new UltravoxTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { method, url, timeoutMs }, { cause: new DOMException("timeout", "TimeoutError") }));
              }, timeoutMs)
            : undefined;
        if (callerSignal) {
          if (signal.aborted) {
            stop(signal.reason);
            return;
          }
          // Left attached: it lives and dies with this request's signal, and keeps body reads abortable.
          signal.addEventListener("abort", () => {
            stop(signal.reason);
          });
        }
        fetch(request, { redirect: mode, signal: controller.signal }).then((response) => {
          clearTimeout(timer);
          resolve(response);
        }, reject);
      });
    };

    const send = async (request: Request): Promise<Response> => {
      for (let hop = 0; ; hop++) {
        const response = await attempt(request);
        const location = REDIRECTS.includes(response.status) ? response.headers.get("location") : null;
        if (location === null || hop >= hops) return response;
        discardBody(response);
        const next = new URL(location, request.url);
        const headers = new Headers(request.headers);
        if (next.origin !== origin) for (const name of CREDENTIALS) headers.delete(name);
        request = new Request(next, { method, headers, signal });
      }
    };

    const started = Date.now();
    for (let attempts = 1; ; attempts++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        // A body is a one-shot stream: keep the original unread and send a copy when we may need it again.
        response = await send(policy && request.body ? request.clone() : request);
      } catch (error) {
        // A time-out or an abort ends the call.
        if (signal.aborted || error instanceof UltravoxTimeoutError) throw error;
        failure = error;
      }
      if (!policy || attempts > policy.maxRetries || (response && !RETRY_STATUSES.includes(response.status))) {
        if (!response) {
          const elapsedMs = Date.now() - started;
          const url = redactUrl(request.url);
          const [reason, detail] = connectionReason(failure);
          throw new UltravoxConnectionError(
            `${method} ${url} failed: ${detail}${browser ? " (or a CORS refusal)" : ""}, after ${attempts} attempt(s) in ${elapsedMs} ms`,
            { method, url, reason, attempts, elapsedMs },
            { cause: failure },
          );
        }
        // Only errors need naming (createApiError); skipping successes keeps the hot path free of WeakMap work.
        if (!response.ok) responseMeta.set(response, { method, url: response.url || url });
        return response;
      }
      if (response) discardBody(response);
      await sleep(retryDelay(attempts - 1, response?.headers.get("retry-after"), policy), signal);
    }
  };
}

/**
 * Lets go of a response body we will not read (before a retry or a redirect hop) so the connection can
 * be reused, without waiting: a platform, polyfill or interceptor (MSW) may never settle the cancel.
 */
function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(ignore);
  } catch {
    // A locked or foreign stream: nothing to free.
  }
}

function ignore(): void {
  // The body is abandoned either way.
}

/** Resolves after `ms`, or rejects with the signal's reason (the platform AbortError) as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      if (signal.aborted) reject(signal.reason as Error);
      else resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
    if (signal.aborted) done();
  });
}
