import type { UltravoxClient, UltravoxClientOptions, UltravoxRequestOptions } from "./client-types.js";
import { createUltravoxClientIn } from "./internal/create-ultravox-client-in.js";

export { DEFAULT_BASE_URL } from "./internal/normalize-base-url.js";

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
