import type { paths } from "@ultravox-api/types";
import createClient, { mergeHeaders, type Client, type HeadersOptions, type Middleware } from "openapi-fetch";
import { UltravoxError } from "./errors/ultravox-error.js";
import { createUltravoxFetch, type FetchFunction } from "./internal/create-ultravox-fetch.js";
import { markedRequest } from "./internal/marked-request.js";
import { DEFAULT_RETRY, type RetryOptions } from "./internal/retry-policy.js";

/** Where the Ultravox REST API lives. */
export const DEFAULT_BASE_URL = "https://api.ultravox.ai";

/** An openapi-fetch client typed by the Ultravox spec: `GET/POST/PUT/PATCH/DELETE(path, init)` → `{ data, error, response }`. */
export type UltravoxClient = Client<paths, "application/json">;

/** Options of `createUltravoxClient`; all optional. */
export interface UltravoxClientOptions {
  /** API key sent as `X-API-Key`. Default: `process.env.ULTRAVOX_API_KEY` where `process` exists. */
  apiKey?: string;
  /** Default `https://api.ultravox.ai`. The key is sent to this origin only. */
  baseUrl?: string;
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

/** Creates a typed client with auth, timeouts and safe retries. */
export function createUltravoxClient(options: UltravoxClientOptions = {}): UltravoxClient {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const apiKey = options.apiKey ?? env?.["ULTRAVOX_API_KEY"];
  if (!apiKey) {
    throw new UltravoxError(
      "Missing Ultravox API key: pass `apiKey` or set ULTRAVOX_API_KEY.",
    );
  }
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const origin = new URL(baseUrl).origin;
  const client = createClient<paths, "application/json">({
    baseUrl,
    Request: markedRequest(),
    headers: mergeHeaders(options.headers, options.userAgent === undefined ? undefined : { "User-Agent": options.userAgent }),
    fetch: createUltravoxFetch({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      retry: options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry },
      timeoutMs: options.timeoutMs ?? 60_000,
      origin,
    }),
  });
  client.use(authMiddleware(apiKey, origin));
  return client;
}

function authMiddleware(apiKey: string, origin: string): Middleware {
  const prefix = `${origin}/`;
  return {
    onRequest({ request }) {
      // Only the configured origin gets the key, whatever baseUrl or absolute URL a call uses.
      if (request.url.startsWith(prefix)) request.headers.set("X-API-Key", apiKey);
      else request.headers.delete("X-API-Key");
    },
  };
}
