import type { SendStep } from "./send-with-retries.js";
import { followRedirects as followByHand } from "./follow-redirects.js";
import { markedRequest } from "./marked-request.js";

/**
 * What differs between a server runtime (Node, Deno, Bun, edge runtimes: the `default` of the package's
 * `#platform` import) and a browser build (`platform-browser.ts`, picked by bundlers' `browser` condition).
 */
export { connectionReason } from "./connection-reason.js";

/** Follows GET/HEAD redirects by hand, where `redirect: "manual"` answers the real 3xx. */
export const followRedirects: SendStep | undefined = followByHand;

/** The Request constructor handed to openapi-fetch: marks calls without a signal (see marked-request.ts). */
export const requestClass: () => typeof Request = markedRequest;

/** Environment variables of the scope (`process.env`), if it has any. */
export function environment(scope: object): Readonly<Record<string, string | undefined>> | undefined {
  return (scope as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}
