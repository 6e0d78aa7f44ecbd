/** The header holding when Ultravox sent a delivery (ISO 8601). */
export const WEBHOOK_TIMESTAMP_HEADER = "X-Ultravox-Webhook-Timestamp";

/** The header holding the delivery's hex HMAC-SHA256 signatures, comma-separated (one per secret). */
export const WEBHOOK_SIGNATURE_HEADER = "X-Ultravox-Webhook-Signature";

/** How far a delivery's timestamp may be from now by default, in ms (the Ultravox docs suggest a minute). */
export const DEFAULT_WEBHOOK_TOLERANCE_MS = 60_000;
