/** The fetch the client calls: `fetch(request, init)`; it must honour `init.signal` and `init.redirect`. */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** One attempt of a call: a fetch of `request` with the call's time limit, redirect mode and caller signal. */
export type SendAttempt = (request: Request) => Promise<Response>;
