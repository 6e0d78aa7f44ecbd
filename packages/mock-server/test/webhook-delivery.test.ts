import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER as SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER as TIMESTAMP_HEADER,
} from "@ultravox-api/client/webhooks";
import { headerOf, startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "@ultravox-api/test-support/webhook-receiver";
import { afterEach, describe, expect, it } from "vitest";
import { CallLifecycle } from "../src/behaviours/ultravox/call-lifecycle.js";
import type { CallAutomation, CallRecord } from "../src/behaviours/ultravox/call-model.js";
import { ClockTimers } from "../src/behaviours/ultravox/clock-timers.js";
import { WebhookDelivery, matches, type DeliveryAttempt, type WebhookDeliveryDeps } from "../src/behaviours/ultravox/webhook-delivery.js";
import type { DeliveryWebhook, WebhookHealth, WebhookRegistry } from "../src/behaviours/ultravox/webhook-model.js";
import { deliveryJournalRecord } from "../src/behaviours/ultravox/delivery-journal-record.js";
import { webhookCreateDefaults, randomWebhookSecret } from "../src/behaviours/ultravox/webhook-defaults.js";
import { RequestJournal } from "../src/pipeline/request-journal.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";

const T0 = Date.parse("2025-03-01T08:00:00Z");
const SEC = 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const AGENT_A = "11111111-1111-4111-8111-111111111111";
const AGENT_B = "22222222-2222-4222-8222-222222222222";
const ALL_EVENTS = ["call.started", "call.joined", "call.ended", "call.billed"];

type Hook = { -readonly [K in keyof DeliveryWebhook]: DeliveryWebhook[K] };

class MemoryRegistry implements WebhookRegistry<string> {
  readonly hooks = new Map<string, Map<string, Hook>>();
  add(scope: string, hook: Partial<Hook> & { webhookId: string; url: string }): Hook {
    const full: Hook = { events: ALL_EVENTS, secrets: ["s3cret"], agentId: null, status: "normal", lastStatusChange: null, recentFailures: [], ...hook };
    let map = this.hooks.get(scope);
    if (map === undefined) {
      map = new Map();
      this.hooks.set(scope, map);
    }
    map.set(full.webhookId, full);
    return full;
  }
  webhooks(scope: string): Iterable<DeliveryWebhook> {
    return this.hooks.get(scope)?.values() ?? [];
  }
  webhook(scope: string, webhookId: string): DeliveryWebhook | undefined {
    return this.hooks.get(scope)?.get(webhookId);
  }
  updateHealth(scope: string, webhookId: string, health: WebhookHealth): void {
    const hook = this.hooks.get(scope)?.get(webhookId);
    if (hook !== undefined) Object.assign(hook, health);
  }
}

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver("/hooks/ultravox");
  receivers.push(r);
  return r;
}

