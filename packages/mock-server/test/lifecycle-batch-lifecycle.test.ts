import { verifyWebhook } from "@ultravox-api/client/webhooks";
import { headerOf, startWebhookReceiver, type WebhookReceiver } from "@ultravox-api/test-support/webhook-receiver";
import { afterEach, describe, expect, it } from "vitest";
import { BatchLifecycle } from "../src/behaviours/ultravox/batch-lifecycle.js";
import { isOutgoingMedium, validateBatchCreate, validateBatchPatch } from "../src/behaviours/ultravox/batch-validation.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";
import { MemoryBatchStore } from "./support/lifecycle-memory-store.js";

const T0 = Date.parse("2025-03-01T08:00:00Z");
const HOUR = 3_600_000;
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const outgoing = { twilio: { outgoing: { to: "+15550001111", from: "+15550002222" } } };
const webRtc = { webRtc: {} };

function setup(intervalMs = 1000) {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const store = new MemoryBatchStore();
  const lifecycle = new BatchLifecycle(store, { callIntervalMs: intervalMs });
  clock.onChange(({ now }) => lifecycle.advanceTo(now));
  return { clock, store, lifecycle };
}

function outgoingCalls(n: number) {
  return Array.from({ length: n }, () => ({ medium: outgoing }));
}

