import type { RetryPolicy } from "./retry-policy.js";

export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** One call through the client, as every fetch step sees it. */
export interface CallContext {
  readonly fetch: FetchFunction;
  readonly method: string;
  /** The request's own signal: follows the caller's, if any. */
  readonly signal: AbortSignal;
  /** False when the caller passed no signal: there is no abort to listen for. */
  readonly callerSignal: boolean;
  /** Per attempt (and per redirect hop), until response headers; 0: none. */
  readonly timeoutMs: number;
  /** Passed to fetch: `manual` when we follow redirects ourselves. */
  readonly redirect: RequestRedirect;
  /** Origin the API key belongs to; redirects elsewhere lose it. */
  readonly origin: string;
  /** Undefined: one attempt. */
  readonly policy: RetryPolicy | undefined;
  /** A browser-like global: connection errors mention CORS. */
  readonly browser: boolean;
}
