import { readFile } from "node:fs/promises";
import { createMockHandler } from "@ultravox-api/mock-server";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { isFromUltravox, scheduledBatchOnTheClock } from "../examples/lifecycle.js";

describe("README: time, batches, faults and the journal", () => {
  it("shows examples/lifecycle.ts verbatim", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(await readFile(new URL("../examples/lifecycle.ts", import.meta.url), "utf8"));
  });

  it("scheduledBatchOnTheClock works as its comments say", async () => {
    expect(await scheduledBatchOnTheClock()).toEqual({ before: ["FUTURE", "FUTURE"], after: ["SUCCESS", "SUCCESS"], attempts: [503, 503, 200] });
  });

  it("isFromUltravox accepts the mock's signed delivery and refuses a tampered one", async () => {
    const delivered: Request[] = [];
    const mock = createMockHandler({
      clock: { mode: "virtual", start: "2025-06-02T08:00:00Z" },
      lifecycle: {
        fetch: (url, init) => {
          delivered.push(new Request(url, init));
          return Promise.resolve(new Response(null, { status: 204 }));
        },
      },
    });
    const client = createClient<paths>({ baseUrl: "https://api.ultravox.ai", fetch: mock.fetch, headers: { "X-API-Key": mock.apiKey } });
    const { data: agent } = await client.POST("/api/agents", { body: { name: "Web" } });
    await client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agent?.agentId ?? "" } },
      body: { calls: [{ medium: { webRtc: {} } }], webhookUrl: "https://receiver.example.com/ultravox", webhookSecret: "s3cret" },
    });
    await mock.clock.advance(0);
    const [request] = delivered;
    if (request === undefined) throw new Error("no delivery");
    expect(await isFromUltravox(request.clone(), "s3cret", mock.clock.now())).toBe(true);
    expect(await isFromUltravox(request.clone(), "other", mock.clock.now())).toBe(false);
    const tampered = new Request(request.url, { method: "POST", headers: request.headers, body: (await request.clone().text()).replace("call.started", "call.ended") });
    expect(await isFromUltravox(tampered, "s3cret", mock.clock.now())).toBe(false);
    // Too old for the default one-minute tolerance against the wall clock.
    expect(await isFromUltravox(request.clone(), "s3cret")).toBe(false);
  });
});
