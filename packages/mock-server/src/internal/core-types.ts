/**
 * The core's own request and response: what every shell (web `Request`, node:http) is turned
 * into, so each request enters through one function and each response leaves through it.
 */
export interface CoreRequest {
  readonly method: string;
  readonly url: URL;
  header(name: string): string | null;
  /** The body, or "too-large" as soon as it passes `limit` bytes (the rest is not read). */
  readBody(limit: number): Promise<Uint8Array | "too-large">;
}

export interface CoreResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | null;
}
