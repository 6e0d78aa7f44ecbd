import type { UltravoxApiError } from "./errors/ultravox-api-error.js";
import { createApiError } from "./errors/create-api-error.js";
import { responseMeta } from "./internal/response-meta.js";

type Success<T> = T extends { data: infer Data; error?: never } ? Data : never;

/**
 * Throwing style: resolves to `data` (narrowed to the success type) or throws the typed
 * `UltravoxApiError` subclass for the status. Connection errors and timeouts reject as they are.
 */
export async function unwrap<T extends { data?: unknown; error?: unknown; response: Response }>(
  promise: Promise<T>,
): Promise<Success<T>> {
  const result = await promise;
  if (result.response.ok) return result.data as Success<T>;
  throw toApiError(result.response, result.error);
}

function toApiError(response: Response, body: unknown): UltravoxApiError {
  const meta = responseMeta.get(response);
  return createApiError({
    method: meta?.method ?? "UNKNOWN",
    url: meta?.url ?? response.url,
    status: response.status,
    headers: response.headers,
    body,
  });
}
