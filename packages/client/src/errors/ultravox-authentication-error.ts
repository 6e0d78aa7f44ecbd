import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 401: the API key is missing or invalid. */
export class UltravoxAuthenticationError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxAuthenticationError";
  declare readonly status: 401;

  static {
    this.prototype.name = "UltravoxAuthenticationError";
  }
}
