import type * as Server from "./platform-node.js";

/**
 * The browser build of `#platform` (see platform-node.ts). A page's fetch fails with a bare
 * `TypeError("Failed to fetch")`, no error code down its `cause`s (a CORS refusal looks the same),
 * so the reason is its message.
 */
export const connectionReason: typeof Server.connectionReason = (error) => {
  const message = error instanceof Error ? error.message : String(error);
  return [message, message];
};

/**
 * None: a browser's `redirect: "manual"` answers an opaque response (status 0, no Location; in workers
 * too), so redirects are left to the platform, which drops or preflights the key on the way to another
 * origin as CORS rules say.
 */
export const followRedirects: typeof Server.followRedirects = undefined;

/** The platform's own: marking requests only saves Node's costly abort listener per request. */
export const requestClass: typeof Server.requestClass = () => Request;

/** The request's own signal: requests are not marked here, so every call is treated as having a caller signal. */
export const callerSignal: typeof Server.callerSignal = (request) => request.signal;

/** None: a page has no `process.env`, the key and base URL come from the options. */
export const environment: typeof Server.environment = () => undefined;
