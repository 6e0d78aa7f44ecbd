import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, type VerifyWebhookOptions } from "@ultravox-api/client/webhooks";

// Each refusal's exact message: what failed and the figures to act on, never a secret or the body.
const AT = Date.UTC(2025, 2, 1, 9);
const SECRET = "s3cret-value";
const BODY = '{"event":"call.ended","call":{}}';

async function refusal(options: Partial<Record<keyof VerifyWebhookOptions, unknown>>, signer: { body?: string; secrets?: string[]; timestamp?: string | number } = {}): Promise<{ message: string; reason: string; header?: string; cause?: unknown }> {
  const signed = await signWebhook({ body: signer.body ?? BODY, secrets: signer.secrets ?? [SECRET], timestamp: signer.timestamp ?? AT });
  const given = { body: BODY, headers: signed, secret: SECRET, now: AT, ...options } as VerifyWebhookOptions;
  const error = await verifyWebhook(given).then(
    () => undefined,
    (caught: unknown) => caught as { message: string; reason: string; header?: string; cause?: unknown },
  );
  if (error === undefined) throw new Error("verified, yet a refusal was expected");
  expect(error.message).not.toContain(SECRET);
  return error;
}

const failed = (detail: string): string => `Webhook verification failed: ${detail}`;
const TS = "2025-03-01T09:00:00.000000+00:00";

describe("verifyWebhook's refusals, word for word", () => {
  it.each([
    { given: "no secret", options: { secret: "" }, reason: "missing-secret", message: failed("no webhook secret: pass `secret` or `secrets`, each a non-empty string") },
    { given: "a negative tolerance", options: { toleranceMs: -1 }, reason: "invalid-option", message: failed("`toleranceMs` must be a number ≥ 0 (Infinity turns the freshness check off)") },
    { given: "a tolerance as text", options: { toleranceMs: "5" }, reason: "invalid-option", message: failed("`toleranceMs` must be a number ≥ 0 (Infinity turns the freshness check off)") },
    { given: "an invalid now", options: { now: Infinity }, reason: "invalid-option", message: failed("`now` must be a valid Date or a finite epoch ms") },
    { given: "a parsed body", options: { body: { event: "call.ended" } }, reason: "invalid-body", message: failed("the body must be the raw request body (string, Uint8Array or ArrayBuffer), not an object: read it before any JSON parser does") },
    { given: "no timestamp header", options: { headers: { [WEBHOOK_SIGNATURE_HEADER]: "ab" } }, reason: "missing-header", header: WEBHOOK_TIMESTAMP_HEADER, message: failed(`missing ${WEBHOOK_TIMESTAMP_HEADER} header`) },
    { given: "no signature header", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: TS } }, reason: "missing-header", header: WEBHOOK_SIGNATURE_HEADER, message: failed(`missing ${WEBHOOK_SIGNATURE_HEADER} header`) },
    { given: "a signature header that is blank", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: TS, [WEBHOOK_SIGNATURE_HEADER]: [" ", ""] } }, reason: "missing-header", header: WEBHOOK_SIGNATURE_HEADER, message: failed(`missing ${WEBHOOK_SIGNATURE_HEADER} header`) },
    { given: "a bad timestamp", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: "soon", [WEBHOOK_SIGNATURE_HEADER]: "ab" } }, reason: "invalid-timestamp", message: failed(`${WEBHOOK_TIMESTAMP_HEADER} is not one ISO 8601 date-time: "soon"`) },
    { given: "two timestamps, shown joined", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: [TS, "x"], [WEBHOOK_SIGNATURE_HEADER]: "ab" } }, reason: "invalid-timestamp", message: failed(`${WEBHOOK_TIMESTAMP_HEADER} is not one ISO 8601 date-time: "${`${TS}, x`.slice(0, 64)}"`) },
    { given: "a long bad timestamp, cut at 64 characters", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: "y".repeat(100), [WEBHOOK_SIGNATURE_HEADER]: "ab" } }, reason: "invalid-timestamp", message: failed(`${WEBHOOK_TIMESTAMP_HEADER} is not one ISO 8601 date-time: "${"y".repeat(64)}"`) },
    { given: "a delivery 90.4 s old", options: { now: AT + 90_400 }, reason: "timestamp-too-old", message: failed("the delivery was signed 90 s ago, more than the 60000 ms allowed") },
    { given: "a delivery 90.6 s old, a narrower tolerance", options: { now: AT + 90_600, toleranceMs: 1_000 }, reason: "timestamp-too-old", message: failed("the delivery was signed 91 s ago, more than the 1000 ms allowed") },
    { given: "a delivery 2 minutes ahead", options: { now: AT - 120_000 }, reason: "timestamp-in-future", message: failed("the delivery is dated 120 s in the future, more than the 60000 ms allowed") },
    { given: "one signature, one secret", options: { secret: "other" }, reason: "no-matching-signature", message: failed("none of the 1 well-formed signature matches the body with any of the 1 secret") },
    { given: "two signatures, two secrets", options: { secret: undefined, secrets: ["x", "y"] }, signer: { secrets: [SECRET, "z"] }, reason: "no-matching-signature", message: failed("none of the 2 well-formed signatures matches the body with any of the 2 secrets") },
    { given: "no well-formed signature", options: { headers: { [WEBHOOK_TIMESTAMP_HEADER]: TS, [WEBHOOK_SIGNATURE_HEADER]: "nothex, 12" } }, reason: "no-matching-signature", message: failed("none of the 0 well-formed signatures matches the body with any of the 1 secret") },
    { given: "a body that is not JSON", options: { body: "nope" }, signer: { body: "nope" }, reason: "invalid-json", message: failed("the signed body is not UTF-8 JSON") },
    { given: "a JSON array", options: { body: "[]" }, signer: { body: "[]" }, reason: "invalid-payload", message: failed("the body is not a JSON object") },
    { given: "a JSON string", options: { body: '"x"' }, signer: { body: '"x"' }, reason: "invalid-payload", message: failed("the body is not a JSON object") },
    { given: "no event name", options: { body: "{}" }, signer: { body: "{}" }, reason: "invalid-payload", message: failed('the body has no string "event"') },
    { given: "a known event with a list for call", options: { body: '{"event":"call.ended","call":[]}' }, signer: { body: '{"event":"call.ended","call":[]}' }, reason: "invalid-payload", message: failed('the call.ended event has no "call" object') },
    { given: "a known event with text for call", options: { body: '{"event":"call.billed","call":"x"}' }, signer: { body: '{"event":"call.billed","call":"x"}' }, reason: "invalid-payload", message: failed('the call.billed event has no "call" object') },
  ])("$given → $reason", async ({ options, signer, reason, message, header }) => {
    const error = await refusal(options, signer);
    expect({ reason: error.reason, message: error.message, header: error.header }).toEqual({ reason, message, header });
    // Only invalid-json has an underlying error to keep.
    expect("cause" in error).toBe(reason === "invalid-json");
  });
});

