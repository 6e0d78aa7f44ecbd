import {
  createUltravoxClient,
  isUltravoxApiError,
  UltravoxConnectionError,
  UltravoxNotFoundError,
  UltravoxRateLimitError,
  UltravoxTimeoutError,
  unwrap,
} from "@ultravox-api/client";

const client = createUltravoxClient();

export async function describeCall(callId: string): Promise<string> {
  try {
    const call = await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: callId } } }));
    return `${call.callId} ended: ${call.endReason ?? "still running"}`;
  } catch (error) {
    if (error instanceof UltravoxNotFoundError) return "no such call";
    if (error instanceof UltravoxRateLimitError) return `rate limited, retry in ${error.retryAfterMs ?? 1000} ms`;
    if (error instanceof UltravoxTimeoutError) return `gave up after ${error.timeoutMs} ms`;
    if (error instanceof UltravoxConnectionError) return "network down";
    // Guards work across bundles and realms, where instanceof may not.
    if (isUltravoxApiError(error)) {
      return `${error.status}: ${error.detail ?? JSON.stringify(error.fieldErrors)} (request ${error.requestId ?? "?"})`;
    }
    throw error;
  }
}
