import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 404: no such resource. */
export class UltravoxNotFoundError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxNotFoundError";
  declare readonly status: 404;

  static {
    this.prototype.name = "UltravoxNotFoundError";
  }
}
