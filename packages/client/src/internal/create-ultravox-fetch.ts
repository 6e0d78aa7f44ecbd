import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import type { FetchFunction } from "./call-context.js";
import { callerSignal, connectionReason, followRedirects } from "#platform";
import { discardBody } from "./discard-body.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { resolveRetryPolicy, RETRY_STATUSES, retryDelay, type RetryPolicy } from "./retry-policy.js";
import { sendAttempt } from "./send-attempt.js";
import { sleep } from "./sleep.js";

/** Request fields openapi-fetch copies from the call's init (keys a Request does not have). */
interface RequestExtras {
  readonly retry?: unknown;
  readonly timeoutMs?: unknown;
}

/**
 * The fetch handed to openapi-fetch. Sets the key (`X-API-Key`, or `X-Unsafe-API-Key` in a `browser`)
 * on requests to its `origin` only, then sends attempts (`sendAttempt`: the per-attempt `timeoutMs` and
 * the caller's signal; GET/HEAD through `followRedirects` outside a browser) until an answer not worth
 * retrying or the `retry` policy's retries are spent: network errors and 408/429/502/503/504 are retried
 * after the backoff (or Retry-After) wait, which the caller's signal ends at once. A time-out or an
 * abort ends the call. No answer at all becomes `UltravoxConnectionError` with the reason, the attempts
 * made and the time spent (in a browser, naming CORS as a possible reason).
 */
export function createUltravoxFetch(
  fetch: FetchFunction,
  retry: RetryPolicy | false,
  timeoutMs: number,
  origin: string,
  apiKey: string,
  browser: boolean,
): (request: Request) => Promise<Response> {
  const prefix = `${origin}/`;
  return async (request) => {
    const { method, headers, signal, url, redirect } = request;
    // Only the configured origin gets the key, whatever baseUrl or absolute URL a call uses. Set here
    // rather than in a middleware: no middleware round per call, and other middleware never sees it.
    if (url.startsWith(prefix)) headers.set(browser ? "X-Unsafe-API-Key" : "X-API-Key", apiKey);
    else {
      headers.delete("x-api-key");
      headers.delete("x-unsafe-api-key");
    }
    const extras = request as Request & RequestExtras;
    const policy = resolveRetryPolicy(retry, method, extras.retry);
    const limit = typeof extras.timeoutMs === "number" ? extras.timeoutMs : timeoutMs;
    // In a browser a `manual` redirect comes back opaque (status 0, no Location): the page follows its own,
    // and drops or preflights the key on the way to another origin as CORS rules say. The browser build
    // has no followRedirects. Elsewhere only GET and HEAD redirects are followed (recordings, previews,
    // SIP logs); others come back as they are.
    const follow = redirect === "follow" && !browser ? followRedirects : undefined;
    const watched = callerSignal(request);
    const send = (attempt: Request): Promise<Response> => sendAttempt(fetch, attempt, follow ? "manual" : redirect, limit, watched);
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
      if (!policy || attempt > policy.maxRetries || (response && !RETRY_STATUSES.includes(response.status))) {
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
