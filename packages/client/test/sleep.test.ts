// The backoff wait between attempts: ended early by the call's signal, and leaving no listener behind.
import { getEventListeners } from "node:events";
import { setImmediate as afterMicrotasks } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { sleep } from "../src/internal/sleep.js";

/** "resolved", the rejection reason, or "pending" if the promise has not settled once microtasks ran. */
async function outcome(promise: Promise<void>): Promise<unknown> {
  return Promise.race([promise.then(() => "resolved", (reason: unknown) => reason), afterMicrotasks("pending")]);
}

describe("sleep", () => {
  it("resolves after the delay and removes its abort listener", async () => {
    const controller = new AbortController();
    await expect(sleep(1, controller.signal)).resolves.toBeUndefined();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects at once with the reason of a signal aborted before it starts", async () => {
    const reason = new Error("caller gave up");
    expect(await outcome(sleep(60_000, AbortSignal.abort(reason)))).toBe(reason);
  });

  it("rejects with the reason when the signal aborts during the wait, and removes its listener", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const waiting = sleep(60_000, controller.signal);
    expect(await outcome(waiting)).toBe("pending");
    controller.abort(reason);
    expect(await outcome(waiting)).toBe(reason);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
