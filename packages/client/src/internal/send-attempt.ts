import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import type { FetchFunction } from "./call-context.js";
import { redactUrl } from "./redact-url.js";

/**
 * One fetch, bounded by the per-attempt time limit (`timeoutMs`, until response headers; 0: none) and the
 * caller's `signal` (undefined when the call passed none). The bound does not trust the fetch to honour
 * its signal: the returned promise settles when either fires even if the fetch (a polyfill, an
 * interceptor) never does. Rejects with `UltravoxTimeoutError` on time-out, the caller's abort reason
 * on abort, else whatever the fetch threw.
 */
export function sendAttempt(
  fetch: FetchFunction,
  request: Request,
  redirect: RequestRedirect,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Response> {
  // Nothing to bound: no time limit and no caller signal.
  if (!(timeoutMs > 0) && !signal) return fetch(request, { redirect });
  const controller = new AbortController();
  return new Promise<Response>((resolve, reject) => {
    // Already aborted: reject with the caller's reason before anything starts.
    signal?.throwIfAborted();
    const stop = (reason: unknown): void => {
      clearTimeout(timer);
      controller.abort(reason);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's own abort reason, passed through as it is
      reject(reason);
    };
    // Arguments rather than a closure: one allocation less per request.
    const timer = timeoutMs > 0 ? setTimeout(timedOut, timeoutMs, request, timeoutMs, stop) : undefined;
    // Left attached: it lives and dies with this request's signal, and keeps body reads abortable.
    signal?.addEventListener("abort", () => {
      stop(signal.reason);
    });
    fetch(request, { redirect, signal: controller.signal }).then((response) => {
      clearTimeout(timer);
      resolve(response);
    }, reject);
  });
}

function timedOut({ method, url }: Request, timeoutMs: number, stop: (reason: unknown) => void): void {
  url = redactUrl(url);
  stop(new UltravoxTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { method, url, timeoutMs }, { cause: new DOMException("timeout", "TimeoutError") }));
}
