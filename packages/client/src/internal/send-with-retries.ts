import { UltravoxConnectionError } from "../errors/ultravox-connection-error.js";
import { UltravoxTimeoutError } from "../errors/ultravox-timeout-error.js";
import type { CallContext } from "./call-context.js";
import { connectionReason } from "#platform";
import { discardBody } from "./discard-body.js";
import { redactUrl } from "./redact-url.js";
import { responseMeta } from "./response-meta.js";
import { RETRY_STATUSES, retryDelay } from "./retry-policy.js";
import { sleep } from "./sleep.js";

/** Sends one attempt: `followRedirects` or `sendAttempt`. */
export type SendStep = (context: CallContext, request: Request) => Promise<Response>;

/**
 * Runs `send` until an answer that is not worth retrying, or the policy's retries are spent: network
 * errors and 408/429/502/503/504 are retried after the backoff (or Retry-After) wait, which the
 * caller's signal ends at once. A time-out or an abort ends the call. No answer at all becomes
 * `UltravoxConnectionError` with the reason, the attempts made and the time spent.
 */
export async function sendWithRetries(context: CallContext, request: Request, send: SendStep): Promise<Response> {
  const { policy } = context;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      // A body is a one-shot stream: keep the original unread and send a copy when we may need it again.
      response = await send(context, policy && request.body ? request.clone() : request);
    } catch (error) {
      if (context.signal.aborted || error instanceof UltravoxTimeoutError) throw error;
      failure = error;
    }
    if (!policy || attempt > policy.maxRetries || (response && !RETRY_STATUSES.includes(response.status))) {
      if (response) {
        // Only errors need naming (createApiError); skipping successes keeps the hot path free of WeakMap work.
        if (!response.ok) responseMeta.set(response, { method: context.method, url: response.url || request.url });
        return response;
      }
      const { method } = context;
      const url = redactUrl(request.url);
      const [reason, detail] = connectionReason(failure);
      const elapsedMs = Date.now() - started;
      throw new UltravoxConnectionError(
        `${method} ${url} failed: ${detail}${context.browser ? " (or a CORS refusal)" : ""}, after ${attempt} attempt(s) in ${elapsedMs} ms`,
        { method, url, reason, attempts: attempt, elapsedMs },
        { cause: failure },
      );
    }
    if (response) discardBody(response);
    await sleep(retryDelay(attempt - 1, response?.headers.get("retry-after"), policy), context.signal);
  }
}
