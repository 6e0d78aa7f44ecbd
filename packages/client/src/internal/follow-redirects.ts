import type { SendAttempt } from "./call-context.js";
import { discardBody } from "./discard-body.js";

/** Hops followed before the last 3xx is handed back as it is (browsers and undici stop at 20; the API needs 1). */
export const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
// Headers that must not follow a redirect to another origin.
const CREDENTIALS = ["x-api-key", "x-unsafe-api-key", "authorization", "cookie"];

/**
 * Sends a GET or HEAD with `send` (each hop one attempt, with the attempt's time limit) and follows its
 * redirects by hand (recordings, voice previews and SIP logs answer 302 to storage), dropping
 * credentials on the way to another `origin` than the API key's: platform fetch would forward `X-API-Key`.
 */
export async function followRedirects(send: SendAttempt, request: Request, origin: string): Promise<Response> {
  const { method, signal } = request;
  for (let hops = 0; ; hops++) {
    const response = await send(request);
    const location = REDIRECTS.includes(response.status) ? response.headers.get("location") : null;
    if (location === null || hops >= MAX_REDIRECTS) return response;
    discardBody(response);
    const url = new URL(location, request.url);
    const headers = new Headers(request.headers);
    if (url.origin !== origin) for (const name of CREDENTIALS) headers.delete(name);
    request = new Request(url, { method, headers, signal });
  }
}
