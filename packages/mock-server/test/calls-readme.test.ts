import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { receiveAWholeCall } from "../examples/calls-and-webhooks.js";

describe("README, Calls and webhooks", () => {
  it("embeds examples/calls-and-webhooks.ts verbatim", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(await readFile(new URL("../examples/calls-and-webhooks.ts", import.meta.url), "utf8"));
  });

  it("works as its comments say", async () => {
    const { events, recording } = await receiveAWholeCall();
    expect(events).toEqual(["call.started", "call.joined", "call.ended (hangup)", "call.billed"]);
    // 44-byte header + 10 s (the cap) of 8 kHz 16-bit mono.
    expect(recording).toBe(44 + 10 * 8000 * 2);
  });
});