describe("verifyWebhook reads the body as strict UTF-8", () => {
  it("a byte that is not UTF-8 inside a JSON string is invalid-json, not a replacement character", async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('{"event":"call.x'), 0xff, ...new TextEncoder().encode('"}')]);
    const signed = await signWebhook({ body: bytes, secret: SECRET, timestamp: AT });
    await expect(verifyWebhook({ body: bytes, headers: signed, secret: SECRET, now: AT })).rejects.toMatchObject({ reason: "invalid-json" });
  });
});

describe("verifyWebhook's freshness bounds", () => {
  it.each([
    { given: "exactly the tolerance old", now: AT + 60_000, ok: true },
    { given: "exactly the tolerance ahead", now: AT - 60_000, ok: true },
    { given: "a millisecond past it, old", now: AT + 60_001, ok: false },
    { given: "a millisecond past it, ahead", now: AT - 60_001, ok: false },
    { given: "a tolerance of 0, same instant", now: AT, toleranceMs: 0, ok: true },
    { given: "a tolerance of 0, a millisecond ahead", now: AT - 1, toleranceMs: 0, ok: false },
    { given: "Infinity, years ahead", now: AT - 1e11, toleranceMs: Infinity, ok: true },
  ])("$given", async ({ now, toleranceMs, ok }) => {
    const signed = await signWebhook({ body: BODY, secret: SECRET, timestamp: AT });
    const outcome = await verifyWebhook({ body: BODY, headers: signed, secret: SECRET, now, ...(toleranceMs === undefined ? {} : { toleranceMs }) }).then(
      () => true,
      () => false,
    );
    expect(outcome).toBe(ok);
  });

  it("uses the timestamp as sent in the signed bytes, not re-formatted", async () => {
    const signed = await signWebhook({ body: BODY, secret: SECRET, timestamp: " 2025-03-01T09:00:00Z" });
    await expect(verifyWebhook({ body: BODY, headers: { ...signed, [WEBHOOK_TIMESTAMP_HEADER]: "2025-03-01T09:00:00Z" }, secret: SECRET, now: AT })).rejects.toMatchObject({ reason: "no-matching-signature" });
    await expect(verifyWebhook({ body: BODY, headers: signed, secret: SECRET, now: AT })).resolves.toMatchObject({ event: "call.ended" });
  });

  it("checks every secret against every signature (a match on the last pair counts)", async () => {
    const signed = await signWebhook({ body: BODY, secrets: ["a", "b", SECRET], timestamp: AT });
    await expect(verifyWebhook({ body: BODY, headers: signed, secrets: ["x", "y", SECRET], now: AT })).resolves.toMatchObject({ event: "call.ended" });
    const first = await signWebhook({ body: BODY, secrets: [SECRET, "a"], timestamp: AT });
    await expect(verifyWebhook({ body: BODY, headers: first, secrets: [SECRET, "x"], now: AT })).resolves.toMatchObject({ event: "call.ended" });
  });
});

describe("signWebhook", () => {
  it.each([
    { given: "a Date", timestamp: new Date(AT + 5), want: "2025-03-01T09:00:00.005000+00:00" },
    { given: "epoch ms", timestamp: AT, want: TS },
    { given: "epoch 0", timestamp: 0, want: "1970-01-01T00:00:00.000000+00:00" },
    { given: "a string, verbatim", timestamp: "whenever", want: "whenever" },
  ])("writes the timestamp of $given", async ({ timestamp, want }) => {
    const signed = await signWebhook({ body: BODY, secret: SECRET, timestamp });
    expect(signed[WEBHOOK_TIMESTAMP_HEADER]).toBe(want);
    expect(Object.keys(signed)).toEqual([WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_SIGNATURE_HEADER]);
  });

  it.each([{ given: "NaN", timestamp: NaN }, { given: "Infinity", timestamp: Infinity }])("refuses a timestamp of $given", async ({ timestamp }) => {
    await expect(signWebhook({ body: BODY, secret: SECRET, timestamp })).rejects.toThrow("signWebhook needs a valid `timestamp` (Date, epoch ms or string).");
  });

  it("names what a wrong body was", async () => {
    await expect(signWebhook({ body: new Map() as never, secret: SECRET })).rejects.toThrow("signWebhook needs the raw body (string or bytes), not an object (Map).");
  });
});
