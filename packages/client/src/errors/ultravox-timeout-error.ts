import { UltravoxError } from "./ultravox-error.js";

/** No response headers arrived within `timeoutMs`. */
export class UltravoxTimeoutError extends UltravoxError {
  declare name: "UltravoxTimeoutError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly timeoutMs: number;

  static {
    this.prototype.name = "UltravoxTimeoutError";
  }
}
