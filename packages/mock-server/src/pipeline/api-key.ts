import type { CoreRequest } from "./core-exchange.js";

/**
 * The API key a request carries: `X-API-Key`, or `X-Unsafe-API-Key` (the header the API accepts
 * from browsers), or null when it sends neither.
 */
export function apiKeyOf(request: CoreRequest): string | null {
  return request.header("x-api-key") ?? request.header("x-unsafe-api-key");
}
