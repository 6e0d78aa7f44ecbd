/*
 * Ultravox webhook signing, as documented in "Securing Webhooks" (docs.ultravox.ai/webhooks/securing-webhooks):
 * - `X-Ultravox-Webhook-Timestamp`: when the request was sent; the docs' Python check parses it with
 *   `datetime.fromisoformat`, so we send ISO 8601 with a `+00:00` offset and microseconds, the form
 *   Python's `isoformat()` writes and every `fromisoformat` (3.7+) reads.
 * - `X-Ultravox-Webhook-Signature`: lowercase hex HMAC-SHA256, keyed by the secret's UTF-8 bytes, of
 *   the raw request body followed directly by the timestamp string's bytes (no separator). It may
 *   hold several signatures separated by commas (secret rotation): one match is enough.
 * - Receivers should reject timestamps older than about a minute (replay protection).
 * Web Crypto only (`crypto.subtle`), so this runs in Node, browsers and workers.
 */

export const SIGNATURE_HEADER = "X-Ultravox-Webhook-Signature";
export const TIMESTAMP_HEADER = "X-Ultravox-Webhook-Timestamp";

const encoder = new TextEncoder();

/** The timestamp header's value for `date`, e.g. `2025-01-01T09:00:00.000000+00:00`. */
export function webhookTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/** Hex HMAC-SHA256 of `body` + `timestamp` with `secret`. */
export async function signWebhook(secret: string, body: string | Uint8Array, timestamp: string): Promise<string> {
  const key = await hmacKey(secret, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, signedBytes(body, timestamp));
  return toHex(new Uint8Array(mac));
}

/** The two headers a signed delivery of `body` at `date` carries (one signature per secret). */
export async function webhookSignatureHeaders(
  secrets: string | readonly string[],
  body: string | Uint8Array,
  date: Date,
): Promise<Record<string, string>> {
  const timestamp = webhookTimestamp(date);
  const list = typeof secrets === "string" ? [secrets] : secrets;
  const signatures = await Promise.all(list.map((secret) => signWebhook(secret, body, timestamp)));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatures.join(",") };
}

export interface VerifyWebhookSignatureOptions {
  /** The raw body exactly as received (verify before parsing the JSON). */
  readonly body: string | Uint8Array;
  /** The `X-Ultravox-Webhook-Timestamp` header. */
  readonly timestamp: string | null | undefined;
  /** The `X-Ultravox-Webhook-Signature` header (one or more comma-separated signatures). */
  readonly signature: string | null | undefined;
  /** Your webhook secret, or several during a rotation. */
  readonly secret: string | readonly string[];
  /** The time to check the timestamp against (ms or Date). Default: the current time. */
  readonly now?: number | Date;
  /** How far the timestamp may be from `now`, in seconds. Default 60; `Infinity` skips the check. */
  readonly toleranceSeconds?: number;
}

/**
 * True when the delivery is fresh and one of its signatures was made with one of the secrets.
 * Comparison goes through `crypto.subtle.verify`, which is constant-time.
 */
export async function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): Promise<boolean> {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return false;
  const sentAt = Date.parse(timestamp);
  if (!Number.isFinite(sentAt)) return false;
  const now = options.now === undefined ? Date.now() : options.now instanceof Date ? options.now.getTime() : options.now;
  const tolerance = (options.toleranceSeconds ?? 60) * 1000;
  if (Math.abs(now - sentAt) > tolerance) return false;
  const data = signedBytes(options.body, timestamp);
  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  const candidates = signature
    .split(",")
    .map((s) => fromHex(s.trim()))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== undefined);
  for (const secret of secrets) {
    const key = await hmacKey(secret, ["verify"]);
    for (const candidate of candidates) {
      if (await crypto.subtle.verify("HMAC", key, candidate, data)) return true;
    }
  }
  return false;
}

function hmacKey(secret: string, usages: KeyUsage[]): Promise<CryptoKey> {
  if (secret.length === 0) throw new TypeError("A webhook secret must not be empty.");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, usages);
}

function signedBytes(body: string | Uint8Array, timestamp: string): Uint8Array<ArrayBuffer> {
  const head = typeof body === "string" ? encoder.encode(body) : body;
  const tail = encoder.encode(timestamp);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

function fromHex(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length !== 64 || !/^[0-9a-fA-F]+$/.test(text)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
