interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: readonly ErrorLike[];
}

/**
 * Why a fetch failed without an answer, from the error the platform threw: the first `code` down the
 * `cause` chain (Node/undici: `ECONNREFUSED`, `ENOTFOUND`, OpenSSL's `DEPTH_ZERO_SELF_SIGNED_CERT`, …),
 * else the innermost message (browsers: `Failed to fetch`). Returns `[reason, what the platform said]`.
 */
export function connectionReason(error: unknown): [reason: string, detail: string] {
  let message = String(error);
  for (let e = error as ErrorLike | undefined, depth = 0; depth < 9 && e instanceof Object; depth++, e = e.cause as ErrorLike | undefined) {
    // Happy-eyeballs failures are an AggregateError with the code but an empty message.
    const text = e.message || e.errors?.[0]?.message;
    if (typeof text === "string" && text) message = text;
    if (typeof e.code === "string") return [e.code, message.includes(e.code) ? message : `${e.code}: ${message}`];
  }
  return [message, message];
}
