import { createUltravoxClient, unwrap } from "@ultravox-api/client";

const client = createUltravoxClient();

export async function scheduleCalls(agentId: string, phoneNumbers: string[]): Promise<string> {
  const batch = await unwrap(
    client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agentId } },
      body: {
        windowStart: "2026-12-01T09:00:00Z",
        windowEnd: "2026-12-01T17:00:00Z",
        calls: phoneNumbers.map((number) => ({
          medium: { twilio: { outgoing: { to: number, from: "+15550100000" } } },
          templateContext: { customerNumber: number },
        })),
      },
      // POST is never retried unless you ask: creating calls costs money and places phone calls.
      retry: true,
    }),
  );
  return batch.batchId;
}
