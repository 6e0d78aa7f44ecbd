import type { CallContext, FetchFunction } from "./call-context.js";
import { followRedirects } from "#platform";
import { NO_CALLER_SIGNAL } from "./marked-request.js";
import { resolveRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { sendAttempt } from "./send-attempt.js";
import { sendWithRetries } from "./send-with-retries.js";

export type { FetchFunction } from "./call-context.js";

export interface UltravoxFetchOptions {
  readonly fetch: FetchFunction;
  readonly retry: RetryPolicy | false;
  readonly timeoutMs: number;
  /** Origin the API key belongs to: only requests to it carry the key, and redirects elsewhere lose it. */
  readonly origin: string;
  readonly apiKey: string;
  /** `X-API-Key`, or `X-Unsafe-API-Key` in a browser. */
  readonly keyHeader: string;
  /** A browser-like global: connection errors mention CORS. */
  readonly browser: boolean;
}

/** Request fields openapi-fetch copies from the call's init (keys a Request does not have). */
interface RequestExtras {
  readonly retry?: unknown;
  readonly timeoutMs?: unknown;
  readonly [NO_CALLER_SIGNAL]?: true;
}

/**
 * The fetch handed to openapi-fetch: sets the key, then three steps composed: `sendWithRetries`
 * (backoff, connection errors) around `followRedirects` (GET/HEAD, key kept on its origin) around
 * `sendAttempt` (the per-attempt time limit and the caller's signal).
 */
export function createUltravoxFetch(options: UltravoxFetchOptions): (request: Request) => Promise<Response> {
  const prefix = `${options.origin}/`;
  return (request) => {
    const { method, redirect, headers } = request;
    // Only the configured origin gets the key, whatever baseUrl or absolute URL a call uses. Set here
    // rather than in a middleware: no middleware round per call, and other middleware never sees it.
    if (request.url.startsWith(prefix)) headers.set(options.keyHeader, options.apiKey);
    else {
      headers.delete("x-api-key");
      headers.delete("x-unsafe-api-key");
    }
    const extras = request as Request & RequestExtras;
    // In a browser a `manual` redirect comes back opaque (status 0, no Location): the page follows its own,
    // and drops or preflights the key on the way to another origin as CORS rules say.
    // The browser build has no followRedirects: there the page always follows.
    const byHand = redirect === "follow" && !options.browser ? followRedirects : undefined;
    const context: CallContext = {
      fetch: options.fetch,
      method,
      signal: request.signal,
      callerSignal: !extras[NO_CALLER_SIGNAL],
      timeoutMs: typeof extras.timeoutMs === "number" ? extras.timeoutMs : options.timeoutMs,
      redirect: byHand ? "manual" : redirect,
      origin: options.origin,
      policy: resolveRetryPolicy(options.retry, method, extras.retry),
      browser: options.browser,
    };
    // Only GET and HEAD redirects are followed (recordings, previews, SIP logs); others come back as they are.
    const send = ((method === "GET" || method === "HEAD") && byHand) || sendAttempt;
    return sendWithRetries(context, request, send);
  };
}
