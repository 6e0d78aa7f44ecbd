import { createUltravoxClient, requestOptions } from "@ultravox-api/client";

// Client-wide: GET/HEAD/PUT/DELETE/OPTIONS are retried on network errors, 408, 429, 502, 503, 504,
// with full-jitter exponential backoff, honouring Retry-After up to maxRetryAfterMs.
const client = createUltravoxClient({
  timeoutMs: 15_000, // per attempt, until response headers; 0 disables
  retry: { maxRetries: 4, initialDelayMs: 250, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 },
  // retry: false disables retries unless a request opts in
});

export async function examples(signal: AbortSignal): Promise<void> {
  // Per request: its own timeout, and an opt-in retry for a POST (type-checked through requestOptions).
  await client.POST("/api/calls", {
    body: { systemPrompt: "You are a friendly receptionist." },
    ...requestOptions({ retry: { maxRetries: 2 }, timeoutMs: 30_000 }),
  });
  // Never retry this one; abort it from outside (rejects with the platform AbortError).
  await client.GET("/api/calls", { retry: false, signal });
  // A recording is a 302 to storage: followed by default (the API key stays on api.ultravox.ai)...
  const { data: wav } = await client.GET("/api/calls/{call_id}/recording", {
    params: { path: { call_id: "…" } },
    parseAs: "arrayBuffer",
  });
  console.log(wav?.byteLength);
  // ...or keep the signed URL instead of downloading it.
  const { response } = await client.GET("/api/calls/{call_id}/recording", {
    params: { path: { call_id: "…" } },
    redirect: "manual",
  });
  console.log(response.headers.get("location"));
}
