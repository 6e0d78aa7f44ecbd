import { UltravoxError } from "./ultravox-error.js";

/**
 * Why a webhook delivery was refused by `verifyWebhook`:
 * - `missing-secret`: no non-empty secret was given (e.g. an unset environment variable);
 * - `invalid-option`: `toleranceMs` or `now` is not a usable number, so freshness cannot be checked;
 * - `invalid-body`: the body is not the raw bytes or text (for instance an object already parsed by a JSON middleware);
 * - `missing-header`: `X-Ultravox-Webhook-Timestamp` or `X-Ultravox-Webhook-Signature` is absent or empty (see `header`);
 * - `invalid-timestamp`: the timestamp is not one ISO 8601 date-time;
 * - `timestamp-too-old` / `timestamp-in-future`: further from now than the tolerance;
 * - `no-matching-signature`: no signature in the header was made with any of the secrets over these bytes;
 * - `invalid-json`: the signed body is not UTF-8 JSON;
 * - `invalid-payload`: the JSON is not `{"event": "<name>", …}`, or a known event without its `call` object.
 */
export type WebhookVerificationFailure =
  | "missing-secret"
  | "invalid-option"
  | "invalid-body"
  | "missing-header"
  | "invalid-timestamp"
  | "timestamp-too-old"
  | "timestamp-in-future"
  | "no-matching-signature"
  | "invalid-json"
  | "invalid-payload";

/** A webhook delivery that must not be trusted; answer it with a 4xx. Its message never holds a secret. */
export class UltravoxWebhookVerificationError extends UltravoxError {
  /** Literal class name, also set on the prototype. */
  declare name: "UltravoxWebhookVerificationError";
  /** What failed, as a stable code. */
  declare readonly reason: WebhookVerificationFailure;
  /** For `missing-header`: the header's name. */
  declare readonly header?: string;

  static {
    this.prototype.name = "UltravoxWebhookVerificationError";
  }
}
