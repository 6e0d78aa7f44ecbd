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

  constructor(method: string, url: string, timeoutMs: number, cause?: unknown) {
    super(`${method} ${url} timed out after ${timeoutMs} ms`, { cause });
    Object.assign(this, { method, url, timeoutMs });
  }
}
