import type { UltravoxApiError } from "./errors/ultravox-api-error.js";
import { createApiError } from "./errors/create-api-error.js";
import { responseMeta } from "./internal/response-meta.js";

/** The success body of an openapi-fetch result (the member whose `error` is absent). */
type SuccessData<Result> = Result extends { error?: never; data: infer Data } ? Data : never;

/**
 * Throwing style: resolves to `data` (narrowed to the success type) or throws the typed
 * `UltravoxApiError` subclass for the status. Connection errors and timeouts reject as they are.
 */
export async function unwrap<Result extends { response: Response }>(promise: Promise<Result>): Promise<SuccessData<Result>> {
  const result = (await promise) as Result & { data?: unknown; error?: unknown };
  if (result.response.ok) return result.data as SuccessData<Result>;
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
