import { createUltravoxClient, unwrap } from "@ultravox-api/client";

const client = createUltravoxClient();

export async function scheduleCalls(agentId: string, phoneNumbers: string[]): Promise<string> {
  // A window starting in an hour, eight hours long (ISO 8601, UTC).
  const start = Date.now() + 60 * 60 * 1000;
  const batch = await unwrap(
    client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agentId } },
      body: {
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(start + 8 * 60 * 60 * 1000).toISOString(),
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
