import type { SendStep } from "./send-with-retries.js";
import { followRedirects as followByHand } from "./follow-redirects.js";

/**
 * What differs between a server runtime (Node, Deno, Bun, edge runtimes: the `default` of the package's
 * `#platform` import) and a browser build (`platform-browser.ts`, picked by bundlers' `browser` condition).
 */
export { connectionReason } from "./connection-reason.js";

/** Follows GET/HEAD redirects by hand, where `redirect: "manual"` answers the real 3xx. */
export const followRedirects: SendStep | undefined = followByHand;

/** Which implementation a build carries (the platform-build tests read it). */
export const PLATFORM: "node" | "browser" = "node";
