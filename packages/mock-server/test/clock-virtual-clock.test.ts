import { describe, expect, it } from "vitest";
import { VirtualClock, type ClockChange } from "../src/pipeline/virtual-clock.js";

const START = Date.parse("2025-03-01T09:00:00Z");

describe("VirtualClock, virtual mode", () => {
  it("stands still until advanced or set", async () => {
    let wall = 1_000;
    const clock = new VirtualClock({ mode: "virtual", start: START, wallNow: () => wall });
    wall += 5_000;
    expect(clock.now()).toBe(START);
    expect(await clock.advance(90_000)).toBe(START + 90_000);
    expect(clock.date().toISOString()).toBe("2025-03-01T09:01:30.000Z");
    await clock.set("2026-01-01T00:00:00Z");
    expect(clock.now()).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(clock.toJSON()).toEqual({ mode: "virtual", now: "2026-01-01T00:00:00.000Z" });
  });

  const starts: { given: Date | number | string; want: number }[] = [
    { given: new Date(START), want: START },
    { given: START, want: START },
    { given: "2025-03-01T10:00:00+01:00", want: START },
  ];
  it.each(starts)("accepts a start given as $given", ({ given, want }) => {
    expect(new VirtualClock({ mode: "virtual", start: given }).now()).toBe(want);
  });

  it("tells listeners where it was and where it is, in order, and waits for their work", async () => {
    const clock = new VirtualClock({ mode: "virtual", start: START });
    const seen: ClockChange[] = [];
    let finished = false;
    const stop = clock.onChange((change) => {
      seen.push(change);
      return new Promise((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve();
        }, 5),
      );
    });
    const moving = clock.advance(1_000);
    // The synchronous part of listeners has run already; the asynchronous part is awaited.
    expect(seen).toEqual([{ previous: START, now: START + 1_000 }]);
    expect(finished).toBe(false);
    await moving;
    expect(finished).toBe(true);
    await clock.set(START);
    expect(seen[1]).toEqual({ previous: START + 1_000, now: START });
    stop();
    await clock.advance(1);
    expect(seen).toHaveLength(2);
  });

  it("rejects a listener's failure through the move", async () => {
    const clock = new VirtualClock({ mode: "virtual", start: START });
    clock.onChange(() => Promise.reject(new Error("listener broke")));
    await expect(clock.advance(1)).rejects.toThrow("listener broke");
    expect(clock.now()).toBe(START + 1);
  });

  const bad: { call: (clock: VirtualClock) => unknown; message: RegExp }[] = [
    { call: (c) => c.advance(-1), message: /advance\(ms\) needs a finite number/ },
    { call: (c) => c.advance(Number.NaN), message: /got NaN/ },
    { call: (c) => c.advance(Number.POSITIVE_INFINITY), message: /got Infinity/ },
    { call: (c) => c.set("not a date"), message: /clock.set\(date\) is not a valid date: "not a date"/ },
  ];
  it.each(bad)("refuses bad input: $message", ({ call, message }) => {
    const clock = new VirtualClock({ mode: "virtual", start: START });
    expect(() => call(clock)).toThrow(message);
    expect(clock.now()).toBe(START);
  });

  it("refuses an unknown mode and a bad start", () => {
    expect(() => new VirtualClock({ mode: "frozen" as "virtual" })).toThrow(/Unknown clock mode "frozen"/);
    expect(() => new VirtualClock({ start: "yesterday" })).toThrow(/start is not a valid date/);
  });
});

describe("VirtualClock, real mode", () => {
  it("is virtual by default, as the mock's clock", () => {
    let wall = START;
    const clock = new VirtualClock({ wallNow: () => wall });
    expect(clock.mode).toBe("virtual");
    wall += 2_500;
    expect(clock.now()).toBe(START);
  });

  it("follows the wall clock", () => {
    let wall = START;
    const clock = new VirtualClock({ mode: "real", wallNow: () => wall });
    expect(clock.mode).toBe("real");
    expect(clock.now()).toBe(START);
    wall += 2_500;
    expect(clock.now()).toBe(START + 2_500);
  });

  it("keeps flowing after advance and set, shifted by them", async () => {
    let wall = START;
    const clock = new VirtualClock({ mode: "real", wallNow: () => wall });
    await clock.advance(3_600_000);
    wall += 10;
    expect(clock.now()).toBe(START + 3_600_000 + 10);
    await clock.set(Date.parse("2030-01-01T00:00:00Z"));
    wall += 7;
    expect(clock.now()).toBe(Date.parse("2030-01-01T00:00:00Z") + 7);
  });

  it("uses Date.now without a wallNow", () => {
    const before = Date.now();
    const now = new VirtualClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
