import { UltravoxError } from "./ultravox-error.js";

/** The request never got an HTTP answer (DNS, refused or reset connection), after any retries. */
export class UltravoxConnectionError extends UltravoxError {
  declare name: "UltravoxConnectionError";
  readonly method: string;
  readonly url: string;

  static {
    this.prototype.name = "UltravoxConnectionError";
  }

  constructor(method: string, url: string, cause: unknown) {
    super(`${method} ${url} failed: connection error`, { cause });
    this.method = method;
    this.url = url;
  }
}
