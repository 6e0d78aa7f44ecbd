// Bundled by esbuild for the real-browser test: runs in Chromium on its own 127.0.0.1 origin and calls
// the mock server on another origin, as a page of a local demo would.
import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { paginate } from "@ultravox-api/pagination";

const STATUSES = ["FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR"] as const;

export interface StoryResult {
  readonly totalCount: number;
  /** For each status filter, the statuses of the calls listed under it. */
  readonly byStatus: Record<string, string[]>;
}

/** The seed story: create an agent and a batch, then list the batch's scheduled calls by status with `paginate`. */
async function story(baseUrl: string, apiKey: string, calls: number): Promise<StoryResult> {
  const client = createUltravoxClient({ apiKey, baseUrl, dangerouslyAllowBrowser: true });
  const agent = await unwrap(client.POST("/api/agents", { body: { name: "Browser demo" } }));
  const batch = await unwrap(
    client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: agent.agentId } },
      body: { calls: Array.from({ length: calls }, (_, i) => ({ templateContext: { n: String(i) } })) },
    }),
  );
  const byStatus: Record<string, string[]> = {};
  for (const status of STATUSES) {
    const listed: string[] = (byStatus[status] = []);
    const walker = paginate(
      client,
      "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls",
      { params: { path: { agent_id: agent.agentId, batch_id: batch.batchId }, query: { status } } },
      { pageSize: 2 },
    );
    for await (const call of walker) listed.push(call.status);
  }
  return { totalCount: batch.totalCount, byStatus };
}

/** What creating a client without `dangerouslyAllowBrowser` does here: the error's name and message. */
function refusal(baseUrl: string): string {
  try {
    createUltravoxClient({ apiKey: "uvx_refused_key", baseUrl });
    return "created";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

Object.assign(globalThis, { story, refusal });