describe("batch lifecycle on a virtual clock", () => {
  it("FUTURE until the window opens, then PENDING, then SUCCESS one per interval, each with a Call", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + 2 * HOUR) }, outgoingCalls(25));
    lifecycle.track("b");

    await clock.advance(HOUR - 1);
    expect(store.count("b", "FUTURE")).toBe(25);

    await clock.advance(1);
    // Call 0 is due as the window opens; the others wait their turn.
    expect(store.count("b", "SUCCESS")).toBe(1);
    expect(store.count("b", "PENDING")).toBe(24);

    await clock.advance(9_500);
    expect(store.count("b", "SUCCESS")).toBe(10);
    expect(store.batches.get("b")?.completedCount).toBe(10);
    expect(store.batches.get("b")?.endedAt).toBeNull();

    const successes = store.scheduled.get("b")?.filter((c) => c.status === "SUCCESS") ?? [];
    expect(successes.map((c) => store.calls.get(c.callId ?? "")?.created)).toEqual(
      Array.from({ length: 10 }, (_, i) => iso(T0 + HOUR + i * 1000)),
    );
    expect(new Set(successes.map((c) => c.callId)).size).toBe(10);
  });

  it("ends when every call is made: endedAt is the last call's time, and it stops following the batch", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + 2 * HOUR) }, outgoingCalls(25));
    lifecycle.track("b");
    await clock.advance(HOUR + 30 * MIN);
    expect(store.count("b", "SUCCESS")).toBe(25);
    expect(store.batches.get("b")).toMatchObject({ completedCount: 25, endedAt: iso(T0 + HOUR + 24_000) });
    expect(store.calls.size).toBe(25);
    expect(lifecycle.tracked).toBe(0);
  });

  it("expires what is not made by windowEnd", async () => {
    const { clock, store, lifecycle } = setup(MIN);
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + HOUR + 10 * MIN) }, outgoingCalls(25));
    lifecycle.track("b");
    await clock.advance(HOUR + 5 * MIN);
    expect([store.count("b", "SUCCESS"), store.count("b", "PENDING")]).toEqual([6, 19]);
    await clock.advance(3 * HOUR);
    expect([store.count("b", "SUCCESS"), store.count("b", "EXPIRED")]).toEqual([10, 15]);
    expect(store.batches.get("b")).toMatchObject({ completedCount: 10, endedAt: iso(T0 + HOUR + 10 * MIN) });
    expect(store.scheduled.get("b")?.filter((c) => c.status === "EXPIRED").every((c) => c.callId === null)).toBe(true);
  });

  it("expires calls still FUTURE when the clock jumps past the whole window", async () => {
    const { clock, store, lifecycle } = setup(MIN);
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + HOUR + 2 * MIN + 30_000) }, outgoingCalls(5));
    lifecycle.track("b");
    await clock.advance(10 * HOUR);
    expect(store.statuses("b")).toEqual(["SUCCESS", "SUCCESS", "SUCCESS", "EXPIRED", "EXPIRED"]);
  });

  it("starts at creation without windowStart, and never expires without windowEnd", async () => {
    const { clock, store, lifecycle } = setup(HOUR);
    store.add("b", { created: iso(T0) }, outgoingCalls(3));
    lifecycle.track("b");
    await lifecycle.advanceTo(clock.now());
    expect(store.statuses("b")).toEqual(["SUCCESS", "PENDING", "PENDING"]);
    await clock.advance(1000 * HOUR);
    expect(store.count("b", "SUCCESS")).toBe(3);
    expect(store.batches.get("b")?.endedAt).toBe(iso(T0 + 2 * HOUR));
  });

  it("a paused batch makes no call, but its window still closes", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + 2 * HOUR) }, outgoingCalls(25));
    lifecycle.track("b");
    await clock.advance(HOUR + 4_500);
    expect(store.count("b", "SUCCESS")).toBe(5);
    const batch = store.batches.get("b");
    if (batch === undefined) throw new Error("no batch");
    batch.paused = true;
    lifecycle.track("b");
    await clock.advance(10 * MIN);
    expect(store.count("b", "SUCCESS")).toBe(5);
    expect(store.batches.get("b")?.endedAt).toBeNull();
    await clock.advance(HOUR);
    expect([store.count("b", "SUCCESS"), store.count("b", "EXPIRED")]).toEqual([5, 20]);
    expect(store.batches.get("b")).toMatchObject({ completedCount: 5, endedAt: iso(T0 + 2 * HOUR) });
  });

  it("created paused: calls stay FUTURE", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), paused: true }, outgoingCalls(2));
    lifecycle.track("b");
    await clock.advance(HOUR);
    expect(store.statuses("b")).toEqual(["FUTURE", "FUTURE"]);
  });

  it("forgets a deleted batch", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR) }, outgoingCalls(2));
    lifecycle.track("b");
    store.remove("b");
    await clock.advance(2 * HOUR);
    expect(lifecycle.tracked).toBe(0);
    lifecycle.track("gone");
    lifecycle.untrack("gone");
    expect(lifecycle.tracked).toBe(0);
  });

  it("clear() stops following every batch", async () => {
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR) }, outgoingCalls(2));
    lifecycle.track("b");
    lifecycle.clear();
    expect(lifecycle.tracked).toBe(0);
    await clock.advance(2 * HOUR);
    expect(store.statuses("b")).toEqual(["FUTURE", "FUTURE"]);
    lifecycle.track("b");
    await clock.advance(1);
    expect(store.statuses("b")).toEqual(["SUCCESS", "SUCCESS"]);
  });

  it("does no store work while nothing is due (fast path for every request)", async () => {
    const { clock, store, lifecycle } = setup();
    for (let i = 0; i < 50; i++) {
      store.add(`b${i}`, { created: iso(T0), windowStart: iso(T0 + HOUR) }, outgoingCalls(1));
      lifecycle.track(`b${i}`);
    }
    await lifecycle.advanceTo(clock.now());
    const reads = store.reads;
    for (let i = 0; i < 100; i++) await lifecycle.advanceTo(clock.now() + i);
    expect(store.reads).toBe(reads);
    await clock.advance(HOUR);
    expect(store.reads).toBeGreaterThan(reads);
    expect([...store.scheduled.values()].every((calls) => calls[0]?.status === "SUCCESS")).toBe(true);
  });

  it("keeps batches apart", async () => {
    const { clock, store, lifecycle } = setup(MIN);
    store.add("early", { created: iso(T0), windowStart: iso(T0 + HOUR) }, outgoingCalls(3));
    store.add("late", { created: iso(T0), windowStart: iso(T0 + 3 * HOUR) }, outgoingCalls(3));
    lifecycle.track("early");
    lifecycle.track("late");
    await clock.advance(HOUR + MIN);
    expect(store.statuses("early")).toEqual(["SUCCESS", "SUCCESS", "PENDING"]);
    expect(store.statuses("late")).toEqual(["FUTURE", "FUTURE", "FUTURE"]);
  });

  it("refuses a negative interval", () => {
    expect(() => new BatchLifecycle(new MemoryBatchStore(), { callIntervalMs: -1 })).toThrow(/callIntervalMs/);
  });
});

