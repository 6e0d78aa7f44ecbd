#!/usr/bin/env node
import { bindsEveryInterface } from "../internal/reachable-origin.js";
import type { JsonObject } from "../internal/json.js";
import type { MockServer } from "../start-mock-server.js";
import { badValue, OTHER_REASONS, readCommandLine, type CliOptions, type CliUsageError } from "./cli-options.js";

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
  --end-reason <reason>      End reason of --end-after: hangup (default), or one of
                             ${OTHER_REASONS}
  --bill-after <ms>          A call is billed this long after its end (default 0)
  --webhook-timeout <ms>     Wall-time limit of one webhook delivery (default 10000)
  --files-port <n>           Port of the second origin serving recordings and SIP logs
                             (default 0: any free port)
  Move a call by hand: POST /__mock/calls/{call_id}/join, POST /__mock/calls/{call_id}/end
  {"endReason": "hangup"}; change the automation: PUT /__mock/calls/automation (X-API-Key needed).
  -h, --help        Show this help
`;

async function main(): Promise<void> {
  const options = readCommandLine(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  // Loaded once the command line is good: --help and a bad flag answer without loading the mock.
  const { startMockServer } = await import("../start-mock-server.js");
  const server = await startMockServer({
    calls: options.calls,
    filesPort: options.filesPort,
    ...(options.webhookTimeout === undefined ? {} : { webhooks: { timeoutMs: options.webhookTimeout } }),
    port: options.port,
    host: options.host,
    seed: options.seed,
    clock: options.clock === undefined ? { mode: "real" } : { mode: "virtual", start: options.clock },
    ...(options.rateLimitPerKey !== undefined ? { rateLimits: { perKey: options.rateLimitPerKey } } : options.rateLimits ? { rateLimits: true } : {}),
    lifecycle: !options.lifecycle ? false : options.callInterval === undefined ? true : { callIntervalMs: options.callInterval },
    strictQuery: options.strictQuery,
    cors: options.cors,
    ...(options.spec === undefined ? {} : { spec: await specFile(options.spec) }),
    ...(options.apiKeys === undefined ? {} : { apiKeys: options.apiKeys }),
  }).catch((error: unknown) => {
    throw listenError(error, options) ?? error;
  });
  process.stdout.write(banner(server, options.apiKeys));
  const stop = (signal: string): void => {
    void server.close().then(() => {
      process.stdout.write(`ultravox-mock stopped (${signal})\n`);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** The two lines printed once listening: the API's origin, operations and every accepted key; the files' origin. */
function banner(server: MockServer, apiKeys: readonly string[] | undefined): string {
  const keys = apiKeys ?? [server.apiKey];
  // Bound to every interface (0.0.0.0, ::), the bound address is not one every platform can connect
  // to (Windows cannot): print this machine's loopback URL, which works everywhere, and say so.
  const every = bindsEveryInterface(server.url);
  const shown = (url: string): string => (every ? loopback(url) : url);
  const bound = every ? `; bound to ${new URL(server.url).hostname.replace(/^\[(.*)\]$/, "$1")}, every interface` : "";
  return (
    `ultravox-mock listening on ${shown(server.url)} (${server.operationCount} operations${bound}) ${keys.length > 1 ? "API keys" : "API key"}: ${keys.join(", ")}\n` +
    `ultravox-mock files (recordings, SIP logs) on ${shown(server.filesUrl)}\n`
  );
}

/** `http://0.0.0.0:4010` → `http://127.0.0.1:4010`; `http://[::]:4010` → `http://[::1]:4010`. */
function loopback(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = parsed.hostname === "0.0.0.0" ? "127.0.0.1" : "[::1]";
  return parsed.origin;
}

/** The --spec document; a file that cannot be read or is not OpenAPI is that flag's bad value. */
async function specFile(path: string): Promise<JsonObject> {
  try {
    // Loaded on demand: the YAML parser is not needed for the bundled spec.
    return await (await import("./load-spec-file.js")).loadSpecFile(path);
  } catch (error) {
    throw badValue("spec", path, error instanceof Error ? error.message : String(error));
  }
}

const LISTEN_REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: "in use",
  EACCES: "not permitted for this user",
  EADDRNOTAVAIL: "not an address of this machine",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the name did not resolve",
};

/** A port in use or a host that is not this machine's, as the bad value of --port, --files-port or --host. */
function listenError(error: unknown, options: CliOptions): CliUsageError | undefined {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  const reason = typeof code === "string" ? LISTEN_REASONS[code] : undefined;
  if (reason === undefined) return undefined;
  if (code !== "EADDRINUSE" && code !== "EACCES") return badValue("host", options.host, reason);
  // The API's port is bound first: the files' port fails only once it is up.
  const flag = port === options.filesPort && (port !== options.port || options.port === 0) ? "files-port" : "port";
  return badValue(flag, String(port), reason);
}

main().catch((error: unknown) => {
  process.stderr.write(`ultravox-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
