import { createUltravoxClient, unwrap } from "@ultravox-api/client";

const client = createUltravoxClient();

/** Every scheduled call of a batch that failed, page by page (`next` carries the cursor). */
export async function failedCalls(agentId: string, batchId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
        params: {
          path: { agent_id: agentId, batch_id: batchId },
          // status is "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR": a typo does not compile.
          query: { status: "ERROR", pageSize: 100, ...(cursor === undefined ? {} : { cursor }) },
        },
      }),
    );
    for (const call of page.results) ids.push(call.callId ?? `(no call) ${call.error ?? ""}`);
    cursor = page.next ? (new URL(page.next).searchParams.get("cursor") ?? undefined) : undefined;
  } while (cursor !== undefined);
  return ids;
}
