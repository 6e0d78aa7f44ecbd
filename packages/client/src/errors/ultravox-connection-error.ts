import { UltravoxError } from "./ultravox-error.js";

/** The request never got an HTTP answer (DNS, refused or reset connection), after any retries. */
export class UltravoxConnectionError extends UltravoxError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxConnectionError";
  /** HTTP method, upper case. */
  declare readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  declare readonly url: string;

  static {
    this.prototype.name = "UltravoxConnectionError";
  }
}
