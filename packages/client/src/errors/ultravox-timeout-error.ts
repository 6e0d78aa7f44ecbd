import { UltravoxError } from "./ultravox-error.js";

/** No response headers arrived within `timeoutMs`. */
export class UltravoxTimeoutError extends UltravoxError {
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
