import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import type { FetchFunction } from "./call-context.js";
import { callerSignal, connectionReason, followRedirects } from "#platform";
import { discardBody } from "./discard-body.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { MAX_RETRIES, resolveRetryPolicy, RETRY_STATUSES, retryDelay, type RetryOptions } from "./retry-policy.js";
import { sleep } from "./sleep.js";

/** Request fields openapi-fetch copies from the call's init (keys a Request does not have). */
interface RequestExtras {
  readonly retry?: unknown;
  readonly timeoutMs?: unknown;
}

/**
 * The fetch handed to openapi-fetch. Sets the key (`X-API-Key`, or `X-Unsafe-API-Key` in a `browser`)
 * on requests to its `origin` only, then sends attempts (each bounded by the per-attempt `timeoutMs` and
 * the caller's signal; GET/HEAD through `followRedirects` outside a browser) until an answer not worth
 * retrying or the `retry` policy's retries are spent: network errors and 408/429/502/503/504 are retried
 * after the backoff (or Retry-After) wait, which the caller's signal ends at once. A time-out or an
 * abort ends the call. No answer at all becomes `UltravoxConnectionError` with the reason, the attempts
 * made and the time spent (in a browser, naming CORS as a possible reason).
 */
export function createUltravoxFetch(
  fetch: FetchFunction,
  retry: RetryOptions | false,
  timeoutMs: number,
  origin: string,
  apiKey: string,
  browser: boolean,
): (request: Request) => Promise<Response> {
  const prefix = `${origin}/`;
  return async (request) => {
    // `retry` and `timeoutMs` are the call's own options, which openapi-fetch copies onto the request.
    const { method, headers, signal, url, redirect, retry: perRequest, timeoutMs: perRequestMs } = request as Request & RequestExtras;
    // Only the configured origin gets the key, whatever baseUrl or absolute URL a call uses. Set here
    // rather than in a middleware: no middleware round per call, and other middleware never sees it.
    if (url.startsWith(prefix)) headers.set(browser ? "X-Unsafe-API-Key" : "X-API-Key", apiKey);
    else {
      headers.delete("X-API-Key");
      headers.delete("X-Unsafe-API-Key");
    }
    const policy = resolveRetryPolicy(retry, method, perRequest);
    const limit = typeof perRequestMs === "number" ? perRequestMs : timeoutMs;
    // In a browser a `manual` redirect comes back opaque (status 0, no Location): the page follows its own,
    // and drops or preflights the key on the way to another origin as CORS rules say. The browser build
    // has no followRedirects. Elsewhere only GET and HEAD redirects are followed (recordings, previews,
    // SIP logs); others come back as they are.
    const follow = followRedirects && redirect === "follow" && !browser ? followRedirects : undefined;
    const mode = follow ? "manual" : redirect;
    const watched = callerSignal(request);
    // One attempt, bounded by the time limit (until response headers) and the caller's signal. The bound
    // does not trust the fetch to honour its signal: the attempt settles when either fires even if the
    // fetch (a polyfill, an interceptor) never does.
    const send = (attempt: Request): Promise<Response> => {
      // Nothing to bound: no time limit and no caller signal.
      if (!(limit > 0) && !watched) return fetch(attempt, { redirect: mode });
      const controller = new AbortController();
      return new Promise<Response>((resolve, reject) => {
        // Already aborted: reject with the caller's reason before anything starts.
        watched?.throwIfAborted();
        const stop = (reason: unknown): void => {
          clearTimeout(timer);
          controller.abort(reason);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, the time-out error or the fetch's failure, passed through as it is
          reject(reason);
        };
        // Arguments rather than a closure: one allocation less per request.
        const timer = limit > 0 ? setTimeout(timedOut, limit, attempt, limit, stop) : undefined;
        // Left attached: it lives and dies with this request's signal, and keeps body reads abortable.
        watched?.addEventListener("abort", () => {
          stop(watched.reason);
        });
        // Settled either way, the timer goes (a pending one would keep a Node process alive for
        // `limit`): a failed fetch ends the attempt through `stop`, as a time-out or an abort does.
        fetch(attempt, { redirect: mode, signal: controller.signal }).then((response) => {
          clearTimeout(timer);
          resolve(response);
        }, stop);
      });
    };
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        // A body is a one-shot stream: keep the original unread and send a copy when we may need it again.
        const copy = policy && request.body ? request.clone() : request;
        response = await (follow && (method === "GET" || method === "HEAD") ? follow(send, copy, origin) : send(copy));
      } catch (error) {
        if (signal.aborted || error instanceof UltravoxTimeoutError) throw error;
        failure = error;
      }
      if (!policy || attempt > (policy.maxRetries ?? MAX_RETRIES) || (response && !RETRY_STATUSES.includes(response.status))) {
        if (response) {
          // Only errors need naming (createApiError); skipping successes keeps the hot path free of WeakMap work.
          if (!response.ok) responseMeta.set(response, { method, url: response.url || url });
          return response;
        }
        const shown = redactUrl(url);
        const [reason, detail] = connectionReason(failure);
        const elapsedMs = Date.now() - started;
        throw new UltravoxConnectionError(
          `${method} ${shown} failed: ${detail}${browser ? " (or a CORS refusal)" : ""}, after ${attempt} attempt(s) in ${elapsedMs} ms`,
          { method, url: shown, reason, attempts: attempt, elapsedMs },
          { cause: failure },
        );
      }
      if (response) discardBody(response);
      await sleep(retryDelay(attempt - 1, response?.headers.get("retry-after"), policy), signal);
    }
  };
}

function timedOut({ method, url }: Request, timeoutMs: number, stop: (reason: unknown) => void): void {
  url = redactUrl(url);
  stop(new UltravoxTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { method, url, timeoutMs }, { cause: new DOMException("timeout", "TimeoutError") }));
}