describe("webhook mode with a real receiver", () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it("POSTs a signed call.started per non-outgoing call; SUCCESS carries the delivered call's id", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    const { clock, store, lifecycle } = setup();
    store.add(
      "b",
      { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + 2 * HOUR), webhookUrl: receiver.url, webhookSecret: "whsec" },
      [{ medium: webRtc }, { medium: outgoing }, {}],
    );
    lifecycle.track("b");
    await clock.advance(HOUR + 10_000);
    expect(store.statuses("b")).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
    // The outgoing call is dialled by "Ultravox" itself: two deliveries, not three.
    expect(receiver.received).toHaveLength(2);
    const scheduled = store.scheduled.get("b") ?? [];
    for (const [i, delivery] of receiver.received.entries()) {
      expect(delivery.method).toBe("POST");
      expect(delivery.path).toBe("/hooks/call-ready");
      expect(headerOf(delivery.headers, "content-type")).toBe("application/json");
      const signed = { body: delivery.body, headers: delivery.headers, now: clock.now() };
      await expect(verifyWebhook({ ...signed, secret: "whsec" })).resolves.toMatchObject({ event: "call.started" });
      await expect(verifyWebhook({ ...signed, secret: "other" })).rejects.toMatchObject({ reason: "no-matching-signature" });
      const payload = JSON.parse(delivery.body.toString("utf8")) as { event: string; call: { callId: string } };
      expect(payload.event).toBe("call.started");
      expect(payload.call.callId).toBe(scheduled[i === 0 ? 0 : 2]?.callId);
    }
    expect(store.batches.get("b")).toMatchObject({ completedCount: 3, endedAt: iso(T0 + HOUR + 2000) });
  });

  const failures: { name: string; arrange: (r: WebhookReceiver) => void; message: RegExp }[] = [
    {
      name: "a 500 answer",
      arrange: (r) => {
        r.reply = () => 500;
      },
      message: /^Webhook delivery to http:\/\/127\.0\.0\.1:\d+\/hooks\/call-ready failed: HTTP 500\.$/,
    },
    {
      name: "a dropped connection",
      arrange: (r) => {
        r.reply = () => "drop";
      },
      message: /^Webhook delivery to http:\/\/127\.0\.0\.1:\d+\/hooks\/call-ready failed: .+\.$/,
    },
  ];
  it.each(failures)("marks the call ERROR with a message after $name, and discards its Call", async ({ arrange, message }) => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    arrange(receiver);
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), windowStart: iso(T0 + HOUR), webhookUrl: receiver.url, webhookSecret: "s" }, [{ medium: webRtc }, { medium: webRtc }]);
    lifecycle.track("b");
    await clock.advance(HOUR + 5_000);
    const calls = store.scheduled.get("b") ?? [];
    expect(calls.map((c) => c.status)).toEqual(["ERROR", "ERROR"]);
    for (const call of calls) {
      expect(call.callId).toBeNull();
      expect(call.error).toMatch(message);
      expect(call.error).not.toContain("s\"");
    }
    expect(store.calls.size).toBe(0);
    expect(store.batches.get("b")?.completedCount).toBe(2);
    // Ended with its last call's turn (the second, one interval after the window opened), failed or not.
    expect(store.batches.get("b")?.endedAt).toBe(iso(T0 + HOUR + 1_000));
  });

  it("does not deliver twice when advanced again while a delivery is in flight", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    const { clock, store, lifecycle } = setup();
    store.add("b", { created: iso(T0), webhookUrl: receiver.url, webhookSecret: "s" }, [{ medium: webRtc }, { medium: webRtc }, { medium: webRtc }]);
    lifecycle.track("b");
    const first = lifecycle.advanceTo(clock.now() + 5_000);
    // The first call is PENDING while its delivery is in flight.
    expect(store.statuses("b")[0]).toBe("PENDING");
    const again = [lifecycle.advanceTo(clock.now() + 5_000), lifecycle.advanceTo(clock.now() + 6_000)];
    await Promise.all([first, ...again]);
    expect(receiver.received).toHaveLength(3);
    expect(store.statuses("b")).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
  });

  it("gives up on a delivery after webhookTimeoutMs", async () => {
    const store = new MemoryBatchStore();
    const hanging = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => {
          reject(init.signal?.reason as Error);
        });
      });
    const lifecycle = new BatchLifecycle(store, { fetch: hanging, webhookTimeoutMs: 30 });
    store.add("b", { created: iso(T0), webhookUrl: "http://127.0.0.1:9/x", webhookSecret: "s" }, [{ medium: webRtc }]);
    lifecycle.track("b");
    await lifecycle.advanceTo(T0);
    expect(store.scheduled.get("b")?.[0]?.error).toBe("Webhook delivery to http://127.0.0.1:9/x failed: no answer within 30 ms.");
  });
});

describe("isOutgoingMedium", () => {
  const cases: { medium: unknown; want: boolean }[] = [
    { medium: outgoing, want: true },
    { medium: { sip: { outgoing: { to: "sip:a@b" } } }, want: true },
    { medium: { telnyx: { outgoing: {} } }, want: true },
    { medium: { plivo: { outgoing: {} } }, want: true },
    { medium: { sip: { incoming: {} } }, want: false },
    { medium: { twilio: {} }, want: false },
    { medium: webRtc, want: false },
    { medium: { serverWebSocket: { inputSampleRate: 8000 } }, want: false },
    { medium: null, want: false },
    { medium: undefined, want: false },
  ];
  it.each(cases)("$medium → $want", ({ medium, want }) => {
    expect(isOutgoingMedium(medium)).toBe(want);
  });
});

