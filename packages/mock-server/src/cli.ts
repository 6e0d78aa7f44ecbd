#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMockServer } from "./start-mock-server.js";

const HELP = `Usage: ultravox-mock [options]

A stateful, validating mock of the Ultravox REST API.

Options:
  --port <n>        Port to listen on (default 4010; 0 for any free port)
  --host <addr>     Address to bind (default 127.0.0.1)
  --seed <s>        Seed for generated ids, data and the default API key (default 0)
  --spec <file>     OpenAPI document (JSON or YAML) to mock instead of the bundled spec
  --api-key <key>   Accepted API key; repeat for more tenants (default: one generated key)
  --clock <iso>     Freeze the clock at this instant (default: real time)
  -h, --help        Show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "0" },
      spec: { type: "string" },
      "api-key": { type: "string", multiple: true },
      clock: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const frozen = values.clock === undefined ? undefined : Date.parse(values.clock);
  if (frozen !== undefined && Number.isNaN(frozen)) throw new Error(`--clock must be an ISO date, got ${values.clock ?? ""}`);
  const server = await startMockServer({
    port,
    host: values.host,
    seed: values.seed,
    now: frozen === undefined ? Date.now : () => frozen,
    // Loaded on demand: the YAML parser is not needed for the bundled spec.
    ...(values.spec === undefined ? {} : { spec: await (await import("./internal/load-spec-file.js")).loadSpecFile(values.spec) }),
    ...(values["api-key"] === undefined ? {} : { apiKeys: values["api-key"] }),
  });
  process.stdout.write(`ultravox-mock listening on ${server.url} (${server.operationCount} operations) API key: ${server.apiKey}\n`);
  const stop = (signal: string): void => {
    void server.close().then(() => {
      process.stdout.write(`ultravox-mock stopped (${signal})\n`);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ultravox-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
