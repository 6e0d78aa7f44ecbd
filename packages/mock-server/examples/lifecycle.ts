import { verifyWebhook } from "@ultravox-api/client/webhooks";
import { createMockHandler } from "@ultravox-api/mock-server";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";

/** A scheduled batch on the mock's virtual clock, then a flaky API seen through the request journal. */
export async function scheduledBatchOnTheClock(): Promise<{ before: string[]; after: string[]; attempts: number[] }> {
  const mock = createMockHandler({ clock: { mode: "virtual", start: "2025-06-02T08:00:00Z" }, lifecycle: true });
  const client = createClient<paths>({
    baseUrl: "https://api.ultravox.ai",
    fetch: mock.fetch,
    headers: { "X-API-Key": mock.apiKey },
  });

  const { data: agent } = await client.POST("/api/agents", { body: { name: "Reminders" } });
  const path = { agent_id: agent?.agentId ?? "", batch_id: "" };
  const dial = (to: string) => ({ medium: { twilio: { outgoing: { to, from: "+15550000000" } } } });
  const { data: batch } = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path },
    body: { windowStart: "2025-06-02T09:00:00Z", windowEnd: "2025-06-02T10:00:00Z", calls: [dial("+15550000001"), dial("+15550000002")] },
  });
  path.batch_id = batch?.batchId ?? "";
  const statuses = async () =>
    (await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", { params: { path } })).data?.results.map(
      (call) => call.status,
    ) ?? [];

  const before = await statuses(); // ["FUTURE", "FUTURE"]
  await mock.clock.advance(60 * 60_000 + 1_000); // into the window: one call per second
  const after = await statuses(); // ["SUCCESS", "SUCCESS"]

  mock.faults.add({ kind: "status", route: "GET /api/agents", status: 503, times: 2 });
  mock.journal.clear();
  for (let attempt = 0; attempt < 3; attempt++) {
    const { response } = await client.GET("/api/agents");
    if (response.ok) break;
  }
  const attempts = mock.journal.list({ method: "GET", path: "/api/agents" }).map((entry) => entry.status); // [503, 503, 200]
  return { before, after, attempts };
}

/** In your webhook receiver: check the signature on the raw body before trusting the JSON. */
export async function isFromUltravox(request: Request, secret: string, now: number = Date.now()): Promise<boolean> {
  try {
    // with a mock on a virtual clock, pass now: mock.clock.now()
    await verifyWebhook({ body: new Uint8Array(await request.arrayBuffer()), headers: request.headers, secret, now });
    return true;
  } catch {
    return false;
  }
}
