import { describe, expect, it } from "vitest";
import { callControlAnswer, parseCallAutomation } from "../src/behaviours/ultravox/call-controls.js";
import { CallLifecycle } from "../src/behaviours/ultravox/call-lifecycle.js";
import type { CallEvent, CallRecord } from "../src/behaviours/ultravox/call-model.js";
import { ClockTimers } from "../src/behaviours/ultravox/clock-timers.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";

const T0 = Date.parse("2025-03-01T08:00:00Z");

function setup() {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const timers = new ClockTimers(clock);
  const calls = new Map<string, CallRecord>();
  const events: CallEvent[] = [];
  const lifecycle = new CallLifecycle({
    clock: timers,
    store: { get: (key) => calls.get(key), set: (key, call) => calls.set(key, call) },
    events: (event) => events.push(event),
  });
  calls.set("c1", { callId: "c1", created: new Date(T0).toISOString() });
  lifecycle.started("c1");
  return { clock, lifecycle, calls, events };
}

const parse = (body: string | Uint8Array | null) => JSON.parse(body as string) as Record<string, unknown>;

describe("admin call controls", () => {
  it("join then end: 200 with the call after each step, events emitted", async () => {
    const { clock, lifecycle, events } = setup();
    await clock.advance(1_000);
    const joined = callControlAnswer(lifecycle, "join", "c1", { clientVersion: "cli/1" });
    expect(joined.status).toBe(200);
    expect(parse(joined.body)).toMatchObject({ joined: new Date(T0 + 1_000).toISOString(), clientVersion: "cli/1" });
    await clock.advance(4_000);
    const ended = callControlAnswer(lifecycle, "end", "c1", { endReason: "agent_hangup", summary: "Booked a table." });
    expect(ended.status).toBe(200);
    expect(parse(ended.body)).toMatchObject({ endReason: "agent_hangup", summary: "Booked a table." });
    expect(events.map((e) => e.event)).toEqual(["call.started", "call.joined", "call.ended"]);
  });

  it.each([
    ["join", "nope", undefined, 404, { detail: "Not found." }],
    ["join", "c1", [], 400, { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] }],
    ["join", "c1", { endReason: "hangup" }, 400, { endReason: ["Unknown field: use clientVersion."] }],
    ["join", "c1", { clientVersion: 3 }, 400, { clientVersion: ["Not a valid string."] }],
    ["end", "c1", { endReason: "bored" }, 400, { endReason: ['"bored" is not a valid choice.'] }],
    ["end", "c1", null, 200, undefined],
  ] as const)("%s %s %j → %i", (control, key, body, status, want) => {
    const { lifecycle } = setup();
    const answer = callControlAnswer(lifecycle, control, key, body);
    expect(answer.status).toBe(status);
    if (want !== undefined) expect(parse(answer.body)).toEqual(want);
  });

  it("409 when the state does not allow it, with the reason", () => {
    const { lifecycle } = setup();
    expect(callControlAnswer(lifecycle, "end", "c1", {}).status).toBe(200);
    const again = callControlAnswer(lifecycle, "end", "c1", {});
    expect(again.status).toBe(409);
    expect(parse(again.body)).toEqual({ detail: "Call c1 has already ended." });
    expect(callControlAnswer(lifecycle, "join", "c1", {}).status).toBe(409);
  });
});

describe("parseCallAutomation", () => {
  it.each([
    [{}, { automation: {} }],
    [{ joinAfterMs: 1000, endAfterMs: "60000", endReason: "agent_hangup", billAfterMs: 0 }, { automation: { joinAfterMs: 1000, endAfterMs: 60000, endReason: "agent_hangup", billAfterMs: 0 } }],
    [{ joinAfterMs: "never" }, { automation: { joinAfterMs: "never" } }],
    [{ joinAfterMs: -1 }, { errors: { joinAfterMs: ['A number of milliseconds >= 0 or "never" is required.'] } }],
    [{ endAfterMs: "" }, { errors: { endAfterMs: ['A number of milliseconds >= 0 or "never" is required.'] } }],
    [{ billAfterMs: "never" }, { errors: { billAfterMs: ["A number of milliseconds >= 0 is required."] } }],
    [{ endReason: "bored" }, { errors: { endReason: ['"bored" is not a valid choice.'] } }],
    [{ joinAfter: 5 }, { errors: { joinAfter: ["Unknown field: use joinAfterMs, endAfterMs, endReason or billAfterMs."] } }],
    ["x", { errors: { non_field_errors: ["Expected an object of call automation, got str."] } }],
  ])("%j → %j", (given, want) => {
    expect(parseCallAutomation(given)).toEqual(want);
  });
});
