/** The consumer project's type-checked program: the seed story, end to end, from published packages. */
export const CONSUMER_CALLS = 7;

export const consumerMain = `import { createUltravoxClient } from "@ultravox-api/client";
import { startMockServer } from "@ultravox-api/mock-server";
import { paginate } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";

const mock = await startMockServer({ port: 0 });
try {
  const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  const agent = await client.POST("/api/agents", { body: { name: "release-check" } });
  const agentId = agent.data?.agentId;
  if (agentId === undefined) throw new Error(\`agent not created: HTTP \${agent.response.status}\`);
  const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: agentId } },
    // The API refuses a batch whose calls have no outgoing medium unless it names a webhookUrl; a
    // window in the future keeps every call FUTURE (the mock's clock stands still until moved).
    body: {
      webhookUrl: "https://example.com/ultravox/batch-webhook",
      windowStart: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      windowEnd: new Date(Date.now() + 9 * 60 * 60 * 1000).toISOString(),
      calls: Array.from({ length: ${CONSUMER_CALLS} }, (_, i) => ({ metadata: { n: String(i) } })),
    },
  });
  const batchId = batch.data?.batchId;
  if (batchId === undefined) throw new Error(\`batch not created: HTTP \${batch.response.status}\`);
  const future: Schema<"ScheduledCall">[] = [];
  const calls = paginate(
    client,
    "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls",
    { params: { path: { agent_id: agentId, batch_id: batchId }, query: { status: "FUTURE" } } },
    { pageSize: 3 },
  );
  for await (const call of calls) future.push(call);
  console.log(\`scheduled calls FUTURE: \${future.length}\`);
} finally {
  await mock.close();
}
`;

/** A deliberate type error: proves tsc really checks the program against the published types. */
export const consumerTypeError = `import type { Schema } from "@ultravox-api/types";
const status: Schema<"ScheduledCall">["status"] = "DONE";
console.log(status);
`;

export const consumerTsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      lib: ["ES2023", "DOM"],
      types: [],
      outDir: "dist",
    },
    files: ["main.ts"],
  },
  null,
  2,
)}\n`;

/** CommonJS consumers: Node >= 20.19 can require() these ESM-only packages (no top-level await in them). */
export const consumerCjs = `const names = ["types", "client", "pagination", "mock-server"];
const out = {};
for (const name of names) out[name] = Object.keys(require("@ultravox-api/" + name)).sort();
console.log(JSON.stringify(out));
`;
