import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 5xx: the server failed. */
export class UltravoxServerError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxServerError";
  declare readonly status: number;

  static {
    this.prototype.name = "UltravoxServerError";
  }
}
