/**
 * Lets go of a response body we will not read (before a retry or a redirect hop) so the connection can
 * be reused, without waiting: a platform, polyfill or interceptor (MSW) may never settle the cancel.
 */
export function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(ignore);
  } catch {
    // A locked or foreign stream: nothing to free.
  }
}

function ignore(): void {
  // The body is abandoned either way.
}
