import { createMockHandler } from "@ultravox-api/mock-server";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";

/** The seed story in-process: create an agent and a batch, then list its FUTURE calls page by page. */
export async function listFutureCalls(): Promise<number> {
  const mock = createMockHandler({ seed: 42 });
  const client = createClient<paths>({
    baseUrl: "https://api.ultravox.ai",
    fetch: mock.fetch,
    headers: { "X-API-Key": mock.apiKey },
  });

  const { data: agent } = await client.POST("/api/agents", { body: { name: "Outbound" } });
  const agentId = agent?.agentId ?? "";
  const { data: batch } = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: agentId } },
    body: { calls: Array.from({ length: 25 }, () => ({})), webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" },
  });
  const batchId = batch?.batchId ?? "";

  let count = 0;
  let cursor: string | undefined;
  do {
    const { data: page } = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      params: {
        path: { agent_id: agentId, batch_id: batchId },
        query: { status: "FUTURE", pageSize: 10, ...(cursor === undefined ? {} : { cursor }) },
      },
    });
    count += page?.results.length ?? 0;
    const next = page?.next;
    cursor = next ? (new URL(next).searchParams.get("cursor") ?? undefined) : undefined;
  } while (cursor !== undefined);
  return count; // 25
}
