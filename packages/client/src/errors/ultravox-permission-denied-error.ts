import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 403: the API key may not do this. */
export class UltravoxPermissionDeniedError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxPermissionDeniedError";
  declare readonly status: 403;

  static {
    this.prototype.name = "UltravoxPermissionDeniedError";
  }
}
