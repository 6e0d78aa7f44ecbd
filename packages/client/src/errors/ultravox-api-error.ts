import { BRAND } from "../internal/brand.js";
import { UltravoxError } from "./ultravox-error.js";

/** What createApiError hands to an HTTP error class. */
export interface UltravoxApiErrorFields {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly detail: string | undefined;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>> | undefined;
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  readonly cause?: unknown;
}

/** The API answered with an error status. Built by `createApiError`, which picks the subclass. */
export class UltravoxApiError extends UltravoxError {
  declare name: string;
  /** HTTP status. */
  readonly status: number;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Request URL, credentials and secret-looking query values removed. */
  readonly url: string;
  /** The raw error body (parsed JSON when it was JSON, else text). */
  readonly body: unknown;
  /** DRF `{"detail": "..."}` message, when present. */
  readonly detail: string | undefined;
  /** DRF field errors `{"field": ["msg"]}`, nested fields joined with dots. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>> | undefined;
  /** Milliseconds the server asked to wait (Retry-After), when present. */
  readonly retryAfter: number | undefined;
  /** Request id header of the response, when present (quote it to support). */
  readonly requestId: string | undefined;

  static {
    this.prototype.name = "UltravoxApiError";
  }

  constructor(fields: UltravoxApiErrorFields) {
    super(`${fields.method} ${fields.url} failed with HTTP ${fields.status}${summary(fields)}`, fields);
    (this as unknown as Record<symbol, unknown>)[BRAND] = "api";
    this.status = fields.status;
    this.method = fields.method;
    this.url = fields.url;
    this.body = fields.body;
    this.detail = fields.detail;
    this.fieldErrors = fields.fieldErrors;
    this.retryAfter = fields.retryAfter;
    this.requestId = fields.requestId;
  }
}

function summary(fields: UltravoxApiErrorFields): string {
  let text = fields.detail;
  if (text === undefined && fields.fieldErrors) {
    text = Object.entries(fields.fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
      .join("; ");
  }
  if (text === undefined && typeof fields.body === "string") text = fields.body;
  // One line, bounded: bodies can be whole HTML error pages.
  text = text?.replace(/\s+/g, " ").trim().slice(0, 200);
  return text ? `: ${text}` : "";
}
