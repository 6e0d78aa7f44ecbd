import { UltravoxError } from "./ultravox-error.js";

/** No response headers arrived within `timeoutMs`. */
export class UltravoxTimeoutError extends UltravoxError {
  declare name: "UltravoxTimeoutError";
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;

  static {
    this.prototype.name = "UltravoxTimeoutError";
  }

  constructor(method: string, url: string, timeoutMs: number, cause?: unknown) {
    super(`${method} ${url} timed out after ${timeoutMs} ms`, { cause });
    this.method = method;
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}
