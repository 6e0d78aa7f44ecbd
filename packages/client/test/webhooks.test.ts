import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isUltravoxError, UltravoxError } from "@ultravox-api/client";
import {
  signWebhook,
  UltravoxWebhookVerificationError,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type VerifyWebhookOptions,
  type WebhookVerificationFailure,
} from "@ultravox-api/client/webhooks";

// An independent implementation (node:crypto) of the documented scheme: hex HMAC-SHA256 of body + timestamp.
function reference(secret: string, body: string | Uint8Array, timestamp: string): string {
  return createHmac("sha256", secret).update(Buffer.concat([Buffer.from(body), Buffer.from(timestamp)])).digest("hex");
}

const AT = Date.parse("2025-03-01T09:00:00.123Z");
const SENT = "2025-03-01T09:00:00.123000+00:00";
const SECRET = "whsec-test-secret-1234";
const CALL = { callId: "6a4d5d2e-1f44-4c7b-9b0e-0d7e3f2a1b11", endReason: "hangup", metadata: { name: "Zoë — ✓" } };
const BODY = JSON.stringify({ event: "call.ended", call: CALL });

describe("signWebhook", () => {
  it("writes the timestamp as Python's isoformat() does and signs body + timestamp", async () => {
    const headers = await signWebhook({ body: BODY, secret: SECRET, timestamp: AT });
    expect(headers).toEqual({ [WEBHOOK_TIMESTAMP_HEADER]: SENT, [WEBHOOK_SIGNATURE_HEADER]: reference(SECRET, BODY, SENT) });
  });

  const vectors = [
    { secret: "ünïcödé secret", body: '{"name":"Zoë — ✓"}' },
    { secret: "s", body: "" },
    { secret: SECRET, body: BODY },
  ];
  it.each(vectors)("matches node:crypto for secret $secret, from text, bytes and ArrayBuffer", async ({ secret, body }) => {
    const bytes = new TextEncoder().encode(body);
    const want = reference(secret, body, SENT);
    for (const given of [body, bytes, bytes.buffer, Buffer.from(body), new DataView(bytes.buffer)]) {
      const headers = await signWebhook({ body: given, secret, timestamp: SENT });
      expect(headers[WEBHOOK_SIGNATURE_HEADER]).toBe(want);
    }
  });

  it("puts one signature per secret, comma-separated, in the order given", async () => {
    const headers = await signWebhook({ body: BODY, secrets: ["old", "new"], timestamp: new Date(AT) });
    expect(headers[WEBHOOK_SIGNATURE_HEADER]).toBe(`${reference("old", BODY, SENT)},${reference("new", BODY, SENT)}`);
  });

  it("defaults the timestamp to now", async () => {
    const before = Date.now();
    const headers = await signWebhook({ body: BODY, secret: SECRET });
    const sent = Date.parse(headers[WEBHOOK_TIMESTAMP_HEADER]);
    expect(sent).toBeGreaterThanOrEqual(before);
    expect(sent).toBeLessThanOrEqual(Date.now());
  });

  const bad: { name: string; options: unknown; message: string }[] = [
    { name: "an empty secret", options: { body: "{}", secret: "" }, message: "signWebhook needs `secret` or `secrets`, each a non-empty string." },
    { name: "no secret", options: { body: "{}" }, message: "signWebhook needs `secret` or `secrets`, each a non-empty string." },
    { name: "an empty secret list", options: { body: "{}", secrets: [] }, message: "signWebhook needs `secret` or `secrets`, each a non-empty string." },
    { name: "a parsed body", options: { body: { a: 1 }, secret: "s" }, message: "signWebhook needs the raw body (string or bytes), not an object." },
    { name: "an invalid Date", options: { body: "{}", secret: "s", timestamp: new Date(NaN) }, message: "signWebhook needs a valid `timestamp` (Date, epoch ms or string)." },
  ];
  it.each(bad)("refuses $name with a TypeError", async ({ options, message }) => {
    await expect(signWebhook(options as Parameters<typeof signWebhook>[0])).rejects.toThrow(new TypeError(message));
  });
});

