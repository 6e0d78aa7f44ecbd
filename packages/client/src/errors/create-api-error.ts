import { parseErrorBody } from "../internal/parse-error-body.js";
import { redactUrl } from "../internal/redact-url.js";
import { parseRetryAfter } from "../internal/retry-policy.js";
import { UltravoxApiError, type UltravoxApiErrorFields } from "./ultravox-api-error.js";
import { UltravoxAuthenticationError } from "./ultravox-authentication-error.js";
import { UltravoxBadRequestError } from "./ultravox-bad-request-error.js";
import { UltravoxConflictError } from "./ultravox-conflict-error.js";
import { UltravoxNotFoundError } from "./ultravox-not-found-error.js";
import { UltravoxPermissionDeniedError } from "./ultravox-permission-denied-error.js";
import { UltravoxRateLimitError } from "./ultravox-rate-limit-error.js";
import { UltravoxServerError } from "./ultravox-server-error.js";
import { UltravoxUnprocessableEntityError } from "./ultravox-unprocessable-entity-error.js";

/** What an HTTP error response is made of. */
export interface ApiErrorInit {
  /** HTTP method of the request (any case; upper-cased in the error). */
  method: string;
  /** Request URL (redacted in the error). */
  url: string;
  /** HTTP status of the response. */
  status: number;
  /** Response headers (`Retry-After`, `X-Request-Id` are read). */
  headers: Headers;
  /** Error body: parsed JSON, text, or undefined. */
  body: unknown;
  /** Kept as the error's `cause`. */
  cause?: unknown;
}

const BY_STATUS: Record<number, typeof UltravoxApiError | undefined> = {
  400: UltravoxBadRequestError,
  401: UltravoxAuthenticationError,
  403: UltravoxPermissionDeniedError,
  404: UltravoxNotFoundError,
  409: UltravoxConflictError,
  422: UltravoxUnprocessableEntityError,
  429: UltravoxRateLimitError,
};

/** The one place an HTTP error becomes a typed error: the subclass for the status, else UltravoxApiError. */
export function createApiError(init: ApiErrorInit): UltravoxApiError {
  const { status, headers, body } = init;
  const { detail, fieldErrors, summary } = parseErrorBody(body);
  const fields: UltravoxApiErrorFields = {
    status,
    method: init.method.toUpperCase(),
    url: redactUrl(init.url),
    body,
    detail,
    fieldErrors,
    retryAfter: parseRetryAfter(headers.get("retry-after")),
    requestId: headers.get("x-request-id") ?? headers.get("request-id") ?? undefined,
  };
  const ErrorClass = status >= 500 ? UltravoxServerError : (BY_STATUS[status] ?? UltravoxApiError);
  return new ErrorClass(`${fields.method} ${fields.url} failed with HTTP ${status}${summary}`, fields, init);
}
