import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
  webhookSignatureHeaders,
  webhookTimestamp,
} from "../src/internal/webhook-signature.js";
import { header, startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

// An independent implementation (node:crypto) of the documented scheme: hex HMAC-SHA256 of body + timestamp.
function reference(secret: string, body: string | Buffer, timestamp: string): string {
  return createHmac("sha256", secret).update(Buffer.concat([Buffer.from(body), Buffer.from(timestamp)])).digest("hex");
}

const AT = new Date("2025-03-01T09:00:00.123Z");

describe("signing", () => {
  it("writes the timestamp as Python's isoformat does (fromisoformat-compatible)", () => {
    expect(webhookTimestamp(AT)).toBe("2025-03-01T09:00:00.123000+00:00");
    expect(Date.parse(webhookTimestamp(AT))).toBe(AT.getTime());
  });

  const vectors: { secret: string; body: string }[] = [
    { secret: "whsec-test", body: '{"event":"call.started","call":{"callId":"x"}}' },
    { secret: "ünïcödé secret", body: '{"name":"Zoë — ✓"}' },
    { secret: "s", body: "" },
  ];
  it.each(vectors)("matches node:crypto for secret $secret", async ({ secret, body }) => {
    const timestamp = webhookTimestamp(AT);
    expect(await signWebhook(secret, body, timestamp)).toBe(reference(secret, body, timestamp));
    expect(await signWebhook(secret, new TextEncoder().encode(body), timestamp)).toBe(reference(secret, body, timestamp));
  });

  it("puts one signature per secret in the header, comma-separated", async () => {
    const body = '{"a":1}';
    const headers = await webhookSignatureHeaders(["old", "new"], body, AT);
    const timestamp = webhookTimestamp(AT);
    expect(headers).toEqual({
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: `${reference("old", body, timestamp)},${reference("new", body, timestamp)}`,
    });
  });

  it("refuses an empty secret", async () => {
    await expect(signWebhook("", "{}", "t")).rejects.toThrow("A webhook secret must not be empty.");
  });
});

describe("verifyWebhookSignature", () => {
  const body = '{"event":"call.started"}';
  const timestamp = webhookTimestamp(AT);
  const good = reference("sec", body, timestamp);
  const now = AT.getTime() + 10_000;
  const cases: { name: string; input: Partial<Parameters<typeof verifyWebhookSignature>[0]>; want: boolean }[] = [
    { name: "a good signature", input: {}, want: true },
    { name: "one good signature among several", input: { signature: `${"0".repeat(64)}, ${good}` }, want: true },
    { name: "a rotated secret list", input: { secret: ["other", "sec"] }, want: true },
    { name: "upper-case hex", input: { signature: good.toUpperCase() }, want: true },
    { name: "a tampered body", input: { body: '{"event":"call.ended"}' }, want: false },
    { name: "a tampered timestamp", input: { timestamp: webhookTimestamp(new Date(AT.getTime() + 1000)) }, want: false },
    { name: "the wrong secret", input: { secret: "nope" }, want: false },
    { name: "a stale timestamp", input: { now: AT.getTime() + 61_000 }, want: false },
    { name: "a timestamp from the future", input: { now: AT.getTime() - 61_000 }, want: false },
    { name: "a stale timestamp with the check off", input: { now: AT.getTime() + 86_400_000, toleranceSeconds: Infinity }, want: true },
    { name: "a missing signature", input: { signature: null }, want: false },
    { name: "a missing timestamp", input: { timestamp: undefined }, want: false },
    { name: "a garbage timestamp", input: { timestamp: "yesterday" }, want: false },
    { name: "a truncated signature", input: { signature: good.slice(0, 63) }, want: false },
  ];
  it.each(cases)("$name → $want", async ({ input, want }) => {
    const options = { body, timestamp, signature: good, secret: "sec", now, ...input };
    expect(await verifyWebhookSignature(options)).toBe(want);
  });

  it("accepts the raw bytes and a Date for now", async () => {
    expect(await verifyWebhookSignature({ body: Buffer.from(body), timestamp, signature: good, secret: "sec", now: new Date(now) })).toBe(true);
  });
});

describe("a signed delivery to a real receiver", () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
  });

  it("verifies on the receiving side from the raw bytes and headers", async () => {
    receiver = await startWebhookReceiver();
    const body = JSON.stringify({ event: "call.started", call: { callId: "c1", metadata: { name: "Zoë" } } });
    const sentAt = new Date();
    const response = await fetch(receiver.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(await webhookSignatureHeaders("shh", body, sentAt)) },
      body,
    });
    expect(response.status).toBe(204);
    const [delivery] = receiver.received;
    if (delivery === undefined) throw new Error("nothing received");
    const input = {
      body: delivery.body,
      timestamp: header(delivery.headers, TIMESTAMP_HEADER),
      signature: header(delivery.headers, SIGNATURE_HEADER),
    };
    expect(await verifyWebhookSignature({ ...input, secret: "shh" })).toBe(true);
    expect(await verifyWebhookSignature({ ...input, secret: "wrong" })).toBe(false);
    expect(input.signature).toBe(reference("shh", delivery.body, input.timestamp ?? ""));
  });
});
