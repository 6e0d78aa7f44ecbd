import { createUltravoxClient } from "@ultravox-api/client";
import { createMockHandler, startMockServer } from "@ultravox-api/mock-server";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";

describe("typed clients against the mock", () => {
  it("openapi-fetch with the in-process handler as fetch: the seed story", async () => {
    const mock = createMockHandler({ seed: 11 });
    const client = createClient<paths>({ baseUrl: "https://api.ultravox.ai", fetch: mock.fetch, headers: { "X-API-Key": mock.apiKey } });
    const agent = await client.POST("/api/agents", { body: { name: "Scheduler" } });
    expect(agent.response.status).toBe(201);
    const agentId = agent.data?.agentId ?? "";
    const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agentId } },
      body: { calls: Array.from({ length: 12 }, () => ({})), webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" },
    });
    expect(batch.data?.totalCount).toBe(12);
    const batchId = batch.data?.batchId ?? "";
    const statuses: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
        params: { path: { agent_id: agentId, batch_id: batchId }, query: { status: "FUTURE", pageSize: 5, ...(cursor === undefined ? {} : { cursor }) } },
      });
      for (const call of page.data?.results ?? []) statuses.push(call.status);
      const next = page.data?.next;
      cursor = next === null || next === undefined ? undefined : (new URL(next).searchParams.get("cursor") ?? undefined);
    } while (cursor !== undefined);
    expect(statuses).toEqual(Array.from({ length: 12 }, () => "FUTURE"));

    const missing = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "00000000-0000-4000-8000-000000000000" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ detail: "Not found." });
  });

  it("createUltravoxClient over HTTP against startMockServer", async () => {
    const server = await startMockServer({ seed: 12 });
    try {
      const client = createUltravoxClient({ apiKey: server.apiKey, baseUrl: server.url, retry: false });
      const created = await client.POST("/api/webhooks", { body: { url: "https://hooks.example.com/w", events: ["call.ended"] } });
      expect(created.response.status).toBe(201);
      const listed = await client.GET("/api/webhooks");
      expect(listed.data?.results.map((hook) => hook.webhookId)).toEqual([created.data?.webhookId]);
      const bad = await client.POST("/api/webhooks", { body: { url: "nope", events: [] } });
      expect(bad.response.status).toBe(400);
      expect(bad.error).toEqual({ url: ["Enter a valid URL."] });
      const wrongKey = createUltravoxClient({ apiKey: "wrong", baseUrl: server.url, retry: false });
      expect((await wrongKey.GET("/api/agents")).response.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
