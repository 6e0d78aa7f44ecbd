// Section (1) of bench/run.ts, one process: sequential GETs to a local node:http server, each contender
// against bare openapi-fetch within interleaved rounds. With `--with-entries` the program first imports
// the validate and webhooks entries, as an app using them would (drift detection stays off: no
// createResponseValidator on the client; its cost is section (4)). Prints a SequentialGetsResult as JSON.
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";
import type * as Client from "@ultravox-api/client";
import { interleavedRounds } from "./interleaved-rounds.js";
import { serveJson } from "./json-server.js";
import { shipped } from "./shipped.js";

export interface SequentialGetsResult {
  readonly n: number;
  readonly rounds: number;
  readonly withEntries: boolean;
  /** Per contender, one ops/s figure per round. */
  readonly opsPerSecond: Record<string, number[]>;
  /** Per contender, bare openapi-fetch's time over the contender's in each round (> 1: faster than bare). */
  readonly vsBare: Record<string, number[]>;
}

const withEntries = process.argv.includes("--with-entries");
if (withEntries) {
  const entries = [await shipped<object>("validate/index.js"), await shipped<object>("webhooks/index.js")];
  // Loaded and evaluated: their modules (the generated validators among them) are part of this program.
  if (entries.some((entry) => Object.keys(entry).length === 0)) throw new Error("bench: an entry exports nothing");
}

const { createUltravoxClient } = await shipped<typeof Client>("index.js");
const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
const server = await serveJson(() => body);
const { baseUrl } = server;
const bare = createClient<paths>({ baseUrl, headers: { "X-API-Key": "key" } });
const ours = createUltravoxClient({ apiKey: "key", baseUrl, timeoutMs: 30_000, retry: { maxRetries: 2 } });
const oursNoTimeout = createUltravoxClient({ apiKey: "key", baseUrl, timeoutMs: 0, retry: { maxRetries: 2 } });
const contenders: Record<string, () => Promise<unknown>> = {
  "raw fetch": async () => {
    const response = await fetch(`${baseUrl}/api/calls`, { headers: { "X-API-Key": "key" } });
    return (await response.json()) as unknown;
  },
  "bare openapi-fetch": () => bare.GET("/api/calls"),
  "ours (auth+retry+timeout)": () => ours.GET("/api/calls"),
  // Breakdown: the timeout's AbortController is most of our cost on Node.
  "ours, timeoutMs: 0": () => oursNoTimeout.GET("/api/calls"),
};
const N = 200;
const ROUNDS = 21;
// Each contender compared with bare openapi-fetch within its round (see interleavedRounds).
const times = await interleavedRounds(contenders, { n: N, rounds: ROUNDS, warmUp: 200 });
const bareTimes = times["bare openapi-fetch"] ?? [];
const opsPerSecond: Record<string, number[]> = {};
const vsBare: Record<string, number[]> = {};
for (const [name, perRound] of Object.entries(times)) {
  opsPerSecond[name] = perRound.map((ms) => (N * 1000) / ms);
  vsBare[name] = perRound.map((ms, i) => (bareTimes[i] ?? NaN) / ms);
}
server.close();
const result: SequentialGetsResult = { n: N, rounds: ROUNDS, withEntries, opsPerSecond, vsBare };
process.stdout.write(JSON.stringify(result));
