import type { DriftIssue } from "../validate/response-drift.js";
import { UltravoxError } from "./ultravox-error.js";

/** Drift detection in `"throw"` mode: a response body does not match the locked spec (see `@ultravox-api/client/validate`). */
export class UltravoxResponseValidationError extends UltravoxError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxResponseValidationError";
  /** The spec's operationId, e.g. `calls_retrieve`. */
  declare readonly operationId: string;
  /** HTTP method, upper case. */
  declare readonly method: string;
  /** The spec's path template. */
  declare readonly path: string;
  /** Request URL, credentials and secret-looking query values removed. */
  declare readonly url: string;
  /** HTTP status of the response. */
  declare readonly status: number;
  /** Every difference found: JSON pointer, expected, actual. */
  declare readonly issues: readonly DriftIssue[];

  static {
    this.prototype.name = "UltravoxResponseValidationError";
  }
}
