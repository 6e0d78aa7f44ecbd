import { UltravoxError } from "./ultravox-error.js";

/** The request never got an HTTP answer (DNS, refused or reset connection), after any retries. */
export class UltravoxConnectionError extends UltravoxError {
  declare name: "UltravoxConnectionError";
  declare readonly method: string;
  declare readonly url: string;

  static {
    this.prototype.name = "UltravoxConnectionError";
  }
}
