import type { CallContext } from "./call-context.js";
import { discardBody } from "./discard-body.js";
import { sendAttempt } from "./send-attempt.js";

/** Hops followed before the last 3xx is handed back as it is (browsers and undici stop at 20; the API needs 1). */
export const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
// Headers that must not follow a redirect to another origin.
const CREDENTIALS = ["x-api-key", "x-unsafe-api-key", "authorization", "cookie"];

/**
 * Sends a GET or HEAD and follows its redirects by hand (recordings, voice previews and SIP logs
 * answer 302 to storage), dropping credentials on the way to another origin: platform fetch would
 * forward `X-API-Key`. Each hop has the attempt's time limit.
 */
export async function followRedirects(context: CallContext, request: Request): Promise<Response> {
  for (let hops = 0; ; hops++) {
    const response = await sendAttempt(context, request);
    const location = REDIRECTS.includes(response.status) ? response.headers.get("location") : null;
    if (location === null || hops >= MAX_REDIRECTS) return response;
    discardBody(response);
    const url = new URL(location, request.url);
    const headers = new Headers(request.headers);
    if (url.origin !== context.origin) for (const name of CREDENTIALS) headers.delete(name);
    request = new Request(url, { method: context.method, headers, signal: context.signal });
  }
}
