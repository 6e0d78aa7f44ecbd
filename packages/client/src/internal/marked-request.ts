/** Set on requests our client built for a call that passed no `signal`: there is no caller abort to forward. */
export const NO_CALLER_SIGNAL = Symbol("ultravox.noCallerSignal");

/**
 * The Request constructor handed to openapi-fetch: it builds plain platform Requests, marked when the call
 * had no signal, so the timeout can skip an abort listener per request (the largest cost of our layer on
 * Node). Made per client, not at import, so importing the package never needs a global Request.
 */
export function markedRequest(): typeof Request {
  function MarkedRequest(input: RequestInfo | URL, init?: RequestInit): Request {
    const request = new Request(input, init);
    if (!init?.signal) (request as Request & { [NO_CALLER_SIGNAL]?: true })[NO_CALLER_SIGNAL] = true;
    return request;
  }
  // openapi-fetch checks what middleware returns with `instanceof` this constructor.
  MarkedRequest.prototype = Request.prototype;
  return MarkedRequest as unknown as typeof Request;
}
