import { parseErrorBody } from "../internal/parse-error-body.js";
import { redactUrl } from "../internal/redact-url.js";
import { responseMeta } from "../internal/response-meta.js";
import { parseRetryAfter } from "../internal/retry-policy.js";
import { UltravoxApiError } from "./ultravox-api-error.js";
import { UltravoxAuthenticationError } from "./ultravox-authentication-error.js";
import { UltravoxBadRequestError } from "./ultravox-bad-request-error.js";
import { UltravoxConflictError } from "./ultravox-conflict-error.js";
import { UltravoxNotFoundError } from "./ultravox-not-found-error.js";
import { UltravoxPermissionDeniedError } from "./ultravox-permission-denied-error.js";
import { UltravoxRateLimitError } from "./ultravox-rate-limit-error.js";
import { UltravoxServerError } from "./ultravox-server-error.js";
import { UltravoxUnprocessableEntityError } from "./ultravox-unprocessable-entity-error.js";

/**
 * What an HTTP error is made of: either the `response` of an openapi-fetch result with its `error`
 * as `body` (method and URL then come from the request this client sent; pass `method` when the
 * response came from elsewhere), or every part spelled out.
 */
export type ApiErrorInit =
  | {
      /** The failed response, e.g. `result.response`. */
      response: Response;
      /** The parsed error body, e.g. `result.error`. */
      body: unknown;
      /** HTTP method; default: the one this client sent the request with (else `GET`). */
      method?: string;
      /** Request URL; default: the URL this client sent, else `response.url`. */
      url?: string;
      /** Kept as the error's `cause`. */
      cause?: unknown;
    }
  | {
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
    };

const BY_STATUS: Record<number, typeof UltravoxApiError | undefined> = {
  400: UltravoxBadRequestError,
  401: UltravoxAuthenticationError,
  403: UltravoxPermissionDeniedError,
  404: UltravoxNotFoundError,
  409: UltravoxConflictError,
  422: UltravoxUnprocessableEntityError,
  429: UltravoxRateLimitError,
};

/**
 * The one place an HTTP error becomes a typed error (used by `unwrap` and by `@ultravox-api/pagination`):
 * the subclass for the status (`UltravoxServerError` for any 5xx), else `UltravoxApiError`. The message
 * is `<METHOD> <url> failed with HTTP <status>: <detail, field errors or the body's first 200 characters>`.
 */
export function createApiError(init: ApiErrorInit): UltravoxApiError {
  const { response, body } = init as ApiErrorInit & { response?: Response };
  const { status, headers } = response ?? (init as { status: number; headers: Headers });
  const meta = response && responseMeta.get(response);
  const method = (init.method ?? meta?.method ?? "GET").toUpperCase();
  const url = redactUrl(init.url ?? meta?.url ?? response?.url ?? "");
  const [detail, fieldErrors, summary] = parseErrorBody(body);
  const ErrorClass = status >= 500 ? UltravoxServerError : (BY_STATUS[status] ?? UltravoxApiError);
  // `init` doubles as the Error options: its `cause`, when given, becomes the error's.
  return new ErrorClass(
    `${method} ${url} failed with HTTP ${status}${summary}`,
    {
      status,
      method,
      url,
      body,
      detail,
      fieldErrors,
      retryAfterMs: parseRetryAfter(headers.get("retry-after")),
      requestId: headers.get("x-request-id") ?? headers.get("request-id") ?? undefined,
    },
    init,
  );
}
