import { UltravoxApiError } from "./ultravox-api-error.js";

/** HTTP 409: the resource is in a conflicting state. */
export class UltravoxConflictError extends UltravoxApiError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxConflictError";
  declare readonly status: 409;

  static {
    this.prototype.name = "UltravoxConflictError";
  }
}
