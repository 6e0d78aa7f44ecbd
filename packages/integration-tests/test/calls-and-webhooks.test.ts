import { createUltravoxClient, unwrap, type UltravoxClient } from "@ultravox-api/client";
import { UltravoxWebhookVerificationError, verifyWebhook, type WebhookEvent } from "@ultravox-api/client/webhooks";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver, type Delivery, type Receiver } from "./support/delivery-receiver.js";

const START = "2025-06-02T08:00:00Z";
const ALL_EVENTS = ["call.started", "call.joined", "call.ended", "call.billed"] as const;

let mock: MockServer | undefined;
let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
  await mock?.close();
  mock = undefined;
});

async function setup(options: Parameters<typeof startMockServer>[0] = {}): Promise<{ mock: MockServer; client: UltravoxClient }> {
  mock = await startMockServer({ clock: { mode: "virtual", start: START }, ...options });
  return { mock, client: createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url, retry: false }) };
}

async function receiver(answer?: (n: number) => number): Promise<Receiver> {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}

/** The receiver's check, as in production: the raw body, the headers, the secret(s), the mock's clock for freshness. */
function verify(delivery: Delivery, secrets: readonly string[], now: number): Promise<WebhookEvent> {
  return verifyWebhook({ body: delivery.body, headers: delivery.headers, secrets, now });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UltravoxWebhookVerificationError) return error.reason;
    throw error;
  }
  return "verified";
}

