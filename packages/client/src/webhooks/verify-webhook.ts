import { UltravoxWebhookVerificationError, type WebhookVerificationFailure } from "../errors/ultravox-webhook-verification-error.js";
import { bodyBytes, describeBody } from "../internal/webhook-body.js";
import { fromHex, hmacSha256, signedBytes, timingSafeEqual } from "../internal/webhook-crypto.js";
import { headerValues } from "../internal/webhook-headers.js";
import { secretList } from "../internal/webhook-secrets.js";
import { parseWebhookTimestamp } from "../internal/webhook-timestamp.js";
import type { WebhookEvent, WebhookEventName } from "./webhook-event.js";
import type { WebhookBody, WebhookHeaders } from "./webhook-input.js";
import { DEFAULT_WEBHOOK_TOLERANCE_MS, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./webhook-headers.js";

/** What `verifyWebhook` checks: the raw body, its headers, the secret or secrets, and the freshness window. */
export type VerifyWebhookOptions = {
  /**
   * The raw request body exactly as received: a string, `Uint8Array`/`Buffer` or `ArrayBuffer`. Never
   * `JSON.stringify(parsed)`: re-serialising changes bytes (spacing, key order, `\u` escapes, number
   * forms), so the signature no longer matches.
   */
  readonly body: WebhookBody;
  /** The request's headers: a Fetch `Headers` or a plain record (Node's `req.headers`); names are case-insensitive. */
  readonly headers: WebhookHeaders;
  /**
   * How far the timestamp may be from now, in ms, either way. Default 60000. `Infinity` turns the
   * freshness check off (replays are then accepted: only for re-processing stored deliveries).
   */
  readonly toleranceMs?: number;
  /** The time to check against (Date or epoch ms). Default: `Date.now()`. */
  readonly now?: Date | number;
} & (
  | {
      /** Your webhook's secret. */
      readonly secret: string;
      /** Give `secret` or `secrets`, not both. */
      readonly secrets?: never;
    }
  | {
      /** Every secret currently valid (rotation): a signature made with any of them is accepted. */
      readonly secrets: readonly string[];
      /** Give `secret` or `secrets`, not both. */
      readonly secret?: never;
    }
);

// Keyed by the spec's EventsEnum: a name missing here or extra fails to compile after a spec update.
const EVENT_NAMES: Readonly<Record<WebhookEventName, true>> = { "call.started": true, "call.joined": true, "call.ended": true, "call.billed": true };
const known: ReadonlySet<string> = new Set(Object.keys(EVENT_NAMES));
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Verifies an Ultravox webhook delivery ("Securing Webhooks" in the Ultravox docs) and returns its
 * event: the `X-Ultravox-Webhook-Timestamp` must be within `toleranceMs` of now (either way), and one
 * of the comma-separated hex HMAC-SHA256 signatures in `X-Ultravox-Webhook-Signature` must be the
 * HMAC of the raw body's bytes followed by the timestamp's bytes, keyed by one of the secrets
 * (compared in constant time). Only then is the body parsed.
 *
 * @returns `{ event: "call.started" | "call.joined" | "call.ended" | "call.billed", call: Call }`, or
 *   `{ event: "unknown", name, payload }` for a verified event name the types do not know yet.
 * @throws UltravoxWebhookVerificationError with a `reason` (see WebhookVerificationFailure); fails
 *   closed: whatever makes a check impossible (no secret, a NaN tolerance, two timestamp headers) is a failure.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const secrets = secretList(options.secret, options.secrets);
  if (secrets === undefined) {
    throw failure("missing-secret", "no webhook secret: pass `secret` or `secrets`, each a non-empty string");
  }
  const tolerance = options.toleranceMs ?? DEFAULT_WEBHOOK_TOLERANCE_MS;
  // `!(x >= 0)` also catches NaN, which would make every comparison below false, so every timestamp fresh.
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw failure("invalid-option", "`toleranceMs` must be a number ≥ 0 (Infinity turns the freshness check off)");
  }
  const now = options.now === undefined ? Date.now() : typeof options.now === "number" ? options.now : options.now.getTime();
  if (!Number.isFinite(now)) throw failure("invalid-option", "`now` must be a valid Date or a finite epoch ms");
  const bytes = bodyBytes(options.body);
  if (bytes === undefined) {
    throw failure(
      "invalid-body",
      `the body must be the raw request body (string, Uint8Array or ArrayBuffer), not ${describeBody(options.body)}: read it before any JSON parser does`,
    );
  }

  const timestamps = headerValues(options.headers, WEBHOOK_TIMESTAMP_HEADER);
  const [timestamp] = timestamps;
  if (timestamp === undefined) throw missingHeader(WEBHOOK_TIMESTAMP_HEADER);
  const signatureValues = headerValues(options.headers, WEBHOOK_SIGNATURE_HEADER);
  if (signatureValues.length === 0) throw missingHeader(WEBHOOK_SIGNATURE_HEADER);
  const sentAt = timestamps.length === 1 ? parseWebhookTimestamp(timestamp) : undefined;
  if (sentAt === undefined) {
    throw failure("invalid-timestamp", `${WEBHOOK_TIMESTAMP_HEADER} is not one ISO 8601 date-time: ${JSON.stringify(timestamps.join(", ").slice(0, 64))}`);
  }
  if (tolerance !== Infinity) {
    const age = now - sentAt;
    if (age > tolerance) throw failure("timestamp-too-old", `the delivery was signed ${Math.round(age / 1000)} s ago, more than the ${tolerance} ms allowed`);
    if (-age > tolerance) throw failure("timestamp-in-future", `the delivery is dated ${Math.round(-age / 1000)} s in the future, more than the ${tolerance} ms allowed`);
  }

  const candidates = signatureValues
    .flatMap((value) => value.split(","))
    .map((text) => fromHex(text.trim()))
    .filter((signature) => signature !== undefined);
  // The timestamp as sent (not re-formatted): it is part of the signed bytes.
  const data = signedBytes(bytes, timestamp);
  let matched = false;
  for (const secret of secrets) {
    const expected = await hmacSha256(secret, data);
    for (const candidate of candidates) if (timingSafeEqual(expected, candidate)) matched = true;
  }
  if (!matched) {
    const count = candidates.length;
    throw failure("no-matching-signature", `none of the ${count} well-formed signature${count === 1 ? "" : "s"} matches the body with any of the ${secrets.length} secret${secrets.length === 1 ? "" : "s"}`);
  }
  return parseEvent(bytes);
}

function parseEvent(bytes: Uint8Array): WebhookEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw failure("invalid-json", "the signed body is not UTF-8 JSON", error);
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw failure("invalid-payload", "the body is not a JSON object");
  const record = payload as Record<string, unknown>;
  const name = record["event"];
  if (typeof name !== "string") throw failure("invalid-payload", 'the body has no string "event"');
  if (!known.has(name)) return { event: "unknown", name, payload: record };
  const call = record["call"];
  if (typeof call !== "object" || call === null || Array.isArray(call)) throw failure("invalid-payload", `the ${name} event has no "call" object`);
  return payload as WebhookEvent;
}

function missingHeader(header: string): UltravoxWebhookVerificationError {
  return new UltravoxWebhookVerificationError(`Webhook verification failed: missing ${header} header`, { reason: "missing-header", header });
}

function failure(reason: WebhookVerificationFailure, detail: string, cause?: unknown): UltravoxWebhookVerificationError {
  return new UltravoxWebhookVerificationError(`Webhook verification failed: ${detail}`, { reason }, cause === undefined ? undefined : { cause });
}
