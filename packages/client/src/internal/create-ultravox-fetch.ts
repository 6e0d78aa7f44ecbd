import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { isRetryableStatus, resolveRetryPolicy, retryDelay, type RetryPolicy } from "./retry-policy.js";
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
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
// Headers that must not follow a redirect to another origin.
const CREDENTIAL_HEADERS = ["x-api-key", "authorization", "cookie"];

/**
 * The fetch handed to openapi-fetch: per-attempt timeout, retries with backoff, and redirects followed
 * by hand so the API key never reaches another origin (platform fetch forwards custom headers).
 */
export function createUltravoxFetch(options: UltravoxFetchOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const extras = request as Request & RequestExtras;
    const policy = resolveRetryPolicy(options.retry, request.method, extras.retry);
    const timeoutMs = typeof extras.timeoutMs === "number" ? extras.timeoutMs : options.timeoutMs;
    // A body is a one-shot stream: keep the original unread and send a copy when we may need it again.
    const replay = policy !== undefined && request.body !== null;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(options, replay ? request.clone() : request, request.signal, timeoutMs);
      } catch (error) {
        if (request.signal.aborted || error instanceof UltravoxTimeoutError) throw error;
        if (policy === undefined || attempt >= policy.maxRetries) {
          throw new UltravoxConnectionError(request.method, redactUrl(request.url), error);
        }
        await sleep(retryDelay(attempt, null, policy), request.signal);
        continue;
      }
      if (policy !== undefined && attempt < policy.maxRetries && isRetryableStatus(response.status)) {
        // Drain so the connection can be reused.
        await response.body?.cancel();
        await sleep(retryDelay(attempt, response.headers.get("retry-after"), policy), request.signal);
        continue;
      }
      responseMeta.set(response, { method: request.method, url: response.url || request.url });
      return response;
    }
  };
}

async function send(
  options: UltravoxFetchOptions,
  request: Request,
  callerSignal: AbortSignal,
  timeoutMs: number,
): Promise<Response> {
  const follow = request.redirect === "follow";
  const init: RequestInit = { redirect: follow ? "manual" : request.redirect };
  const state = { expired: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Without a timeout the request's own signal (which follows the caller's) is enough; an
  // AbortController per request is measurable on hot paths, so only pay for it when needed.
  if (timeoutMs > 0) {
    const controller = new AbortController();
    // Left attached: it lives and dies with this request's own signal, and keeps body reads abortable.
    callerSignal.addEventListener("abort", () => {
      controller.abort(callerSignal.reason);
    });
    if (callerSignal.aborted) controller.abort(callerSignal.reason);
    timer = setTimeout(() => {
      state.expired = true;
      controller.abort(new DOMException("timeout", "TimeoutError"));
    }, timeoutMs);
    init.signal = controller.signal;
  }
  try {
    let response = await options.fetch(request, init);
    for (let hops = 0; follow && hops < MAX_REDIRECTS; hops++) {
      const next = redirectTarget(request, response, options.origin);
      if (next === undefined) break;
      await response.body?.cancel();
      request = next;
      response = await options.fetch(request, init);
    }
    return response;
  } catch (error) {
    if (state.expired) throw new UltravoxTimeoutError(request.method, redactUrl(request.url), timeoutMs, error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The request a redirect asks for, or undefined when it is not one we follow. */
function redirectTarget(request: Request, response: Response, origin: string): Request | undefined {
  const { status } = response;
  const location = response.headers.get("location");
  if (!REDIRECT_STATUSES.includes(status) || location === null) return undefined;
  const url = new URL(location, response.url || request.url);
  const headers = new Headers(request.headers);
  if (url.origin !== origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  const toGet = status === 303 ? request.method !== "HEAD" : (status === 301 || status === 302) && request.method === "POST";
  if (toGet) {
    headers.delete("content-type");
    return new Request(url, { method: "GET", headers, signal: request.signal });
  }
  // 307/308 must re-send the body, which has been sent already; hand the redirect to the caller.
  if (request.body !== null) return undefined;
  return new Request(url, { method: request.method, headers, signal: request.signal });
}
