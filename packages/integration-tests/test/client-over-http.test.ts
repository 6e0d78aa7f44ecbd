import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUltravoxClient, unwrap, UltravoxNotFoundError, type UltravoxClient } from "@ultravox-api/client";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";

let mock: MockServer;
let client: UltravoxClient;
beforeAll(async () => {
  // Batches as sent, never moving: this test only lists them (the default has the API's batch checks on).
  mock = await startMockServer({ seed: 3, lifecycle: false });
  client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url });
});
afterAll(async () => {
  await mock.close();
});

describe("end to end against @ultravox-api/mock-server over HTTP", () => {
  it("creates an agent and a scheduled batch, then lists its scheduled calls by status", async () => {
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Outbound" } }));
    const batch = await unwrap(
      client.POST("/api/agents/{agent_id}/scheduled_batches", {
        params: { path: { agent_id: agent.agentId } },
        body: { calls: [{ templateContext: { n: "1" } }, { templateContext: { n: "2" } }, { templateContext: { n: "3" } }] },
      }),
    );
    expect(batch.totalCount).toBe(3);
    const seen: string[] = [];
    for (const status of ["FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR"] as const) {
      const page = await unwrap(
        client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
          params: { path: { agent_id: agent.agentId, batch_id: batch.batchId }, query: { status, pageSize: 100 } },
        }),
      );
      for (const call of page.results) {
        expect(call.status).toBe(status);
        seen.push(call.status);
      }
    }
    expect(seen).toHaveLength(3);
  });

  it("throws UltravoxNotFoundError for an unknown agent, and 401 for a wrong key", async () => {
    await expect(
      unwrap(client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "00000000-0000-4000-8000-000000000000" } } })),
    ).rejects.toBeInstanceOf(UltravoxNotFoundError);
    const wrongKey = createUltravoxClient({ apiKey: "not-a-key", baseUrl: mock.url });
    const error = (await unwrap(wrongKey.GET("/api/accounts/me")).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("UltravoxAuthenticationError");
    expect(String(error)).not.toContain("not-a-key");
  });
});
