/**
 * Limits as the Ultravox docs state them (API reference, "Rate Limits"): 500 requests/s per
 * account, 200 requests/s per API key, and call creation per account limited by whichever of
 * 5/s or 30/min (Free/PAYGO plan) is reached first. Each limit is a number >= 1 (fractions allowed:
 * 2.5/min is a request every 24 s) or `null`, which turns it off; anything else is a RangeError.
 */
export interface RateLimitOptions {
  /** Requests per second per API key. Default 200. */
  readonly perKey?: number | null;
  /** Requests per second per account (all its keys together). Default 500. */
  readonly perAccount?: number | null;
  /** Call creations per second per account. Default 5. */
  readonly callsPerSecond?: number | null;
  /** Call creations per minute per account. Default 30. */
  readonly callsPerMinute?: number | null;
  /** The account of a key. Default: each key is its own account. */
  readonly accountOf?: (apiKey: string) => string;
}
