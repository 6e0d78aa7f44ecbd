import type { UltravoxClient } from "@ultravox-api/client";
import { paginate } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";

type ScheduledCall = Schema<"ScheduledCall">;

/** Every scheduled call of a batch with the given status, across all pages. */
export async function scheduledCallsByStatus(
  client: UltravoxClient,
  agentId: string,
  batchId: string,
  status: ScheduledCall["status"],
): Promise<ScheduledCall[]> {
  const calls: ScheduledCall[] = [];
  const walker = paginate(
    client,
    "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls",
    { params: { path: { agent_id: agentId, batch_id: batchId }, query: { status } } },
    { pageSize: 100 },
  );
  for await (const call of walker) {
    calls.push(call); // typed as ScheduledCall
  }
  return calls;
}
