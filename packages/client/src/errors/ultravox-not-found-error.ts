import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 404: no such resource. */
export class UltravoxNotFoundError extends UltravoxApiError {
  declare name: "UltravoxNotFoundError";
  declare readonly status: 404;

  static {
    this.prototype.name = "UltravoxNotFoundError";
  }
}
