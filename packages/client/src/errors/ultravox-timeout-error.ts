import { UltravoxError } from "./ultravox-error.js";

/** What an `UltravoxTimeoutError` reports. */
export interface UltravoxTimeoutErrorFields {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  readonly url: string;
  /** The per-attempt limit that ran out, in ms. */
  readonly timeoutMs: number;
}

/** No response headers arrived within `timeoutMs` (per attempt; a timeout is not retried). */
export class UltravoxTimeoutError extends UltravoxError<UltravoxTimeoutErrorFields> {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxTimeoutError";
  /** HTTP method, upper case. */
  declare readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  declare readonly url: string;
  /** The per-attempt limit that ran out, in ms. */
  declare readonly timeoutMs: number;

  static {
    this.prototype.name = "UltravoxTimeoutError";
  }
}
