import { BRAND } from "../internal/brand.js";
import { UltravoxError } from "./ultravox-error.js";

/** What createApiError hands to an HTTP error class. */
export interface UltravoxApiErrorFields {
  /** HTTP status of the error response. */
  readonly status: number;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  readonly url: string;
  /** The raw error body: parsed JSON when it was JSON, else text. */
  readonly body: unknown;
  /** DRF `{"detail": "..."}` message, when present. */
  readonly detail: string | undefined;
  /** DRF field errors `{"field": ["msg"]}`, nested fields joined with dots. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>> | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when present. */
  readonly retryAfterMs: number | undefined;
  /** Request id header of the response, when present (quote it to support). */
  readonly requestId: string | undefined;
}

/** The API answered with an error status. Built by `createApiError`, which picks the subclass. */
export class UltravoxApiError extends UltravoxError<UltravoxApiErrorFields> {
  /** Literal class name, also set on the prototype. */
  declare name: string;
  /** HTTP status. */
  declare readonly status: number;
  /** HTTP method, upper case. */
  declare readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  declare readonly url: string;
  /** The raw error body (parsed JSON when it was JSON, else text). */
  declare readonly body: unknown;
  /** DRF `{"detail": "..."}` message, when present. */
  declare readonly detail: string | undefined;
  /** DRF field errors `{"field": ["msg"]}`, nested fields joined with dots. */
  declare readonly fieldErrors: Readonly<Record<string, readonly string[]>> | undefined;
  /** Milliseconds the server asked to wait (Retry-After), when present. */
  declare readonly retryAfterMs: number | undefined;
  /** Request id header of the response, when present (quote it to support). */
  declare readonly requestId: string | undefined;

  static {
    this.prototype.name = "UltravoxApiError";
    (this.prototype as unknown as Record<symbol, unknown>)[BRAND] = "api";
  }
}
