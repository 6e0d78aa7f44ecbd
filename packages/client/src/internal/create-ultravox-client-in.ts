import type { paths } from "@ultravox-api/types";
import createClient, { mergeHeaders } from "openapi-fetch";
import { environment, requestClass } from "#platform";
import type { UltravoxClient, UltravoxClientOptions } from "../client-types.js";
import { UltravoxError } from "../errors/ultravox-error.js";
import { isBrowserLike } from "./browser-like.js";
import { createUltravoxFetch } from "./create-ultravox-fetch.js";
import { DEFAULT_BASE_URL, normalizeBaseUrl } from "./normalize-base-url.js";
import { serializeQuery } from "./serialize-query.js";

/** `createUltravoxClient` for a given global scope (tests pass a browser-like one). */
export function createUltravoxClientIn(scope: object, options: UltravoxClientOptions): UltravoxClient {
  const browser = isBrowserLike(scope);
  if (browser && !options.dangerouslyAllowBrowser) {
    throw new UltravoxError("Refusing to run in a browser, where anyone who opens the page can read the API key; pass `dangerouslyAllowBrowser: true` to send it as X-Unsafe-API-Key");
  }
  const env = environment(scope);
  const apiKey = options.apiKey ?? env?.["ULTRAVOX_API_KEY"];
  if (!apiKey) throw new UltravoxError("Missing API key: pass `apiKey` or set ULTRAVOX_API_KEY");
  // The default normalises to itself; an empty ULTRAVOX_BASE_URL counts as unset.
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? (env?.["ULTRAVOX_BASE_URL"] || DEFAULT_BASE_URL), options.baseUrl === undefined ? "ULTRAVOX_BASE_URL" : "baseUrl");
  return createClient<paths, "application/json">({
    baseUrl,
    Request: requestClass(),
    querySerializer: serializeQuery,
    // mergeHeaders skips undefined values: no User-Agent unless given.
    headers: mergeHeaders(options.headers, { "User-Agent": options.userAgent }),
    fetch: createUltravoxFetch(
      options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      options.retry ?? {},
      options.timeoutMs ?? 60_000,
      new URL(baseUrl).origin,
      apiKey,
      browser,
    ),
  });
}
