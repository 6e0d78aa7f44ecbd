import { createUltravoxClient } from "@ultravox-api/client";
import { startMockServer } from "@ultravox-api/mock-server";
import type { Schema } from "@ultravox-api/types";
import { describe, expect, it } from "vitest";
// The README's examples, run as written (pagination's own tests check that the README shows them verbatim).
import { firstAgents, invoiceNumbersByPage } from "../../pagination/examples/invoice-pages.js";
import { forEachAgent } from "../../pagination/examples/resume-after-error.js";
import { scheduledCallsByStatus } from "../../pagination/examples/scheduled-calls-by-status.js";
import { startListServer } from "../../pagination/test/support/list-server.js";

describe("pagination README examples run", () => {
  it("scheduledCallsByStatus and invoiceNumbersByPage against the mock server", async () => {
    const server = await startMockServer({ seed: 9, fixtures: 5, lifecycle: false }); // the examples list batches sent without a webhookUrl, which the API (and the default mock) refuses
    try {
      const client = createUltravoxClient({ apiKey: server.apiKey, baseUrl: server.url, retry: false });
      const agent = await client.POST("/api/agents", { body: { name: "Example" } });
      const agentId = agent.data?.agentId ?? "";
      const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
        params: { path: { agent_id: agentId } },
        body: { calls: Array.from({ length: 130 }, () => ({})) },
      });
      const batchId = batch.data?.batchId ?? "";
      const future = await scheduledCallsByStatus(client, agentId, batchId, "FUTURE");
      expect(future).toHaveLength(130);
      expect(future.every((call) => call.batchId === batchId)).toBe(true);
      expect(await scheduledCallsByStatus(client, agentId, batchId, "ERROR")).toEqual([]);

      const invoices = await invoiceNumbersByPage(client, AbortSignal.timeout(20_000));
      expect(invoices.flat()).toHaveLength(5);
      expect(await firstAgents(client, 1)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("forEachAgent visits every agent once although page 2 fails once", async () => {
    const agents = Array.from({ length: 9 }, (_, i) => ({ agentId: `agent-${i}`, name: `Agent ${i}` }));
    const server = await startListServer({ items: agents, defaultPageSize: 3, failPageOnce: 2 });
    try {
      const client = createUltravoxClient({ apiKey: "k", baseUrl: server.url, retry: false });
      const visited: string[] = [];
      await forEachAgent(client, (agent: Schema<"Agent">) => {
        visited.push(agent.agentId);
        return Promise.resolve();
      });
      expect(visited).toEqual(agents.map((a) => a.agentId));
      // Three pages, page 2 twice.
      expect(server.requests.map((r) => r.query.has("cursor"))).toEqual([false, true, true, true]);
    } finally {
      await server.close();
    }
  });
});
