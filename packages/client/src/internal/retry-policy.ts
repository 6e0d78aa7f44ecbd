/** Retry settings of a client or of one request. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number;
  /** Backoff base in ms (default 500): attempt n waits a random time in [0, initialDelayMs * 2^n]. */
  readonly initialDelayMs?: number;
  /** Backoff ceiling in ms (default 8000). */
  readonly maxDelayMs?: number;
  /** Longest Retry-After honoured in ms (default 60000); a longer one falls back to the backoff. */
  readonly maxRetryAfterMs?: number;
}

// The defaults of RetryOptions, read where each setting is used (an explicit `undefined` gets them too).
export const MAX_RETRIES = 2;
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const MAX_RETRY_AFTER_MS = 60_000;

// Safe to repeat: the server did not act, or acting twice is the same as once.
export const RETRY_STATUSES = [408, 429, 502, 503, 504];
const IDEMPOTENT = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];

/**
 * The policy for one request, or undefined when it must not be retried.
 * POST and PATCH are retried only when the request itself opts in (`retry: true` or `retry: {...}`):
 * creating a call costs money and starts a phone call.
 */
export function resolveRetryPolicy(
  client: RetryOptions | false,
  method: string,
  perRequest: unknown,
): RetryOptions | undefined {
  if (perRequest === false || (perRequest == null && (!client || !IDEMPOTENT.includes(method)))) {
    return undefined;
  }
  // Types guard the shape; anything but an object (true, or a stray value) means "the client's settings".
  return typeof perRequest === "object" ? { ...client, ...perRequest } : client || {};
}

/** Retry-After (delta-seconds or HTTP-date) in ms, or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  const ms = isNaN(seconds) ? Date.parse(header) - now : seconds * 1000;
  // A date in the past means now.
  return isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Wait before retry number `attempt` (0-based): Retry-After when within the cap, else full-jitter backoff. */
export function retryDelay(
  attempt: number,
  retryAfterHeader: string | null | undefined,
  policy: RetryOptions,
  random: () => number = Math.random,
  now?: number,
): number {
  const asked = parseRetryAfter(retryAfterHeader, now);
  if (asked !== undefined && asked <= (policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS)) return asked;
  return Math.floor(random() * Math.min(policy.maxDelayMs ?? MAX_DELAY_MS, (policy.initialDelayMs ?? INITIAL_DELAY_MS) * 2 ** attempt));
}