describe("validateBatchCreate", () => {
  const now = T0;
  const cases: { name: string; body: Record<string, unknown>; want: unknown }[] = [
    { name: "all outgoing, no webhook", body: { calls: outgoingCalls(2) }, want: null },
    { name: "webRtc with a webhook", body: { calls: [{ medium: webRtc }], webhookUrl: "https://example.com/h" }, want: null },
    {
      name: "webRtc without a webhook",
      body: { calls: [{ medium: webRtc }, { medium: outgoing }] },
      want: { webhookUrl: ["This field is required when a call has no outgoing medium (1 of 2 calls)."] },
    },
    {
      name: "no medium (webRtc by default) without a webhook",
      body: { calls: [{}] },
      want: { webhookUrl: ["This field is required when a call has no outgoing medium (1 of 1 calls)."] },
    },
    {
      name: "all outgoing with a webhook",
      body: { calls: outgoingCalls(1), webhookUrl: "https://example.com/h" },
      want: { webhookUrl: ["This field is not allowed when every call has an outgoing medium."] },
    },
    {
      name: "a window ending before it starts",
      body: { calls: outgoingCalls(1), windowStart: iso(now + 2 * HOUR), windowEnd: iso(now + HOUR) },
      want: { windowEnd: ["windowEnd must be after windowStart."] },
    },
    {
      name: "a window ending too soon after its start",
      body: { calls: outgoingCalls(1), windowStart: iso(now + HOUR), windowEnd: iso(now + HOUR + 30_000) },
      want: { windowEnd: ["windowEnd is too close to windowStart: the window must be at least 60 seconds long."] },
    },
    {
      name: "a window ending too close to now",
      body: { calls: outgoingCalls(1), windowEnd: iso(now + 10_000) },
      want: { windowEnd: ["windowEnd is too close to the current time: the window must be at least 60 seconds long."] },
    },
    {
      name: "a window that ended already",
      body: { calls: outgoingCalls(1), windowStart: iso(now - 2 * HOUR), windowEnd: iso(now - HOUR) },
      want: { windowEnd: ["windowEnd is too close to the current time: the window must be at least 60 seconds long."] },
    },
    { name: "a window shorter than its calls need (they will expire)", body: { calls: outgoingCalls(120), windowStart: iso(now + HOUR), windowEnd: iso(now + HOUR + 90_000) }, want: null },
    { name: "a long enough window", body: { calls: outgoingCalls(25), windowStart: iso(now + HOUR), windowEnd: iso(now + 2 * HOUR) }, want: null },
    {
      name: "two problems at once",
      body: { calls: [{}], windowStart: iso(now + HOUR), windowEnd: iso(now) },
      want: {
        webhookUrl: ["This field is required when a call has no outgoing medium (1 of 1 calls)."],
        windowEnd: ["windowEnd must be after windowStart."],
      },
    },
  ];
  it.each(cases)("$name", ({ body, want }) => {
    expect(validateBatchCreate(body, now)).toEqual(want);
  });

  it("takes the minimum window from the options", () => {
    const body = { calls: outgoingCalls(10), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + HOUR + 5 * MIN) };
    expect(validateBatchCreate(body, T0, { minimumWindowMs: 10 * MIN })).toEqual({
      windowEnd: ["windowEnd is too close to windowStart: the window must be at least 600 seconds long."],
    });
    expect(validateBatchCreate(body, T0, { minimumWindowMs: 0 })).toBeNull();
  });
});

describe("validateBatchPatch", () => {
  const batch = { created: iso(T0), windowStart: iso(T0 + HOUR), windowEnd: iso(T0 + 2 * HOUR), totalCount: 25 };
  const cases: { name: string; current: Record<string, unknown>; patch: Record<string, unknown>; want: unknown }[] = [
    { name: "pausing", current: {}, patch: { paused: true }, want: null },
    { name: "resuming a paused batch", current: { paused: true }, patch: { paused: false }, want: { paused: ["A paused batch cannot be resumed."] } },
    { name: "pausing a paused batch again", current: { paused: true }, patch: { paused: true }, want: null },
    { name: "moving the window", current: {}, patch: { windowStart: iso(T0 + 2 * HOUR), windowEnd: iso(T0 + 3 * HOUR) }, want: null },
    { name: "an end before the start", current: {}, patch: { windowEnd: iso(T0 + HOUR - 1) }, want: { windowEnd: ["windowEnd must be after windowStart."] } },
    {
      name: "an end too close",
      current: {},
      patch: { windowEnd: iso(T0 + HOUR + 1000) },
      want: { windowEnd: ["windowEnd is too close to windowStart: the window must be at least 60 seconds long."] },
    },
    { name: "a window change after the end", current: { endedAt: iso(T0) }, patch: { windowEnd: iso(T0 + 5 * HOUR) }, want: { windowEnd: ["The batch has ended: its window cannot change."] } },
  ];
  it.each(cases)("$name", ({ current, patch, want }) => {
    expect(validateBatchPatch({ ...batch, ...current }, patch, T0)).toEqual(want);
  });
});
