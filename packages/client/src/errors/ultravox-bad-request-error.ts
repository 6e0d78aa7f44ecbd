import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 400: the request was invalid; see `detail` and `fieldErrors`. */
export class UltravoxBadRequestError extends UltravoxApiError {
  declare name: "UltravoxBadRequestError";
  declare readonly status: 400;

  static {
    this.prototype.name = "UltravoxBadRequestError";
  }
}
