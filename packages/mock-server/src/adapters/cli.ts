#!/usr/bin/env node
import { parseArgs } from "node:util";
import { parseCallAutomation } from "../behaviours/ultravox/call-controls.js";
import type { CallAutomation } from "../behaviours/ultravox/call-model.js";
import { startMockServer } from "../start-mock-server.js";

const HELP = `Usage: ultravox-mock [options]

A stateful, validating mock of the Ultravox REST API.

Options:
  --port <n>        Port to listen on (default 4010; 0 for any free port)
  --host <addr>     Address to bind (default 127.0.0.1)
  --seed <s>        Seed for generated ids, data and the default API key (default 0)
  --spec <file>     OpenAPI document (JSON or YAML) to mock instead of the bundled spec
  --api-key <key>   Accepted API key; repeat for more tenants (default: one generated key)
  --clock <iso>     Virtual clock standing at this instant, moved only by the /__mock/clock
                    admin routes (default: real time)
  --rate-limits     Throttle like the API: 200 requests/s per key, 500/s per account,
                    call creation 5/s and 30/min per account (default: off)
  --rate-limit-per-key <n>   Requests per second per key, >= 1 (implies --rate-limits)
  --call-interval <ms>       Time between two calls of a scheduled batch (default 1000)
  --no-lifecycle    Turn off the scheduled-batch lifecycle and the API's batch checks
  --strict-query    400 for undeclared query parameters, a pageSize that is not a positive
                    integer or above the maximum, empty filters (default: read query strings
                    as the API does)
  --no-cors         No CORS answers (default: preflights pass, Access-Control-Allow-Origin: *)

Calls and webhooks (every call lives: created → joined → ended → billed):
  --join-after <ms|never>    A client joins each new call this long after its creation
                             (default never: the call ends "unjoined" at its joinTimeout, 30 s)
  --end-after <ms|never>     A joined call ends this long after joining (default never:
                             it ends "timeout" at its maxDuration)
  --end-reason <reason>      End reason of --end-after: hangup (default), agent_hangup,
                             timeout, connection_error, system_error
  --bill-after <ms>          A call is billed this long after its end (default 0)
  --webhook-timeout <ms>     Wall-time limit of one webhook delivery (default 10000)
  --files-port <n>           Port of the second origin serving recordings and SIP logs
                             (default 0: any free port)
  Move a call by hand: POST /__mock/calls/{call_id}/join, POST /__mock/calls/{call_id}/end
  {"endReason": "hangup"}; change the automation: PUT /__mock/calls/automation (X-API-Key needed).
  -h, --help        Show this help
`;

async function main(): Promise<void> {
  const { values } = parseOptions();
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const frozen = values.clock === undefined ? undefined : Date.parse(values.clock);
  if (frozen !== undefined && Number.isNaN(frozen)) throw new Error(`--clock must be an ISO date, got ${values.clock ?? ""}`);
  const perKey = values["rate-limit-per-key"] === undefined ? undefined : Number(values["rate-limit-per-key"]);
  if (perKey !== undefined && !(Number.isFinite(perKey) && perKey >= 1)) {
    throw new Error(`--rate-limit-per-key must be a number >= 1, got ${values["rate-limit-per-key"] ?? ""}`);
  }
  const interval = values["call-interval"] === undefined ? undefined : Number(values["call-interval"]);
  if (interval !== undefined && !(Number.isFinite(interval) && interval >= 0)) {
    throw new Error(`--call-interval must be milliseconds >= 0, got ${values["call-interval"] ?? ""}`);
  }
  const automation = callAutomation(values);
  const webhookTimeout = values["webhook-timeout"] === undefined ? undefined : Number(values["webhook-timeout"]);
  if (webhookTimeout !== undefined && !(Number.isFinite(webhookTimeout) && webhookTimeout > 0)) {
    throw new Error(`--webhook-timeout must be milliseconds > 0, got ${values["webhook-timeout"] ?? ""}`);
  }
  const filesPort = values["files-port"] === undefined ? 0 : Number(values["files-port"]);
  if (!Number.isInteger(filesPort) || filesPort < 0 || filesPort > 65535) throw new Error(`--files-port must be 0-65535, got ${values["files-port"] ?? ""}`);
  const server = await startMockServer({
    calls: automation,
    filesPort,
    ...(webhookTimeout === undefined ? {} : { webhooks: { timeoutMs: webhookTimeout } }),
    port,
    host: values.host,
    seed: values.seed,
    clock: frozen === undefined ? { mode: "real" } : { mode: "virtual", start: frozen },
    ...(perKey !== undefined ? { rateLimits: { perKey } } : values["rate-limits"] === true ? { rateLimits: true } : {}),
    lifecycle: values["no-lifecycle"] === true ? false : interval === undefined ? true : { callIntervalMs: interval },
    strictQuery: values["strict-query"] === true,
    cors: values["no-cors"] !== true,
    // Loaded on demand: the YAML parser is not needed for the bundled spec.
    ...(values.spec === undefined ? {} : { spec: await (await import("./load-spec-file.js")).loadSpecFile(values.spec) }),
    ...(values["api-key"] === undefined ? {} : { apiKeys: values["api-key"] }),
  });
  process.stdout.write(`ultravox-mock listening on ${server.url} (${server.operationCount} operations) API key: ${server.apiKey}\n`);
  process.stdout.write(`ultravox-mock files (recordings, SIP logs) on ${server.filesUrl}\n`);
  const stop = (signal: string): void => {
    void server.close().then(() => {
      process.stdout.write(`ultravox-mock stopped (${signal})\n`);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const FLAGS = { "join-after": "joinAfterMs", "end-after": "endAfterMs", "end-reason": "endReason", "bill-after": "billAfterMs" } as const;

/** The call automation flags, checked as the admin route checks its body (a typo is an error, never ignored). */
function callAutomation(values: Partial<Record<keyof typeof FLAGS, string>>): CallAutomation {
  const input: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FLAGS)) {
    const value = values[flag as keyof typeof FLAGS];
    if (value !== undefined) input[field] = value;
  }
  const parsed = parseCallAutomation(input);
  if ("automation" in parsed) return parsed.automation;
  const [field, messages] = Object.entries(parsed.errors)[0] ?? ["", []];
  const flag = Object.entries(FLAGS).find(([, name]) => name === field)?.[0] ?? field;
  throw new Error(`--${flag}: ${messages.join(" ")} Got ${input[field] ?? ""}`);
}

/** The command line, read strictly: an unknown flag is an error that points to --help. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        seed: { type: "string", default: "0" },
        spec: { type: "string" },
        "api-key": { type: "string", multiple: true },
        clock: { type: "string" },
        "rate-limits": { type: "boolean" },
        "rate-limit-per-key": { type: "string" },
        "call-interval": { type: "string" },
        "no-lifecycle": { type: "boolean" },
        "strict-query": { type: "boolean" },
        "no-cors": { type: "boolean" },
        "join-after": { type: "string" },
        "end-after": { type: "string" },
        "end-reason": { type: "string" },
        "bill-after": { type: "string" },
        "webhook-timeout": { type: "string" },
        "files-port": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}. See ultravox-mock --help for the options.`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ultravox-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
