import type { paths } from "@ultravox-api/types";
import type { Client, HeadersOptions } from "openapi-fetch";
import type { FetchFunction } from "./internal/call-context.js";
import { createUltravoxClientIn } from "./internal/create-ultravox-client-in.js";
import type { RetryOptions } from "./internal/retry-policy.js";
import type { UltravoxMethod } from "./ultravox-response.js";

export { DEFAULT_BASE_URL } from "./internal/normalize-base-url.js";

/**
 * An openapi-fetch client typed by the Ultravox spec: `GET/POST/PUT/PATCH/DELETE(path, init)` → `{ data, error, response }`,
 * with `data` and `error` printed by schema name (see `UltravoxResponse`). It is still an openapi-fetch `Client`.
 */
export type UltravoxClient = {
  /** Calls a GET operation. */
  GET: UltravoxMethod<"get"> & Client<paths, "application/json">["GET"];
  /** Calls a PUT operation. */
  PUT: UltravoxMethod<"put"> & Client<paths, "application/json">["PUT"];
  /** Calls a POST operation. */
  POST: UltravoxMethod<"post"> & Client<paths, "application/json">["POST"];
  /** Calls a DELETE operation. */
  DELETE: UltravoxMethod<"delete"> & Client<paths, "application/json">["DELETE"];
  /** Calls a PATCH operation. */
  PATCH: UltravoxMethod<"patch"> & Client<paths, "application/json">["PATCH"];
} & Client<paths, "application/json">;

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

/** Type-checks per-request options; spread the result into a call's init. */
export function requestOptions(options: UltravoxRequestOptions): UltravoxRequestOptions {
  return options;
}

/**
 * Creates a typed client with auth, timeouts and safe retries. Throws `UltravoxError` without a key or
 * in a browser-like environment without `dangerouslyAllowBrowser`, and a TypeError for a bad base URL.
 */
export function createUltravoxClient(options: UltravoxClientOptions = {}): UltravoxClient {
  return createUltravoxClientIn(globalThis, options);
}