describe("verifyWebhook", () => {
  const NOW = AT + 10_000;
  const good = reference(SECRET, BODY, SENT);
  const headers = { [WEBHOOK_TIMESTAMP_HEADER]: SENT, [WEBHOOK_SIGNATURE_HEADER]: good };

  it("returns the parsed event of a good delivery", async () => {
    const event = await verifyWebhook({ body: BODY, headers, secret: SECRET, now: NOW });
    expect(event).toEqual({ event: "call.ended", call: CALL });
  });

  type Case = { name: string; options: Partial<Record<keyof VerifyWebhookOptions, unknown>>; want: "ok" | WebhookVerificationFailure; header?: string };
  const cases: Case[] = [
    // Accepted
    { name: "a good signature", options: {}, want: "ok" },
    { name: "one good signature among several", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: `${"0".repeat(64)}, ${good}` } }, want: "ok" },
    { name: "upper-case hex", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: good.toUpperCase() } }, want: "ok" },
    { name: "lower-case header names (Node)", options: { headers: { "x-ultravox-webhook-timestamp": SENT, "x-ultravox-webhook-signature": good } }, want: "ok" },
    { name: "a Fetch Headers object", options: { headers: new Headers(headers) }, want: "ok" },
    { name: "the signature header as an array", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: ["f".repeat(64), good] } }, want: "ok" },
    { name: "bytes", options: { body: new TextEncoder().encode(BODY) }, want: "ok" },
    { name: "a Buffer", options: { body: Buffer.from(BODY) }, want: "ok" },
    { name: "an ArrayBuffer", options: { body: new TextEncoder().encode(BODY).buffer }, want: "ok" },
    { name: "a Date for now", options: { now: new Date(NOW) }, want: "ok" },
    { name: "exactly at the tolerance", options: { now: AT + 60_000 }, want: "ok" },
    { name: "a wider tolerance", options: { now: AT + 300_000, toleranceMs: 300_000 }, want: "ok" },
    { name: "a day-old delivery with the check turned off", options: { now: AT + 86_400_000, toleranceMs: Infinity }, want: "ok" },
    // Refused: configuration that would make a check impossible
    { name: "an empty secret", options: { secret: "" }, want: "missing-secret" },
    { name: "an unset secret (process.env.X)", options: { secret: undefined }, want: "missing-secret" },
    { name: "an empty secret list", options: { secret: undefined, secrets: [] }, want: "missing-secret" },
    { name: "an empty secret in the list", options: { secret: undefined, secrets: [SECRET, ""] }, want: "missing-secret" },
    { name: "a NaN tolerance", options: { toleranceMs: NaN }, want: "invalid-option" },
    { name: "a negative tolerance", options: { toleranceMs: -1 }, want: "invalid-option" },
    { name: "a string tolerance", options: { toleranceMs: "60000" }, want: "invalid-option" },
    { name: "an invalid Date for now", options: { now: new Date("nope") }, want: "invalid-option" },
    { name: "a NaN now", options: { now: NaN }, want: "invalid-option" },
    { name: "a parsed body (express.json())", options: { body: JSON.parse(BODY) }, want: "invalid-body" },
    { name: "an undefined body", options: { body: undefined }, want: "invalid-body" },
    // Refused: headers
    { name: "no timestamp header", options: { headers: { [WEBHOOK_SIGNATURE_HEADER]: good } }, want: "missing-header", header: WEBHOOK_TIMESTAMP_HEADER },
    { name: "an empty timestamp header", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: " " } }, want: "missing-header", header: WEBHOOK_TIMESTAMP_HEADER },
    { name: "no signature header", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: SENT } }, want: "missing-header", header: WEBHOOK_SIGNATURE_HEADER },
    { name: "no headers at all", options: { headers: new Headers() }, want: "missing-header", header: WEBHOOK_TIMESTAMP_HEADER },
    { name: "a garbage timestamp", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "yesterday" } }, want: "invalid-timestamp" },
    { name: "a non-ISO date Date.parse accepts", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "Sat Mar 01 2025 09:00:00" } }, want: "invalid-timestamp" },
    { name: "epoch seconds", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: String(AT / 1000) } }, want: "invalid-timestamp" },
    { name: "a date without a time", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "2025-03-01" } }, want: "invalid-timestamp" },
    { name: "February 30th", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "2025-02-30T09:00:00Z" } }, want: "invalid-timestamp" },
    { name: "hour 24", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "2025-03-01T24:00:00Z" } }, want: "invalid-timestamp" },
    { name: "two timestamp headers", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: [SENT, SENT] } }, want: "invalid-timestamp" },
    // Refused: freshness
    { name: "a stale timestamp", options: { now: AT + 60_001 }, want: "timestamp-too-old" },
    { name: "a stale timestamp, a narrower tolerance", options: { now: AT + 5_001, toleranceMs: 5_000 }, want: "timestamp-too-old" },
    { name: "a timestamp from the future", options: { now: AT - 60_001 }, want: "timestamp-in-future" },
    // Refused: signature
    { name: "a tampered body", options: { body: BODY.replace("hangup", "agent_hangup") }, want: "no-matching-signature" },
    { name: "a re-serialized body", options: { body: JSON.stringify(JSON.parse(BODY), null, 2) }, want: "no-matching-signature" },
    { name: "a tampered timestamp", options: { headers: { ...headers, [WEBHOOK_TIMESTAMP_HEADER]: "2025-03-01T09:00:01.123000+00:00" } }, want: "no-matching-signature" },
    { name: "the wrong secret", options: { secret: "nope" }, want: "no-matching-signature" },
    { name: "a truncated signature", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: good.slice(0, 63) } }, want: "no-matching-signature" },
    { name: "a signature with a prefix (v1=…)", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: `v1=${good}` } }, want: "no-matching-signature" },
    { name: "only commas", options: { headers: { ...headers, [WEBHOOK_SIGNATURE_HEADER]: ",,," } }, want: "no-matching-signature" },
  ];
  it.each(cases)("$name → $want", async ({ options, want, header }) => {
    const given = { body: BODY, headers, secret: SECRET, now: NOW, ...options } as VerifyWebhookOptions;
    const result = verifyWebhook(given).then(
      () => "ok" as const,
      (error: unknown) => error,
    );
    const outcome = await result;
    if (want === "ok") {
      expect(outcome).toBe("ok");
      return;
    }
    expect(outcome).toBeInstanceOf(UltravoxWebhookVerificationError);
    const error = outcome as UltravoxWebhookVerificationError;
    expect(error.reason).toBe(want);
    expect(error.header).toBe(header);
    expect(error.name).toBe("UltravoxWebhookVerificationError");
    expect(error.message).toMatch(/^Webhook verification failed: /);
    expect(error).toBeInstanceOf(UltravoxError);
    expect(isUltravoxError(error)).toBe(true);
    // The secret never shows, in the message or the serialised error.
    for (const secret of [SECRET, "nope"]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  const payloads: { name: string; body: string; want: WebhookVerificationFailure }[] = [
    { name: "not JSON", body: "event=call.ended", want: "invalid-json" },
    { name: "truncated JSON", body: BODY.slice(0, -1), want: "invalid-json" },
    { name: "not UTF-8", body: "\uFFFD", want: "invalid-json" },
    { name: "a JSON array", body: "[]", want: "invalid-payload" },
    { name: "JSON null", body: "null", want: "invalid-payload" },
    { name: "no event", body: '{"call":{}}', want: "invalid-payload" },
    { name: "a numeric event", body: '{"event":1}', want: "invalid-payload" },
    { name: "a known event without its call", body: '{"event":"call.started"}', want: "invalid-payload" },
    { name: "a known event with a null call", body: '{"event":"call.started","call":null}', want: "invalid-payload" },
  ];
  it.each(payloads)("a correctly signed body that is $name → $want", async ({ body, want }) => {
    // "not UTF-8": sign raw bytes that are invalid UTF-8 (a lone 0xff).
    const bytes = body === "\uFFFD" ? new Uint8Array([0x7b, 0xff, 0x7d]) : new TextEncoder().encode(body);
    const signed = await signWebhook({ body: bytes, secret: SECRET, timestamp: AT });
    await expect(verifyWebhook({ body: bytes, headers: signed, secret: SECRET, now: NOW })).rejects.toMatchObject({ reason: want });
  });

  it("keeps the parse error as the cause of invalid-json", async () => {
    const signed = await signWebhook({ body: "{", secret: SECRET, timestamp: AT });
    const error = await verifyWebhook({ body: "{", headers: signed, secret: SECRET, now: NOW }).catch((e: unknown) => e);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it("returns an event name the types do not know as an unknown event, verified", async () => {
    const payload = { event: "call.transferred", call: CALL, to: "+15550100" };
    const body = JSON.stringify(payload);
    const signed = await signWebhook({ body, secret: SECRET, timestamp: AT });
    expect(await verifyWebhook({ body, headers: signed, secret: SECRET, now: NOW })).toEqual({ event: "unknown", name: "call.transferred", payload });
    // Still verified first: a forged unknown event is refused like any other.
    await expect(verifyWebhook({ body, headers: signed, secret: "other", now: NOW })).rejects.toMatchObject({ reason: "no-matching-signature" });
  });

  it.each(["call.started", "call.joined", "call.ended", "call.billed"])("returns %s as a known event", async (name) => {
    const body = JSON.stringify({ event: name, call: CALL });
    const signed = await signWebhook({ body, secret: SECRET, timestamp: AT });
    expect(await verifyWebhook({ body, headers: signed, secret: SECRET, now: NOW })).toEqual({ event: name, call: CALL });
  });

  describe("rotation", () => {
    it("accepts a delivery signed with either secret while both are listed", async () => {
      for (const signer of ["old-secret", "new-secret"]) {
        const signed = await signWebhook({ body: BODY, secret: signer, timestamp: AT });
        await expect(verifyWebhook({ body: BODY, headers: signed, secrets: ["old-secret", "new-secret"], now: NOW })).resolves.toMatchObject({ event: "call.ended" });
      }
    });

    it("accepts a delivery signed with both (the API signs with each of the webhook's secrets) by a receiver that knows only one", async () => {
      const signed = await signWebhook({ body: BODY, secrets: ["old-secret", "new-secret"], timestamp: AT });
      expect(signed[WEBHOOK_SIGNATURE_HEADER].split(",")).toHaveLength(2);
      for (const secret of ["old-secret", "new-secret"]) {
        await expect(verifyWebhook({ body: BODY, headers: signed, secret, now: NOW })).resolves.toMatchObject({ event: "call.ended" });
      }
      await expect(verifyWebhook({ body: BODY, headers: signed, secret: "retired-secret", now: NOW })).rejects.toMatchObject({ reason: "no-matching-signature" });
    });
  });

  describe("timestamps", () => {
    const forms: { text: string; ms: number }[] = [
      { text: "2025-03-01T09:00:00.123000+00:00", ms: AT },
      { text: "2025-03-01T09:00:00.123Z", ms: AT },
      { text: "2025-03-01T09:00:00.123456Z", ms: AT + 0.456 },
      { text: "2025-03-01T10:00:00.123+01:00", ms: AT },
      { text: "2025-03-01T04:30:00.123-04:30", ms: AT },
      { text: "2025-03-01T09:00:00.123", ms: AT },
      { text: "2025-03-01T09:00Z", ms: AT - 123 },
    ];
    it.each(forms)("reads $text", async ({ text, ms }) => {
      const signed = await signWebhook({ body: BODY, secret: SECRET, timestamp: text });
      expect(signed[WEBHOOK_TIMESTAMP_HEADER]).toBe(text);
      // Fresh at exactly the tolerance from the parsed instant, stale 1 ms later: the parse is exact.
      await expect(verifyWebhook({ body: BODY, headers: signed, secret: SECRET, now: ms + 1000, toleranceMs: 1000 })).resolves.toBeDefined();
      await expect(verifyWebhook({ body: BODY, headers: signed, secret: SECRET, now: ms + 1001, toleranceMs: 1000 })).rejects.toMatchObject({ reason: "timestamp-too-old" });
    });

    it("checks against the real clock by default", async () => {
      const fresh = await signWebhook({ body: BODY, secret: SECRET });
      await expect(verifyWebhook({ body: BODY, headers: fresh, secret: SECRET })).resolves.toMatchObject({ event: "call.ended" });
      const old = await signWebhook({ body: BODY, secret: SECRET, timestamp: Date.now() - 61_000 });
      await expect(verifyWebhook({ body: BODY, headers: old, secret: SECRET })).rejects.toMatchObject({ reason: "timestamp-too-old" });
      const future = await signWebhook({ body: BODY, secret: SECRET, timestamp: Date.now() + 61_000 });
      await expect(verifyWebhook({ body: BODY, headers: future, secret: SECRET })).rejects.toMatchObject({ reason: "timestamp-in-future" });
    });
  });
});
