import { UltravoxError } from "./ultravox-error.js";

/** What an `UltravoxConnectionError` reports. */
export interface UltravoxConnectionErrorFields {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  readonly url: string;
  /**
   * Why no answer came, from the platform's error: a Node/OpenSSL code (`ECONNREFUSED`, `ENOTFOUND`,
   * `ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …) when there is one, else its message (a browser's
   * `Failed to fetch`, which is also what a CORS refusal looks like).
   */
  readonly reason: string;
  /** Attempts made, retries included (≥ 1). */
  readonly attempts: number;
  /** Milliseconds from the first attempt to giving up, backoff waits included. */
  readonly elapsedMs: number;
}

/**
 * The request never got an HTTP answer (DNS, refused or reset connection, TLS, CORS), after any retries.
 * Message: `GET <url> failed: connect ECONNREFUSED 127.0.0.1:9, after 3 attempt(s) in 1204 ms`.
 */
export class UltravoxConnectionError extends UltravoxError<UltravoxConnectionErrorFields> {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxConnectionError";
  /** HTTP method, upper case. */
  declare readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  declare readonly url: string;
  /** Why no answer came: a platform error code (`ECONNREFUSED`, `ENOTFOUND`, a TLS code) or its message. */
  declare readonly reason: string;
  /** Attempts made, retries included (≥ 1). */
  declare readonly attempts: number;
  /** Milliseconds from the first attempt to giving up, backoff waits included. */
  declare readonly elapsedMs: number;

  static {
    this.prototype.name = "UltravoxConnectionError";
  }
}
