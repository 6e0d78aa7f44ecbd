/** The URL for messages: no user:password, and secret-looking query values (e.g. signed links) hidden. */
export function redactUrl(url: string): string {
  // String rewriting rather than URL parsing: works on relative URLs too, and keeps the bundle small.
  return url
    .replace(/\/\/[^/?#]*@/, "//")
    .replace(/([?&][^=&#]*(?:key|token|secret|sig|pass|cred)[^=&#]*=)[^&#]*/gi, "$1REDACTED");
}
