/**
 * The pipeline's own request and response: what every adapter (web `Request`, node:http) turns
 * its request into, so each request enters through one function and each response leaves it.
 */
export interface CoreRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The full request URL (path and query as sent). */
  readonly url: URL;
  /** A header's value (names are case-insensitive), or null when the request has none. */
  header(name: string): string | null;
  /** The body, or "too-large" as soon as it passes `limit` bytes (the rest is not read). */
  readBody(limit: number): Promise<Uint8Array | "too-large">;
}

/** The pipeline's answer, before an adapter writes it as a web `Response` or to node:http. */
export interface CoreResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Text (JSON, XML), bytes (audio), or null for no body. */
  readonly body: string | Uint8Array | null;
  /** Set when a stage answered instead of the API (an injected fault, a rate limit): the journal records it. */
  readonly fault?: string;
}

/** A response now when there is nothing to wait for (no body, no latency): adapters then write it at once. */
export type Answer = CoreResponse | Promise<CoreResponse>;
