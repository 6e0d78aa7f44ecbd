import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 400: the request was invalid; see `detail` and `fieldErrors`. */
export class UltravoxBadRequestError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxBadRequestError";
  declare readonly status: 400;

  static {
    this.prototype.name = "UltravoxBadRequestError";
  }
}