function setup(options: Partial<WebhookDeliveryDeps<string>> = {}, defaults?: CallAutomation) {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const timers = new ClockTimers(clock, {
    onError: (error) => {
      throw error;
    },
  });
  const registry = new MemoryRegistry();
  const journal: DeliveryAttempt[] = [];
  const delivery = new WebhookDelivery<string>({ clock: timers, registry, journal: (a) => journal.push(a), ...options });
  const calls = new Map<string, CallRecord>();
  const lifecycle = new CallLifecycle({
    clock: timers,
    store: { get: (key) => calls.get(key), set: (key, call) => calls.set(key, call) },
    // The key is "tenant/callId" here; the wiring will use its own.
    events: (event) => delivery.dispatch(event.key.split("/")[0] ?? "", event),
    ...(defaults === undefined ? {} : { defaults }),
  });
  let n = 0;
  const startCall = (tenant: string, extra: CallRecord = {}, automation?: CallAutomation) => {
    const callId = `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    const key = `${tenant}/${callId}`;
    calls.set(key, { callId, created: iso(timers.now()), agentId: null, joinTimeout: "30s", maxDuration: "3600s", ...extra });
    lifecycle.started(key, automation);
    return { key, callId };
  };
  return { clock, timers, registry, journal, delivery, calls, lifecycle, startCall };
}

function parsed(request: ReceivedWebhook | undefined): { event: string; call: CallRecord } {
  return JSON.parse(request?.body.toString("utf8") ?? "null") as { event: string; call: CallRecord };
}

async function verifies(request: ReceivedWebhook | undefined, secret: string | string[], now: number): Promise<boolean> {
  const keys = typeof secret === "string" ? { secret } : { secrets: secret };
  const signed = { body: request?.body ?? new Uint8Array(), headers: request?.headers ?? {}, now };
  return verifyWebhook({ ...signed, ...keys }).then(
    () => true,
    () => false,
  );
}

describe("webhook delivery to a real receiver", () => {
  it("a whole call: started → joined → ended → billed, each signed, body = event + the call at that event", async () => {
    const r = await receiver();
    const { registry, timers, clock, startCall, calls } = setup({}, { joinAfterMs: 2 * SEC, endAfterMs: 20 * SEC });
    registry.add("t1", { webhookId: "w1", url: r.url });
    const { key } = startCall("t1");
    await timers.idle();
    expect(r.received.map((q) => parsed(q).event)).toEqual(["call.started"]);
    // Ends at 22 s; the clock stays within the receivers' 60 s freshness window of every delivery.
    await clock.advance(30 * SEC);
    expect(r.received.map((q) => parsed(q).event)).toEqual(["call.started", "call.joined", "call.ended", "call.billed"]);
    for (const q of r.received) {
      expect(q.method).toBe("POST");
      expect(q.path).toBe("/hooks/ultravox");
      expect(headerOf(q.headers, "content-type")).toBe("application/json");
      expect(await verifies(q, "s3cret", clock.now())).toBe(true);
      expect(await verifies(q, "other", clock.now())).toBe(false);
    }
    expect(parsed(r.received[1]).call["joined"]).toBe(iso(T0 + 2 * SEC));
    expect(parsed(r.received[1]).call["ended"]).toBeNull();
    expect(parsed(r.received[2]).call["endReason"]).toBe("hangup");
    expect(parsed(r.received[3]).call).toEqual(calls.get(key));
  });

  it("a receiver answering 500 twice gets the delivery on the third attempt, at +30 s and +90 s", async () => {
    const r = await receiver();
    r.reply = (n) => (n <= 2 ? 500 : 204);
    const { registry, clock, timers, journal, startCall } = setup();
    registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    expect(r.received).toHaveLength(1);
    await clock.advance(30 * SEC - 1);
    expect(r.received).toHaveLength(1);
    await clock.advance(1);
    expect(r.received).toHaveLength(2);
    await clock.advance(60 * SEC - 1);
    expect(r.received).toHaveLength(2);
    await clock.advance(1);
    expect(r.received).toHaveLength(3);
    await clock.advance(24 * 3600 * SEC);
    expect(r.received).toHaveLength(3);
    expect(journal.map((a) => [a.time - T0, a.attempt, a.status, a.error])).toEqual([
      [0, 1, 500, "HTTP 500"],
      [30 * SEC, 2, 500, "HTTP 500"],
      [90 * SEC, 3, 204, undefined],
    ]);
    expect(journal.every((a) => a.url === r.url && a.webhookId === "w1" && a.event === "call.started")).toBe(true);
    // The same body every time; each attempt signed anew at its own time.
    expect(new Set(r.received.map((q) => q.body.toString())).size).toBe(1);
    expect(r.received.map((q) => headerOf(q.headers, TIMESTAMP_HEADER))).toEqual([
      iso(T0).replace("Z", "000+00:00"),
      iso(T0 + 30 * SEC).replace("Z", "000+00:00"),
      iso(T0 + 90 * SEC).replace("Z", "000+00:00"),
    ]);
    expect(await verifies(r.received[2], "s3cret", clock.now() - 24 * 3600 * SEC)).toBe(true);
  });

  it("a receiver that always fails: 10 retries on the doubling schedule, then it turns unhealthy; a success turns it back", async () => {
    const r = await receiver();
    r.reply = () => 503;
    const { registry, clock, timers, journal, delivery, startCall } = setup();
    const hook = registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    // Ten retries reach 30 s × (2^10 − 1) = 30 690 s after the first attempt.
    await clock.advance(30_690 * SEC - 1);
    expect(journal).toHaveLength(10);
    expect(hook.status).toBe("normal");
    await clock.advance(1);
    expect(journal).toHaveLength(11);
    expect(journal.map((a) => (a.time - T0) / SEC)).toEqual([0, 30, 90, 210, 450, 930, 1890, 3810, 7650, 15330, 30690]);
    expect(delivery.retryDelays.map((ms) => ms / SEC)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360]);
    expect(hook.status).toBe("unhealthy");
    expect(hook.lastStatusChange).toBe(iso(T0 + 30_690 * SEC));
    expect(hook.recentFailures).toHaveLength(10);
    expect(hook.recentFailures?.[0]).toEqual({ timestamp: iso(T0 + 30 * SEC), failure: "HTTP 503" });
    expect(hook.recentFailures?.at(-1)).toEqual({ timestamp: iso(T0 + 30_690 * SEC), failure: "HTTP 503" });
    await clock.advance(7 * 24 * 3600 * SEC);
    expect(journal).toHaveLength(11);
    expect(delivery.pending).toBe(0);

    // Unhealthy webhooks still get deliveries; the first success makes them normal again.
    r.reply = () => 200;
    startCall("t1");
    await timers.idle();
    expect(hook.status).toBe("normal");
    expect(hook.lastStatusChange).toBe(iso(clock.now()));
    expect(hook.recentFailures).toHaveLength(10);
  });

  it("unhealthyAfter counts consecutive failures across deliveries; a success resets the count", async () => {
    const r = await receiver();
    r.reply = (n) => (n === 3 ? 204 : 500);
    const { registry, timers, startCall } = setup({ unhealthyAfter: 3, retry: { retries: 0 } });
    const hook = registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    for (let i = 0; i < 4; i++) startCall("t1");
    await timers.idle();
    // fail, fail, ok, fail: never 3 in a row.
    expect(hook.status).toBe("normal");
    startCall("t1");
    startCall("t1");
    await timers.idle();
    expect(hook.status).toBe("unhealthy");
    expect(hook.recentFailures?.map((f) => f.failure)).toEqual(["HTTP 500", "HTTP 500", "HTTP 500", "HTTP 500", "HTTP 500"]);
  });

  it("secret rotation: two secrets give two comma-separated signatures, each verifies alone", async () => {
    const r = await receiver();
    const { registry, timers, clock, startCall } = setup();
    registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"], secrets: ["old-secret", "new-secret"] });
    startCall("t1");
    await timers.idle();
    const q = r.received[0];
    expect(headerOf(q?.headers ?? {}, SIGNATURE_HEADER)?.split(",")).toHaveLength(2);
    expect(await verifies(q, "old-secret", clock.now())).toBe(true);
    expect(await verifies(q, "new-secret", clock.now())).toBe(true);
    expect(await verifies(q, "third", clock.now())).toBe(false);
  });

  it("the webhook is re-read at each attempt: a rotated secret signs the retry, a deleted webhook gets no more", async () => {
    const r = await receiver();
    r.reply = () => 500;
    const { registry, timers, clock, journal, startCall } = setup();
    const hook = registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"], secrets: ["first"] });
    startCall("t1");
    await timers.idle();
    hook.secrets = ["second"];
    await clock.advance(30 * SEC);
    expect(await verifies(r.received[1], "second", clock.now())).toBe(true);
    expect(await verifies(r.received[1], "first", clock.now())).toBe(false);
    registry.hooks.get("t1")?.delete("w1");
    await clock.advance(24 * 3600 * SEC);
    expect(journal).toHaveLength(2);
  });

  it("agentId scoping and event filtering decide who gets what; other tenants' webhooks get nothing", async () => {
    const all = await receiver();
    const onlyA = await receiver();
    const endedOnly = await receiver();
    const otherTenant = await receiver();
    const { registry, timers, clock, startCall } = setup({}, { joinAfterMs: SEC, endAfterMs: SEC });
    registry.add("t1", { webhookId: "all", url: all.url });
    registry.add("t1", { webhookId: "a", url: onlyA.url, agentId: AGENT_A });
    registry.add("t1", { webhookId: "ended", url: endedOnly.url, events: ["call.ended"] });
    registry.add("t2", { webhookId: "other", url: otherTenant.url });
    startCall("t1", { agentId: AGENT_A });
    startCall("t1", { agentId: AGENT_B });
    startCall("t1", { agentId: null });
    await timers.idle();
    await clock.advance(10 * SEC);
    const agents = (x: WebhookReceiver) => x.received.map((q) => `${parsed(q).event}:${String(parsed(q).call["agentId"]).slice(0, 1)}`);
    expect(all.received).toHaveLength(12);
    expect(agents(onlyA)).toEqual(["call.started:1", "call.joined:1", "call.ended:1", "call.billed:1"]);
    expect(agents(endedOnly)).toEqual(["call.ended:1", "call.ended:2", "call.ended:n"]);
    expect(otherTenant.received).toHaveLength(0);
  });

  it("a network error is a failure, retried: the receiver gets it once it is back", async () => {
    const r = await receiver();
    r.reply = (n) => (n === 1 ? "drop" : 204);
    const { registry, timers, clock, journal, startCall } = setup();
    const hook = registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    expect(journal[0]?.status).toBeNull();
    expect(journal[0]?.error).toMatch(/^Network error: /);
    expect(hook.recentFailures?.[0]?.failure).toMatch(/^Network error: /);
    await clock.advance(30 * SEC);
    expect(journal.map((a) => [a.attempt, a.status])).toEqual([
      [1, null],
      [2, 204],
    ]);
  });

  it("no answer within timeoutMs is a failure, retried", async () => {
    const r = await receiver();
    r.reply = (n) => (n === 1 ? "hang" : 204);
    const { registry, timers, clock, journal, startCall } = setup({ timeoutMs: 150 });
    registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    expect(journal[0]).toMatchObject({ attempt: 1, status: null, error: "No answer within 150 ms" });
    expect(journal[0]?.durationMs).toBeGreaterThanOrEqual(100);
    await clock.advance(30 * SEC);
    expect(journal[1]).toMatchObject({ attempt: 2, status: 204 });
    expect(r.received).toHaveLength(2);
  });

  it("an unreachable URL (nothing listening) is a network error", async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    receivers.splice(receivers.indexOf(r), 1);
    const { registry, timers, journal, startCall } = setup({ retry: { retries: 0 } });
    registry.add("t1", { webhookId: "w1", url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    expect(journal).toHaveLength(1);
    expect(journal[0]?.error).toMatch(/ECONNREFUSED/);
  });
});

describe("webhook delivery with injected parts", () => {
  it("an injected signer (e.g. the client's signWebhook) signs; an injected fetch sends", async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const { registry, timers, startCall } = setup({
      sign: (body, secrets, timestamp) => Promise.resolve({ "X-Test-Signature": `${secrets.join("+")}|${timestamp.toISOString()}|${body.length}` }),
      fetch: (url, init) => {
        sent.push({ url, init });
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    registry.add("t1", { webhookId: "w1", url: "https://receiver.example/hook", events: ["call.started"], secrets: ["a", "b"] });
    startCall("t1");
    await timers.idle();
    expect(sent).toHaveLength(1);
    const headers = sent[0]?.init.headers as Record<string, string>;
    const body = sent[0]?.init.body as string;
    expect(headers["X-Test-Signature"]).toBe(`a+b|${iso(T0)}|${body.length}`);
    expect(headers["Content-Type"]).toBe("application/json");
    expect(sent[0]?.url).toBe("https://receiver.example/hook");
  });

  it("a webhook without secrets is delivered unsigned", async () => {
    const r = await receiver();
    const { registry, timers, startCall } = setup();
    registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"], secrets: [] });
    startCall("t1");
    await timers.idle();
    expect(headerOf(r.received[0]?.headers ?? {}, SIGNATURE_HEADER)).toBeUndefined();
    expect(headerOf(r.received[0]?.headers ?? {}, TIMESTAMP_HEADER)).toBeUndefined();
  });

  it("clear drops waiting retries (reset)", async () => {
    let attempts = 0;
    const { registry, timers, clock, delivery, startCall } = setup({
      fetch: () => {
        attempts++;
        return Promise.resolve(new Response(null, { status: 500 }));
      },
    });
    registry.add("t1", { webhookId: "w1", url: "https://receiver.example/hook", events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    expect(delivery.pending).toBe(1);
    delivery.clear();
    await clock.advance(24 * 3600 * SEC);
    expect(attempts).toBe(1);
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be/],
    [{ retry: { retries: -1 } }, /retry.retries must be/],
    [{ retry: { firstDelayMs: Number.NaN } }, /firstDelayMs must be/],
    [{ unhealthyAfter: 0 }, /unhealthyAfter must be/],
  ])("bad option %j is a RangeError", (options, message) => {
    expect(() => setup(options)).toThrow(message);
  });

  it.each([
    [{ events: ["call.ended"], agentId: null }, "call.ended", AGENT_A, true],
    [{ events: ["call.ended"], agentId: null }, "call.started", AGENT_A, false],
    [{ events: ALL_EVENTS, agentId: AGENT_A }, "call.joined", AGENT_A, true],
    [{ events: ALL_EVENTS, agentId: AGENT_A }, "call.joined", AGENT_B, false],
    [{ events: ALL_EVENTS, agentId: AGENT_A }, "call.joined", null, false],
    [{ events: ALL_EVENTS }, "call.billed", null, true],
  ])("matches(%j, %s, %s) = %s", (hook, event, agentId, want) => {
    expect(matches({ webhookId: "w", url: "https://x.example", ...hook }, event, agentId)).toBe(want);
  });
});

describe("deliveries in the request journal", () => {
  it("every attempt is a journal entry: receiver URL, status (0 when none), attempt and failure in fault, tenant", async () => {
    const r = await receiver();
    r.reply = (n) => (n === 1 ? 500 : n === 2 ? "drop" : 204);
    const requestJournal = new RequestJournal(100);
    const { registry, timers, clock, startCall } = setup({ journal: (attempt) => requestJournal.record(deliveryJournalRecord(attempt, "tenant-1")) });
    registry.add("t1", { webhookId: "w1", url: r.url, events: ["call.started"] });
    startCall("t1");
    await timers.idle();
    await clock.advance(90 * SEC);
    const entries = requestJournal.list({ pathPrefix: "http://127.0.0.1:" });
    expect(entries.map((e) => [e.time, e.method, e.path, e.status, e.tenant, e.fault?.replace(/ \(.*$/, "")])).toEqual([
      [iso(T0), "POST", r.url, 500, "tenant-1", "webhook#1:HTTP 500"],
      [iso(T0 + 30 * SEC), "POST", r.url, 0, "tenant-1", "webhook#2:Network error: fetch failed"],
      [iso(T0 + 90 * SEC), "POST", r.url, 204, "tenant-1", "webhook#3"],
    ]);
  });
});

describe("webhook create defaults", () => {
  it.each([
    [{}, ["generated"]],
    [{ secrets: [] }, ["generated"]],
    [{ secrets: ["mine"] }, ["mine"]],
    [{ secrets: ["old", "new"] }, ["old", "new"]],
    [{ secrets: [1] }, ["generated"]],
  ])("%j → secrets %j, normal, no failures", (body, secrets) => {
    expect(webhookCreateDefaults(body, () => "generated")).toEqual({ secrets, status: "normal", lastStatusChange: null, recentFailures: [] });
  });

  it("generated secrets are 256 random bits in hex, never twice the same", () => {
    const a = randomWebhookSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(randomWebhookSecret()).not.toBe(a);
  });
});

describe("a real-time clock", () => {
  it("with wallTime, a whole call and its deliveries happen as time flows, without any clock move", async () => {
    const r = await receiver();
    const clock = new VirtualClock({ mode: "real" });
    const timers = new ClockTimers(clock, { wallTime: true });
    const registry = new MemoryRegistry();
    const delivery = new WebhookDelivery<string>({ clock: timers, registry });
    const calls = new Map<string, CallRecord>();
    const lifecycle = new CallLifecycle({
      clock: timers,
      store: { get: (key) => calls.get(key), set: (key, call) => calls.set(key, call) },
      events: (event) => delivery.dispatch("t1", event),
      defaults: { joinAfterMs: 20, endAfterMs: 30 },
    });
    registry.add("t1", { webhookId: "w1", url: r.url });
    calls.set("c", { callId: "c", created: iso(clock.now()) });
    lifecycle.started("c");
    const deadline = Date.now() + 5_000;
    while (r.received.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.received.map((q) => parsed(q).event)).toEqual(ALL_EVENTS);
    for (const q of r.received) expect(await verifies(q, "s3cret", Date.now())).toBe(true);
    timers.dispose();
  });
});
