import { createApiError } from "./errors/create-api-error.js";

/** The success body of an openapi-fetch result (the member whose `error` is absent). */
type SuccessData<Result> = Result extends { error?: never; data: infer Data } ? Data : never;

/**
 * Throwing style: resolves to `data` (narrowed to the success type) or throws the typed
 * `UltravoxApiError` subclass for the status (built by `createApiError`). Connection errors and
 * timeouts reject as they are.
 */
export async function unwrap<Result extends { /** The HTTP response of the call. */ response: Response }>(promise: Promise<Result>): Promise<SuccessData<Result>> {
  const result = (await promise) as Result & { data?: unknown; error?: unknown };
  if (result.response.ok) return result.data as SuccessData<Result>;
  throw createApiError({ response: result.response, body: result.error });
}
