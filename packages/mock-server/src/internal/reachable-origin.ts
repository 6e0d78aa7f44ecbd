/** Addresses a server binds to mean "every interface": no client can send a request to them. */
const UNSPECIFIED = new Set(["0.0.0.0", "[::]"]);

/** Whether `origin` (e.g. `http://0.0.0.0:4010`) names a server bound to every interface. */
export function bindsEveryInterface(origin: string): boolean {
  return UNSPECIFIED.has(new URL(origin).hostname);
}

/**
 * The origin a client can reach `origin` at. A server bound to every interface (`0.0.0.0`, `::`)
 * has an origin no other machine or container can use, so the request's `Host` header (RFC 9110
 * §7.2: the host and port the client used to reach this server, which Django's
 * `build_absolute_uri` also uses) names it instead. Any other origin, a missing `Host` or one that
 * is not a bare `host[:port]` gives `origin` unchanged.
 * @param origin e.g. `http://0.0.0.0:43122`
 * @param hostHeader the request's `Host`, e.g. `192.168.1.20:4010`, or null
 * @param port `"bound"`: `origin`'s port (another server's port, which `Host` cannot know; the
 *   default); `"asked"`: the port in `Host` (a port mapped by Docker is the one the client used)
 * @returns e.g. `http://192.168.1.20:43122` (bound) or `http://192.168.1.20:4010` (asked)
 */
export function reachableOrigin(origin: string, hostHeader: string | null, port: "bound" | "asked" = "bound"): string {
  const bound = new URL(origin);
  if (!UNSPECIFIED.has(bound.hostname) || hostHeader === null) return origin;
  // Only a bare host[:port]: no credentials, path, query or fragment slipped into a URL.
  if (!/^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@[\]:]+)(?::\d*)?$/.test(hostHeader)) return origin;
  let asked: URL;
  try {
    asked = new URL(`http://${hostHeader}`);
  } catch {
    return origin;
  }
  if (asked.hostname === "" || UNSPECIFIED.has(asked.hostname)) return origin;
  return port === "asked" ? `${bound.protocol}//${asked.host}` : `${bound.protocol}//${asked.hostname}:${bound.port}`;
}
