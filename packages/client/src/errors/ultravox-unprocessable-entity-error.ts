import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 422: the request was well-formed but could not be processed. */
export class UltravoxUnprocessableEntityError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxUnprocessableEntityError";
  declare readonly status: 422;

  static {
    this.prototype.name = "UltravoxUnprocessableEntityError";
  }
}
