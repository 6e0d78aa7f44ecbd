import { describe, expect, it } from "vitest";
import { CallLifecycle } from "../src/behaviours/ultravox/call-lifecycle.js";
import {
  CallTransitionError,
  callState,
  formatDuration,
  isSipCall,
  type CallAutomation,
  type CallEvent,
  type CallRecord,
} from "../src/behaviours/ultravox/call-model.js";
import { ClockTimers } from "../src/behaviours/ultravox/clock-timers.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";

const T0 = Date.parse("2025-03-01T08:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

/** A call as the generic create stores it: readOnly fields sampled (so the lifecycle must reset them). */
function storedCall(callId: string, extra: CallRecord = {}): CallRecord {
  return {
    callId,
    created: iso(T0),
    joined: null,
    ended: null,
    endReason: "hangup",
    billedDuration: "17s",
    billedSideInputTokens: 0,
    billedSideOutputTokens: 0,
    billingStatus: "BILLING_STATUS_REFUNDED",
    shortSummary: "sampled",
    summary: "sampled",
    clientVersion: "sampled",
    sipDetails: null,
    joinTimeout: "30s",
    maxDuration: "3600s",
    agentId: null,
    joinUrl: "wss://example.invalid/join",
    ...extra,
  };
}

function setup(defaults?: CallAutomation) {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const timers = new ClockTimers(clock, {
    onError: (error) => {
      throw error;
    },
  });
  const calls = new Map<string, CallRecord>();
  const events: CallEvent[] = [];
  const lifecycle = new CallLifecycle({
    clock: timers,
    store: { get: (key) => calls.get(key), set: (key, call) => calls.set(key, call) },
    events: (event) => events.push(event),
    ...(defaults === undefined ? {} : { defaults }),
  });
  const add = (key: string, extra: CallRecord = {}, automation?: CallAutomation) => {
    calls.set(key, storedCall(key, extra));
    return lifecycle.started(key, automation);
  };
  const seen = () => events.map((e) => `${e.event}@${e.at - T0}`);
  return { clock, timers, calls, events, lifecycle, add, seen };
}

describe("call lifecycle by hand", () => {
  it("created: lifecycle fields reset to 'nothing happened yet', call.started at created", () => {
    const { add, calls, seen, events } = setup();
    add("c1");
    const call = calls.get("c1");
    expect(call).toMatchObject({
      created: iso(T0),
      joined: null,
      ended: null,
      endReason: null,
      clientVersion: null,
      billedDuration: null,
      billedSideInputTokens: null,
      billedSideOutputTokens: null,
      billingStatus: "BILLING_STATUS_PENDING",
      shortSummary: null,
      summary: null,
      sipDetails: null,
    });
    expect(callState(call ?? {})).toBe("created");
    expect(seen()).toEqual(["call.started@0"]);
    expect(events[0]?.call).toEqual(call);
  });

  it("join → end → billed: each step's fields, events in order, every read consistent", async () => {
    const { add, calls, seen, events, lifecycle, clock } = setup();
    add("c1");
    await clock.advance(2_000);
    lifecycle.join("c1", { clientVersion: "web/1.2" });
    expect(calls.get("c1")).toMatchObject({ joined: iso(T0 + 2000), clientVersion: "web/1.2", ended: null });
    expect(lifecycle.state("c1")).toBe("joined");
    await clock.advance(12_500);
    lifecycle.end("c1", { endReason: "agent_hangup" });
    expect(calls.get("c1")).toMatchObject({
      ended: iso(T0 + 14_500),
      endReason: "agent_hangup",
      billingStatus: "BILLING_STATUS_PENDING",
      billedDuration: null,
    });
    expect(typeof calls.get("c1")?.["summary"]).toBe("string");
    expect(typeof calls.get("c1")?.["shortSummary"]).toBe("string");
    // Billing is due at once (billAfterMs 0) and runs on the clock's next pass.
    await clock.advance(0);
    expect(calls.get("c1")).toMatchObject({
      billingStatus: "BILLING_STATUS_BILLED",
      billedDuration: "12.5s",
      billedSideInputTokens: 0,
      billedSideOutputTokens: 0,
    });
    expect(lifecycle.state("c1")).toBe("billed");
    expect(seen()).toEqual(["call.started@0", "call.joined@2000", "call.ended@14500", "call.billed@14500"]);
    // Each event carries the call as it was right after its transition (a copy, not the live object).
    expect(events[1]?.call["ended"]).toBeNull();
    expect(events[2]?.call["billingStatus"]).toBe("BILLING_STATUS_PENDING");
    expect(events[3]?.call).toEqual(calls.get("c1"));
    expect(events[3]?.call).not.toBe(calls.get("c1"));
    expect(lifecycle.active).toBe(0);
  });

  it("end of a call never joined: unjoined by default, no summaries, free", async () => {
    const { add, calls, lifecycle, clock } = setup();
    add("c1");
    await clock.advance(5_000);
    lifecycle.end("c1");
    await clock.advance(0);
    expect(calls.get("c1")).toMatchObject({
      endReason: "unjoined",
      summary: null,
      shortSummary: null,
      billingStatus: "BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION",
      billedDuration: "0s",
    });
  });

  it("system_error calls are free", async () => {
    const { add, calls, lifecycle, clock } = setup();
    add("c1");
    lifecycle.join("c1");
    await clock.advance(3_000);
    lifecycle.end("c1", { endReason: "system_error" });
    await clock.advance(0);
    expect(calls.get("c1")).toMatchObject({ billingStatus: "BILLING_STATUS_FREE_SYSTEM_ERROR", billedDuration: "0s" });
  });

  it.each([
    ["join twice", (l: CallLifecycle) => { l.join("c1"); l.join("c1"); }, /cannot join: it is joined/],
    ["join after end", (l: CallLifecycle) => { l.end("c1"); l.join("c1"); }, /cannot join: it is ended/],
    ["end twice", (l: CallLifecycle) => { l.end("c1"); l.end("c1"); }, /already ended/],
    ["unjoined for a joined call", (l: CallLifecycle) => { l.join("c1"); l.end("c1", { endReason: "unjoined" }); }, /was joined/],
    ["unknown end reason", (l: CallLifecycle) => { l.end("c1", { endReason: "bored" as never }); }, /not an end reason/],
    ["unknown call", (l: CallLifecycle) => { l.join("nope"); }, /No call nope/],
  ])("refuses %s with a CallTransitionError", (_name, act, message) => {
    const { add, lifecycle } = setup();
    add("c1");
    let caught: unknown;
    try {
      act(lifecycle);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CallTransitionError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe("call lifecycle on the clock", () => {
  it("never joined (default): ends unjoined at its joinTimeout, then billed", async () => {
    const { add, calls, seen, clock } = setup();
    add("c1", { joinTimeout: "45s" });
    await clock.advance(44_999);
    expect(calls.get("c1")?.["ended"]).toBeNull();
    await clock.advance(1);
    expect(calls.get("c1")).toMatchObject({ ended: iso(T0 + 45_000), endReason: "unjoined", joined: null });
    expect(seen()).toEqual(["call.started@0", "call.ended@45000", "call.billed@45000"]);
  });

  it("joinTimeout defaults to the spec's 30s when the call has none", async () => {
    const { add, calls, clock } = setup();
    add("c1", { joinTimeout: undefined });
    await clock.advance(30_000);
    expect(calls.get("c1")?.["endReason"]).toBe("unjoined");
  });

  it("a whole call in one clock move: join after N ms, end after N ms, billed after N ms", async () => {
    const { add, calls, seen, clock } = setup();
    add("c1", {}, { joinAfterMs: 1_000, endAfterMs: 61_000, endReason: "agent_hangup", billAfterMs: 5_000 });
    await clock.advance(10 * 60_000);
    expect(seen()).toEqual(["call.started@0", "call.joined@1000", "call.ended@62000", "call.billed@67000"]);
    expect(calls.get("c1")).toMatchObject({
      joined: iso(T0 + 1_000),
      ended: iso(T0 + 62_000),
      endReason: "agent_hangup",
      billedDuration: "61s",
      billingStatus: "BILLING_STATUS_BILLED",
    });
  });

  it("joined calls end with timeout at maxDuration", async () => {
    const { add, calls, seen, clock } = setup({ joinAfterMs: 500 });
    add("c1", { maxDuration: "120s" });
    await clock.advance(3_600_000);
    expect(seen()).toEqual(["call.started@0", "call.joined@500", "call.ended@120500", "call.billed@120500"]);
    expect(calls.get("c1")).toMatchObject({ endReason: "timeout", billedDuration: "120s" });
  });

  it("joining after the join timeout never happens: the timeout wins", async () => {
    const { add, calls, seen, clock } = setup();
    add("c1", { joinTimeout: "10s" }, { joinAfterMs: 20_000 });
    await clock.advance(60_000);
    expect(seen()).toEqual(["call.started@0", "call.ended@10000", "call.billed@10000"]);
    expect(calls.get("c1")?.["joined"]).toBeNull();
  });

  it("a manual join cancels the join timeout; a manual end cancels the automatic end", async () => {
    const { add, seen, clock, lifecycle } = setup();
    add("c1", {}, { endAfterMs: 50_000 });
    await clock.advance(10_000);
    lifecycle.join("c1");
    await clock.advance(25_000); // past the 30 s join timeout
    lifecycle.end("c1", { endReason: "hangup" });
    await clock.advance(100_000);
    expect(seen()).toEqual(["call.started@0", "call.joined@10000", "call.ended@35000", "call.billed@35000"]);
  });

  it("forget drops a deleted call's automation; a call gone from the store is not driven", async () => {
    const { add, calls, seen, clock, lifecycle } = setup();
    add("c1", {}, { joinAfterMs: 1000 });
    add("c2", {}, { joinAfterMs: 1000 });
    lifecycle.forget("c1");
    calls.delete("c2");
    await clock.advance(60_000);
    expect(seen()).toEqual(["call.started@0", "call.started@0"]);
  });

  it("SIP calls fill sipDetails: terminationReason at the end, billedDuration when billed", async () => {
    const { add, calls, clock } = setup({ joinAfterMs: 0, endAfterMs: 30_000 });
    add("sip", { medium: { sip: { outgoing: { to: "sip:a@b.c" } } } });
    expect(calls.get("sip")?.["sipDetails"]).toEqual({ billedDuration: null, terminationReason: null });
    await clock.advance(30_000);
    expect(calls.get("sip")?.["sipDetails"]).toEqual({ billedDuration: "30s", terminationReason: "SIP_TERMINATION_NORMAL" });
    add("unanswered", { medium: { sip: { outgoing: { to: "sip:a@b.c" } } } }, { joinAfterMs: "never" });
    await clock.advance(30_000);
    expect(calls.get("unanswered")?.["sipDetails"]).toEqual({ billedDuration: "0s", terminationReason: "SIP_TERMINATION_TIMEOUT" });
  });

  it("clear drops every call's automation (reset)", async () => {
    const { add, seen, clock, lifecycle } = setup({ joinAfterMs: 10 });
    add("a");
    add("b");
    lifecycle.clear();
    expect(lifecycle.active).toBe(0);
    await clock.advance(3_600_000);
    expect(seen()).toEqual(["call.started@0", "call.started@0"]);
  });

  it.each([
    [{ joinAfterMs: -1 }, /joinAfterMs must be/],
    [{ endAfterMs: Number.NaN }, /endAfterMs must be/],
    [{ billAfterMs: "never" as never }, /billAfterMs must be/],
    [{ endReason: "bored" as never }, /endReason must be one of/],
  ])("bad automation %j is a RangeError", (automation, message) => {
    expect(() => setup(automation)).toThrow(message);
  });
});

describe("helpers", () => {
  it.each([
    [0, "0s"],
    [1500, "1.5s"],
    [61_000, "61s"],
    [12_345.6, "12.346s"],
    [-5, "0s"],
  ])("formatDuration(%d) = %s", (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });

  it.each([
    [{ medium: { sip: { incoming: {} } } }, true],
    [{ medium: { sip: { outgoing: { to: "sip:x@y" } } } }, true],
    [{ medium: { twilio: {} } }, false],
    [{ medium: null }, false],
    [{}, false],
  ])("isSipCall(%j) = %s", (call, want) => {
    expect(isSipCall(call)).toBe(want);
  });
});
