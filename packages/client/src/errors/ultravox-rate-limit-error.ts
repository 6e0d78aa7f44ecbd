import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 429: too many requests; `retryAfterMs` says how long to wait. */
export class UltravoxRateLimitError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxRateLimitError";
  declare readonly status: 429;

  static {
    this.prototype.name = "UltravoxRateLimitError";
  }
}