describe("calls that live, delivered to a real receiver verifying with @ultravox-api/client/webhooks", () => {
  it("a call created through the client: call.started → call.joined → call.ended → call.billed, each verified, consistent with GET", async () => {
    const { mock, client } = await setup();
    const r = await receiver();
    const webhook = await unwrap(client.POST("/api/webhooks", { body: { url: r.url, events: [...ALL_EVENTS] } }));
    // None given: one generated; health read-only and filled.
    expect(webhook.secrets).toHaveLength(1);
    expect(webhook.status).toBe("normal");
    expect(webhook.recentFailures).toEqual([]);
    const secrets = webhook.secrets ?? [];

    const call = await unwrap(client.POST("/api/calls", { body: { systemPrompt: "Hi", recordingEnabled: true } }));
    expect([call.joined, call.ended, call.endReason, call.billingStatus]).toEqual([null, null, null, "BILLING_STATUS_PENDING"]);
    expect(call.created).toBe(new Date(START).toISOString());
    await mock.webhooks.idle();
    await mock.calls.join(call.callId);
    await mock.clock.advance(12_500);
    await mock.calls.end(call.callId, { endReason: "hangup" });

    const events = await Promise.all(r.deliveries.map((d) => verify(d, secrets, mock.clock.now())));
    expect(events.map((e) => e.event)).toEqual([...ALL_EVENTS]);
    const calls = events.map((e) => (e.event === "unknown" ? undefined : e.call));
    expect(calls.map((c) => c?.callId)).toEqual(Array(4).fill(call.callId));
    expect(calls[1]?.joined).toBe("2025-06-02T08:00:00.000Z");
    expect([calls[2]?.ended, calls[2]?.endReason, calls[2]?.billingStatus]).toEqual(["2025-06-02T08:00:12.500Z", "hangup", "BILLING_STATUS_PENDING"]);
    expect([calls[3]?.billingStatus, calls[3]?.billedDuration]).toEqual(["BILLING_STATUS_BILLED", "12.5s"]);

    // Every read agrees with the last event: the item, the list.
    const read = await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: call.callId } } }));
    expect(read).toEqual(calls[3]);
    const listed = await unwrap(client.GET("/api/calls", { params: { query: { pageSize: 100 } } }));
    expect(listed.results.find((c) => c.callId === call.callId)).toEqual(read);
    // Deliveries are in the request journal, beside the requests.
    const journaled = mock.journal.list().filter((entry) => entry.path === r.url);
    expect(journaled.map((entry) => [entry.status, entry.fault])).toEqual(Array(4).fill([204, "webhook#1"]));
  });

  it("an agent's call is the same in the agent's list, and a webhook scoped to another agent gets nothing", async () => {
    const { mock, client } = await setup();
    const mine = await receiver();
    const other = await receiver();
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Front desk" } }));
    const elsewhere = await unwrap(client.POST("/api/agents", { body: { name: "Elsewhere" } }));
    await unwrap(client.POST("/api/webhooks", { body: { url: mine.url, events: ["call.started", "call.ended"], agentId: agent.agentId } }));
    await unwrap(client.POST("/api/webhooks", { body: { url: other.url, events: ["call.started"], agentId: elsewhere.agentId } }));
    const call = await unwrap(client.POST("/api/agents/{agent_id}/calls", { params: { path: { agent_id: agent.agentId } }, body: {} }));
    expect(call.agentId).toBe(agent.agentId);
    await mock.calls.end(call.callId, { endReason: "unjoined" });
    expect(mine.deliveries.map((d) => (JSON.parse(d.body.toString()) as { event: string }).event)).toEqual(["call.started", "call.ended"]);
    expect(other.deliveries).toEqual([]);
    const [item, listed] = await Promise.all([
      unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: call.callId } } })),
      unwrap(client.GET("/api/agents/{agent_id}/calls", { params: { path: { agent_id: agent.agentId } } })),
    ]);
    expect(item.endReason).toBe("unjoined");
    expect(listed.results.find((c) => c.callId === call.callId)).toEqual(item);
  });

  it("a receiver answering 500 twice gets the delivery on the third attempt once the clock has moved 30 s, then 60 s", async () => {
    const { mock, client } = await setup();
    const r = await receiver((n) => (n <= 2 ? 500 : 200));
    const webhook = await unwrap(client.POST("/api/webhooks", { body: { url: r.url, events: ["call.started"], secrets: ["whsec-retry"] } }));
    await unwrap(client.POST("/api/calls", { body: {} }));
    await mock.webhooks.idle();
    expect(r.deliveries).toHaveLength(1);
    await mock.clock.advance(29_999);
    expect(r.deliveries).toHaveLength(1);
    await mock.clock.advance(1);
    expect(r.deliveries).toHaveLength(2);
    await mock.clock.advance(60_000);
    expect(r.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    const event = await verify(r.deliveries[2] as Delivery, ["whsec-retry"], mock.clock.now());
    expect(event.event).toBe("call.started");
    // The same body each time; failures recorded, still healthy (one delivery's schedule is 11 attempts).
    expect(new Set(r.deliveries.map((d) => d.body.toString())).size).toBe(1);
    const health = await unwrap(client.GET("/api/webhooks/{webhook_id}", { params: { path: { webhook_id: webhook.webhookId } } }));
    expect(health.status).toBe("normal");
    expect(health.recentFailures.map((f) => [f.timestamp, f.failure])).toEqual([
      ["2025-06-02T08:00:00.000Z", "HTTP 500"],
      ["2025-06-02T08:00:30.000Z", "HTTP 500"],
    ]);
    expect(mock.journal.list().filter((e) => e.path === r.url).map((e) => e.fault)).toEqual(["webhook#1:HTTP 500", "webhook#2:HTTP 500", "webhook#3"]);
  });

  it("two secrets (rotation) both verify; a tampered body, a stale and a future timestamp fail with their reason", async () => {
    const { mock, client } = await setup();
    const r = await receiver();
    await unwrap(client.POST("/api/webhooks", { body: { url: r.url, events: ["call.started"], secrets: ["old-secret", "new-secret"] } }));
    await unwrap(client.POST("/api/calls", { body: {} }));
    await mock.webhooks.idle();
    const [delivery] = r.deliveries;
    if (delivery === undefined) throw new Error("no delivery");
    const now = mock.clock.now();
    expect(String(delivery.headers["x-ultravox-webhook-signature"]).split(",")).toHaveLength(2);
    expect((await verify(delivery, ["old-secret"], now)).event).toBe("call.started");
    expect((await verify(delivery, ["new-secret"], now)).event).toBe("call.started");
    expect(await reason(verify(delivery, ["another-secret"], now))).toBe("no-matching-signature");
    const tampered = Buffer.from(delivery.body.toString().replace('"call.started"', '"call.ended"'));
    expect(await reason(verify({ ...delivery, body: tampered }, ["new-secret"], now))).toBe("no-matching-signature");
    expect(await reason(verify(delivery, ["new-secret"], now + 61_000))).toBe("timestamp-too-old");
    expect(await reason(verify(delivery, ["new-secret"], now - 61_000))).toBe("timestamp-in-future");
  });

  it("a scheduled batch's calls emit call.started to the registered webhooks, scoped by the batch's agent", async () => {
    const { mock, client } = await setup({ lifecycle: true });
    const r = await receiver();
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Reminders" } }));
    await unwrap(client.POST("/api/webhooks", { body: { url: r.url, events: ["call.started"], agentId: agent.agentId, secrets: ["whsec-batch"] } }));
    const dial = (to: string) => ({ medium: { twilio: { outgoing: { to, from: "+15550000000" } } } });
    const batch = await unwrap(
      client.POST("/api/agents/{agent_id}/scheduled_batches", {
        params: { path: { agent_id: agent.agentId } },
        body: { windowStart: "2025-06-02T09:00:00Z", windowEnd: "2025-06-02T10:00:00Z", calls: [dial("+15550000001"), dial("+15550000002")] },
      }),
    );
    await mock.clock.advance(60 * 60_000 + 1_000);
    const events = await Promise.all(r.deliveries.map((d) => verify(d, ["whsec-batch"], mock.clock.now())));
    expect(events.map((e) => e.event)).toEqual(["call.started", "call.started"]);
    const created = await unwrap(
      client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/created_calls", {
        params: { path: { agent_id: agent.agentId, batch_id: batch.batchId } },
      }),
    );
    const ids = events.map((e) => (e.event === "call.started" ? e.call.callId : ""));
    expect(new Set(created.results.map((c) => c.callId))).toEqual(new Set(ids));
    for (const c of created.results) {
      expect([c.agentId, c.billingStatus, c.joined]).toEqual([agent.agentId, "BILLING_STATUS_PENDING", null]);
      const item = await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: c.callId } } }));
      expect(item).toEqual(c);
    }
  });
});
