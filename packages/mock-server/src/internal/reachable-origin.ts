/** Addresses a server binds to mean "every interface": no client can send a request to them. */
const UNSPECIFIED = new Set(["0.0.0.0", "[::]"]);

/**
 * The origin a client can reach `origin` at. A server bound to every interface (`0.0.0.0`, `::`)
 * has an origin no other machine or container can use, so its host is taken from the request's
 * `Host` header (RFC 9110 §7.2: the host the client used to reach this server), keeping
 * `origin`'s port. Any other origin, a missing `Host` or one that is not a bare `host[:port]`
 * gives `origin` unchanged.
 * @param origin e.g. `http://0.0.0.0:43122`
 * @param hostHeader the request's `Host`, e.g. `192.168.1.20:4010`, or null
 * @returns e.g. `http://192.168.1.20:43122`
 */
export function reachableOrigin(origin: string, hostHeader: string | null): string {
  const bound = new URL(origin);
  if (!UNSPECIFIED.has(bound.hostname) || hostHeader === null) return origin;
  // Only a bare host[:port]: no credentials, path, query or fragment slipped into the Location.
  if (!/^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@[\]:]+)(?::\d*)?$/.test(hostHeader)) return origin;
  let asked: URL;
  try {
    asked = new URL(`http://${hostHeader}`);
  } catch {
    return origin;
  }
  if (asked.hostname === "" || UNSPECIFIED.has(asked.hostname)) return origin;
  return `${bound.protocol}//${asked.hostname}:${bound.port}`;
}
