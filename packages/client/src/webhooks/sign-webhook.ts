import { bodyBytes, describeBody } from "../internal/webhook-body.js";
import { hmacSha256, signedBytes, toHex } from "../internal/webhook-crypto.js";
import { secretList } from "../internal/webhook-secrets.js";
import { formatWebhookTimestamp } from "../internal/webhook-timestamp.js";
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./webhook-headers.js";
import type { WebhookBody } from "./webhook-input.js";

/** What `signWebhook` signs: the body, when, and with which secret or secrets. */
export type SignWebhookOptions = {
  /** The exact bytes or text you will send as the body. */
  readonly body: WebhookBody;
  /**
   * When it is sent: a `Date` or epoch ms (written as Python's `isoformat()` does,
   * `2025-01-01T09:00:00.000000+00:00`), or a string used verbatim. Default: now.
   */
  readonly timestamp?: Date | number | string;
} & (
  | {
      /** The webhook's secret. */
      readonly secret: string;
      /** Give `secret` or `secrets`, not both. */
      readonly secrets?: never;
    }
  | {
      /** Several secrets (rotation): one signature each, in this order. */
      readonly secrets: readonly string[];
      /** Give `secret` or `secrets`, not both. */
      readonly secret?: never;
    }
);

/** The two headers of a signed delivery (a type literal, so it passes as a plain header record). */
export type SignedWebhookHeaders = {
  /** When the delivery was signed, ISO 8601. */
  readonly "X-Ultravox-Webhook-Timestamp": string;
  /** Lowercase hex HMAC-SHA256 signatures, comma-separated when there are several secrets. */
  readonly "X-Ultravox-Webhook-Signature": string;
};

/**
 * Signs a webhook body as Ultravox does ("Securing Webhooks" in the Ultravox docs): the signature is
 * lowercase hex HMAC-SHA256, keyed by the secret's UTF-8 bytes, of the body's bytes followed by the
 * timestamp header's bytes; several secrets give comma-separated signatures. For tests of your
 * receiver, and for mocks. Throws `TypeError` for an empty secret or a body that is not raw.
 */
export async function signWebhook(options: SignWebhookOptions): Promise<SignedWebhookHeaders> {
  const secrets = secretList(options.secret, options.secrets);
  if (secrets === undefined) throw new TypeError("signWebhook needs `secret` or `secrets`, each a non-empty string.");
  const bytes = bodyBytes(options.body);
  if (bytes === undefined) throw new TypeError(`signWebhook needs the raw body (string or bytes), not ${describeBody(options.body)}.`);
  const at = options.timestamp ?? Date.now();
  const ms = typeof at === "number" ? at : typeof at === "string" ? 0 : at.getTime();
  if (!Number.isFinite(ms)) throw new TypeError("signWebhook needs a valid `timestamp` (Date, epoch ms or string).");
  const timestamp = typeof at === "string" ? at : formatWebhookTimestamp(ms);
  const data = signedBytes(bytes, timestamp);
  const signatures = await Promise.all(secrets.map(async (secret) => toHex(await hmacSha256(secret, data))));
  return { [WEBHOOK_TIMESTAMP_HEADER]: timestamp, [WEBHOOK_SIGNATURE_HEADER]: signatures.join(",") };
}
