import { followRedirects as followByHand } from "./follow-redirects.js";
import { markedRequest, NO_CALLER_SIGNAL } from "./marked-request.js";

/**
 * What differs between a server runtime (Node, Deno, Bun, edge runtimes: the `default` of the package's
 * `#platform` import) and a browser build (`platform-browser.ts`, picked by bundlers' `browser` condition).
 */
export { connectionReason } from "./connection-reason.js";

/** Follows GET/HEAD redirects by hand, where `redirect: "manual"` answers the real 3xx. */
export const followRedirects: typeof followByHand | undefined = followByHand;

/** The Request constructor handed to openapi-fetch: marks calls without a signal (see marked-request.ts). */
export const requestClass: () => typeof Request = markedRequest;

/** The caller's signal of a request our client built, or undefined when the call passed none. */
export function callerSignal(request: Request): AbortSignal | undefined {
  return (request as Request & { [NO_CALLER_SIGNAL]?: true })[NO_CALLER_SIGNAL] ? undefined : request.signal;
}

/** Environment variables of the scope (`process.env`), if it has any. */
export function environment(scope: object): Readonly<Record<string, string | undefined>> | undefined {
  return (scope as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}
