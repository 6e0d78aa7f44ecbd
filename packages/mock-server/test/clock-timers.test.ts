import { describe, expect, it } from "vitest";
import { ClockTimers } from "../src/behaviours/ultravox/clock-timers.js";
import { VirtualClock } from "../src/pipeline/virtual-clock.js";

const T0 = Date.parse("2025-03-01T08:00:00Z");

function setup() {
  const clock = new VirtualClock({ mode: "virtual", start: T0 });
  const errors: unknown[] = [];
  const timers = new ClockTimers(clock, { onError: (error) => errors.push(error) });
  return { clock, timers, errors };
}

describe("ClockTimers on a virtual clock", () => {
  it("fires a timer once the clock reaches its time, not before, with its due time", async () => {
    const { clock, timers } = setup();
    const fired: number[] = [];
    timers.schedule(T0 + 1000, (at) => {
      fired.push(at);
    });
    await clock.advance(999);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([T0 + 1000]);
    await clock.advance(10_000);
    expect(fired).toEqual([T0 + 1000]);
    expect(timers.pending).toBe(0);
  });

  it("runs due timers earliest first (ties in scheduling order), chains made due run in the same move", async () => {
    const { clock, timers } = setup();
    const order: string[] = [];
    timers.schedule(T0 + 300, () => {
      order.push("c@300");
    });
    timers.schedule(T0 + 100, (at) => {
      order.push("a@100");
      timers.schedule(at + 50, () => {
        order.push("chain@150");
      });
      timers.schedule(at + 5000, () => {
        order.push("late@5100");
      });
    });
    timers.schedule(T0 + 100, () => {
      order.push("b@100");
    });
    await clock.advance(1000);
    expect(order).toEqual(["a@100", "b@100", "chain@150", "c@300"]);
    await clock.advance(5000);
    expect(order.at(-1)).toBe("late@5100");
  });

  it("awaits asynchronous callbacks one after the other; the clock move settles after them", async () => {
    const { clock, timers } = setup();
    const log: string[] = [];
    for (const at of [T0 + 10, T0 + 20]) {
      timers.schedule(at, async () => {
        log.push(`start ${at - T0}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        log.push(`end ${at - T0}`);
      });
    }
    await clock.advance(100);
    expect(log).toEqual(["start 10", "end 10", "start 20", "end 20"]);
  });

  it("a timer scheduled already due runs without a clock move, after the scheduling code finished", async () => {
    const { timers } = setup();
    const log: string[] = [];
    timers.schedule(T0, () => {
      log.push("timer");
    });
    log.push("after schedule");
    await timers.idle();
    expect(log).toEqual(["after schedule", "timer"]);
  });

  it("cancelled and cleared timers never fire; a failing callback is reported and the others still run", async () => {
    const { clock, timers, errors } = setup();
    const fired: string[] = [];
    const cancel = timers.schedule(T0 + 10, () => {
      fired.push("cancelled");
    });
    timers.schedule(T0 + 20, () => {
      throw new Error("boom");
    });
    timers.schedule(T0 + 30, () => {
      fired.push("ok");
    });
    cancel();
    await clock.advance(100);
    expect(fired).toEqual(["ok"]);
    expect(errors).toHaveLength(1);
    timers.schedule(T0 + 200, () => {
      fired.push("cleared");
    });
    timers.clear();
    await clock.advance(1000);
    expect(fired).toEqual(["ok"]);
  });

  it("moving the clock backwards fires nothing; dispose stops listening", async () => {
    const { clock, timers } = setup();
    const fired: number[] = [];
    timers.schedule(T0 + 100, (at) => {
      fired.push(at);
    });
    await clock.set(T0 - 60_000);
    expect(fired).toEqual([]);
    timers.dispose();
    await clock.set(T0 + 1000);
    expect(fired).toEqual([]);
  });
});

describe("ClockTimers on a real clock with wallTime", () => {
  it("fires as wall time passes, without any clock move", async () => {
    const clock = new VirtualClock({ mode: "real" });
    const timers = new ClockTimers(clock, { wallTime: true });
    const start = clock.now();
    const fired = new Promise<number>((resolve) => {
      timers.schedule(start + 30, (at) => {
        resolve(at);
      });
    });
    await expect(fired).resolves.toBe(start + 30);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 30);
    timers.dispose();
  });
});
