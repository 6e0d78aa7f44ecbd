/**
 * The main entry: everything but the separate entries.
 * @module main
 */
export type { ApiErrorBody } from "./errors/api-error-body.js";
export { createApiError } from "./errors/create-api-error.js";
export type { ApiErrorInit } from "./errors/create-api-error.js";
export { isUltravoxApiError } from "./errors/is-ultravox-api-error.js";
export { isUltravoxError } from "./errors/is-ultravox-error.js";
export { UltravoxApiError } from "./errors/ultravox-api-error.js";
export type { UltravoxApiErrorFields } from "./errors/ultravox-api-error.js";
export { UltravoxAuthenticationError } from "./errors/ultravox-authentication-error.js";
export { UltravoxBadRequestError } from "./errors/ultravox-bad-request-error.js";
export { UltravoxConflictError } from "./errors/ultravox-conflict-error.js";
export { UltravoxConnectionError } from "./errors/ultravox-connection-error.js";
export type { UltravoxConnectionErrorFields } from "./errors/ultravox-connection-error.js";
export { UltravoxError } from "./errors/ultravox-error.js";
export type { UltravoxErrorArgs } from "./errors/ultravox-error.js";
export { UltravoxNotFoundError } from "./errors/ultravox-not-found-error.js";
export { UltravoxPermissionDeniedError } from "./errors/ultravox-permission-denied-error.js";
export { UltravoxRateLimitError } from "./errors/ultravox-rate-limit-error.js";
export { UltravoxServerError } from "./errors/ultravox-server-error.js";
export { UltravoxTimeoutError } from "./errors/ultravox-timeout-error.js";
export type { UltravoxTimeoutErrorFields } from "./errors/ultravox-timeout-error.js";
export { UltravoxUnprocessableEntityError } from "./errors/ultravox-unprocessable-entity-error.js";
export type { RetryOptions } from "./internal/retry-policy.js";
export { createUltravoxClient, DEFAULT_BASE_URL, requestOptions } from "./create-ultravox-client.js";
export type { UltravoxClient, UltravoxClientOptions, UltravoxRequestOptions } from "./client-types.js";
export { unwrap } from "./unwrap.js";
export type {
  AnyResponseTypes,
  InitParam,
  PathsWithMethod,
  RequiredKeysOf,
  RequiredKeysOfHelper,
  ResponseTypesOf,
  SpecMethod,
  UltravoxDelete,
  UltravoxGet,
  UltravoxPatch,
  UltravoxPost,
  UltravoxPut,
  UltravoxResponse,
} from "./ultravox-method.js";
