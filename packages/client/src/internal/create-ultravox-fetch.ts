import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import { NO_CALLER_SIGNAL } from "./marked-request.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { RETRY_STATUSES, resolveRetryPolicy, retryDelay, type RetryPolicy } from "./retry-policy.js";
import { sleep } from "./sleep.js";

export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

export interface UltravoxFetchOptions {
  readonly fetch: FetchFunction;
  readonly retry: RetryPolicy | false;
  readonly timeoutMs: number;
  /** Origin the API key belongs to; redirects elsewhere lose it. */
  readonly origin: string;
}

/** Request fields openapi-fetch copies from the call's init (keys a Request does not have). */
interface RequestExtras {
  readonly retry?: unknown;
  readonly timeoutMs?: unknown;
  readonly [NO_CALLER_SIGNAL]?: true;
}

const REDIRECTS = [301, 302, 303, 307, 308];
// Headers that must not follow a redirect to another origin.
const CREDENTIALS = ["x-api-key", "authorization", "cookie"];

/**
 * The fetch handed to openapi-fetch: per-attempt timeout, retries with backoff, and redirects followed
 * by hand so the API key never reaches another origin (platform fetch forwards custom headers).
 */
export function createUltravoxFetch(options: UltravoxFetchOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const { method, signal, redirect } = request;
    const extras = request as Request & RequestExtras;
    const policy = resolveRetryPolicy(options.retry, method, extras.retry);
    const timeoutMs = typeof extras.timeoutMs === "number" ? extras.timeoutMs : options.timeoutMs;
    // Only GET and HEAD redirects are followed (recordings, previews, SIP logs); others come back as they are.
    const follow = redirect === "follow" && (method === "GET" || method === "HEAD");
    const init: RequestInit = { redirect: redirect === "follow" ? "manual" : redirect };
    for (let attempt = 0, hops = 0; ; ) {
      let response: Response | undefined;
      let failure: unknown;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Without a timeout the request's own signal (which follows the caller's) is enough; an
      // AbortController per request is measurable on hot paths, so only pay for it when needed.
      if (timeoutMs > 0) {
        const controller = new AbortController();
        const abort = (): void => {
          controller.abort(signal.reason);
        };
        // Left attached: it lives and dies with this request's own signal, and keeps body reads abortable.
        if (!extras[NO_CALLER_SIGNAL]) {
          signal.addEventListener("abort", abort);
          if (signal.aborted) abort();
        }
        timer = setTimeout(() => {
          controller.abort(new DOMException("timeout", "TimeoutError"));
        }, timeoutMs);
        init.signal = controller.signal;
      }
      try {
        // A body is a one-shot stream: keep the original unread and send a copy when we may need it again.
        response = await options.fetch(policy && request.body ? request.clone() : request, init);
      } catch (error) {
        if (signal.aborted) throw error;
        // Our own signal fired, not the caller's: the time limit.
        if (init.signal?.aborted) {
          const url = redactUrl(request.url);
          throw new UltravoxTimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, { method, url, timeoutMs }, { cause: error });
        }
        failure = error;
      } finally {
        clearTimeout(timer);
      }
      let location: string | null | undefined;
      if (follow && hops < 5 && REDIRECTS.includes(response?.status ?? 0) && (location = response?.headers.get("location"))) {
        hops++;
        await response?.body?.cancel();
        const url = new URL(location, request.url);
        const headers = new Headers(request.headers);
        if (url.origin !== options.origin) for (const name of CREDENTIALS) headers.delete(name);
        request = new Request(url, { method, headers, signal });
        continue;
      }
      if (!policy || attempt++ >= policy.maxRetries || (response && !RETRY_STATUSES.includes(response.status))) {
        if (!response) {
          const url = redactUrl(request.url);
          throw new UltravoxConnectionError(`${method} ${url} failed: connection error`, { method, url }, { cause: failure });
        }
        // Only errors need naming (unwrap); skipping successes keeps the hot path free of WeakMap work.
        if (!response.ok) responseMeta.set(response, { method, url: response.url || request.url });
        return response;
      }
      // Drain so the connection can be reused.
      await response?.body?.cancel();
      await sleep(retryDelay(attempt - 1, response?.headers.get("retry-after"), policy), signal);
    }
  };
}
