/** Public types of the client: the client itself, its options and per-request options. */
import type { paths } from "@ultravox-api/types";
import type { Client, HeadersOptions } from "openapi-fetch";
import type { FetchFunction } from "./internal/call-context.js";
import type { RetryOptions } from "./internal/retry-policy.js";
import type { UltravoxDelete, UltravoxGet, UltravoxPatch, UltravoxPost, UltravoxPut } from "./ultravox-method.js";

/**
 * An openapi-fetch client typed by the Ultravox spec: `GET/POST/PUT/PATCH/DELETE(path, init)` → `{ data, error, response }`,
 * with `data` and `error` printed by schema name (`PaginatedScheduledCallList`, `ApiErrorBody`; see `ResponseTypes` of
 * @ultravox-api/types). It is an openapi-fetch `Client<paths, "application/json">`, usable wherever one is expected.
 */
export interface UltravoxClient extends Client<paths, "application/json"> {
  /** Calls a GET operation: `GET(path, init)` → `{ data, error, response }`. */
  GET: UltravoxGet;
  /** Calls a PUT operation. */
  PUT: UltravoxPut;
  /** Calls a POST operation. */
  POST: UltravoxPost;
  /** Calls a DELETE operation. */
  DELETE: UltravoxDelete;
  /** Calls a PATCH operation. */
  PATCH: UltravoxPatch;
}

/** Options of `createUltravoxClient`; all optional. */
export interface UltravoxClientOptions {
  /** API key sent as `X-API-Key` (`X-Unsafe-API-Key` in a browser). Default: `process.env.ULTRAVOX_API_KEY` where `process` exists. */
  apiKey?: string;
  /**
   * Default: `process.env.ULTRAVOX_BASE_URL` where set, else `https://api.ultravox.ai`. Normalised (repeated
   * and trailing slashes removed); the key is sent to this origin only.
   */
  baseUrl?: string;
  /**
   * Let the client run in a browser-like environment (a page with `window.document`), where it refuses to
   * start by default: anyone who opens the page can read the key. When set there, the key is sent as
   * `X-Unsafe-API-Key`, the header the API accepts from browsers (for demos with a throwaway key).
   */
  dangerouslyAllowBrowser?: boolean;
  /** Fetch implementation; called as `fetch(request, init)` and must honour `init.signal` and `init.redirect`. */
  fetch?: FetchFunction;
  /** Headers sent with every request. */
  headers?: HeadersOptions;
  /** Per-attempt time limit until response headers, in ms (default 60000; 0 disables). */
  timeoutMs?: number;
  /** Retry settings for idempotent requests, or `false` to never retry by default. */
  retry?: RetryOptions | false;
  /** Sent as `User-Agent` where the platform allows it. */
  userAgent?: string;
}

/** Per-request options, read from the init of any call: `client.POST(path, { body, retry: true, timeoutMs: 5000 })`. */
export interface UltravoxRequestOptions {
  /** `true` or settings to retry this request (the only way to retry POST/PATCH); `false` to never retry it. */
  retry?: boolean | RetryOptions;
  /** Overrides the client's `timeoutMs` for this request. */
  timeoutMs?: number;
}
