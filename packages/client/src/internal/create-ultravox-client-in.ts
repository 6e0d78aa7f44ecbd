import type { paths } from "@ultravox-api/types";
import createClient, { mergeHeaders } from "openapi-fetch";
import type { UltravoxClient, UltravoxClientOptions } from "../create-ultravox-client.js";
import { UltravoxError } from "../errors/ultravox-error.js";
import { isBrowserLike } from "./browser-like.js";
import { createUltravoxFetch } from "./create-ultravox-fetch.js";
import { markedRequest } from "./marked-request.js";
import { DEFAULT_BASE_URL, normalizeBaseUrl } from "./normalize-base-url.js";
import { DEFAULT_RETRY } from "./retry-policy.js";
import { serializeQuery } from "./serialize-query.js";

/** `createUltravoxClient` for a given global scope (tests pass a browser-like one). */
export function createUltravoxClientIn(scope: object, options: UltravoxClientOptions): UltravoxClient {
  const browser = isBrowserLike(scope);
  if (browser && !options.dangerouslyAllowBrowser) {
    throw new UltravoxError(
      "Refusing to run in a browser, where anyone who opens the page can read the API key; for a demo with a throwaway key pass `dangerouslyAllowBrowser: true` (sent as X-Unsafe-API-Key).",
    );
  }
  const env = (scope as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const apiKey = options.apiKey ?? env?.["ULTRAVOX_API_KEY"];
  if (!apiKey) {
    throw new UltravoxError("Missing Ultravox API key: pass `apiKey` or set ULTRAVOX_API_KEY.");
  }
  const given = options.baseUrl ?? (env?.["ULTRAVOX_BASE_URL"] || undefined);
  const baseUrl = given === undefined ? DEFAULT_BASE_URL : normalizeBaseUrl(given, options.baseUrl === undefined ? "ULTRAVOX_BASE_URL" : "baseUrl");
  const origin = new URL(baseUrl).origin;
  return createClient<paths, "application/json">({
    baseUrl,
    Request: markedRequest(),
    querySerializer: serializeQuery,
    headers: mergeHeaders(options.headers, options.userAgent === undefined ? undefined : { "User-Agent": options.userAgent }),
    fetch: createUltravoxFetch({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      retry: options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry },
      timeoutMs: options.timeoutMs ?? 60_000,
      origin,
      apiKey,
      keyHeader: browser ? "X-Unsafe-API-Key" : "X-API-Key",
      browser,
    }),
    // The same object, typed to print answers by schema name (see UltravoxResponse).
  }) as UltravoxClient;
}

