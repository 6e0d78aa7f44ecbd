// Drift detection's cost per call: sequential GETs to a local node:http server answering a recorded
// mock body, with and without createResponseValidator, in interleaved rounds of the same run.
import { readFile } from "node:fs/promises";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";
import { createUltravoxClient } from "@ultravox-api/client";
import { checkResponse, createResponseValidator, formatDrift } from "@ultravox-api/client/validate";
import { serveJson } from "./json-server.js";

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function fixture(name: string, path: string): Promise<string> {
  const text = await readFile(new URL(`fixtures/${name}`, import.meta.url), "utf8");
  // A recorded body that no longer matches the spec would time the drift report, not the check.
  const drift = checkResponse({ method: "GET", url: `http://127.0.0.1${path}`, status: 200, body: JSON.parse(text) });
  if (drift !== undefined) throw new Error(`bench fixture ${name} does not match the spec:\n${formatDrift(drift)}`);
  return JSON.stringify(JSON.parse(text));
}

export async function validation(): Promise<void> {
  const bodies: Record<string, string> = {
    "/api/accounts/me": await fixture("account.json", "/api/accounts/me"),
    "/api/calls": await fixture("calls-page.json", "/api/calls"),
  };
  const server = await serveJson((path) => bodies[path] ?? "{}");
  const { baseUrl } = server;
  const bare = createClient<paths>({ baseUrl, headers: { "X-API-Key": "key" } });
  const ours = createUltravoxClient({ apiKey: "key", baseUrl });
  const validated = createUltravoxClient({ apiKey: "key", baseUrl });
  let drifts = 0;
  validated.use(createResponseValidator({ mode: "warn", onDrift: () => drifts++ }));

  const N = 100;
  const ROUNDS = 21;
  const rows = [];
  for (const [label, call] of [
    ["GET /api/accounts/me (0.6 kB)", (client: typeof ours) => client.GET("/api/accounts/me")],
    ["GET /api/calls, 10 calls (16 kB)", (client: typeof ours) => client.GET("/api/calls", { params: { query: { pageSize: 10 } } })],
  ] as const) {
    const path = label.split(" ")[1] ?? "";
    const contenders: Record<string, () => Promise<unknown>> = {
      "bare openapi-fetch": () => (path === "/api/calls" ? bare.GET("/api/calls") : bare.GET("/api/accounts/me")),
      ours: () => call(ours),
      "ours + createResponseValidator": () => call(validated),
    };
    const names = Object.keys(contenders);
    for (const run of Object.values(contenders)) for (let i = 0; i < 100; i++) await run(); // warm-up
    const perCall: Record<string, number[]> = {};
    const ratios: Record<string, number[]> = {};
    for (let r = 0; r < ROUNDS; r++) {
      const times: Record<string, number> = {};
      for (const name of r % 2 ? [...names].reverse() : names) {
        const run = contenders[name];
        if (run === undefined) continue;
        const start = performance.now();
        for (let i = 0; i < N; i++) await run();
        times[name] = performance.now() - start;
      }
      for (const name of names) (perCall[name] ??= []).push(((times[name] ?? NaN) * 1000) / N);
      // Each contender against ours within its round: load and drift hit both alike.
      for (const name of names) (ratios[name] ??= []).push((times["ours"] ?? NaN) / (times[name] ?? NaN));
    }
    const base = median(perCall["ours"] ?? []);
    for (const name of names) {
      const us = median(perCall[name] ?? []);
      rows.push({ response: label, contender: name, "µs/call": Math.round(us), "+µs vs ours": Math.round(us - base), "× ours (ops/s)": round(median(ratios[name] ?? [])) });
    }
  }
  server.close();
  if (drifts !== 0) throw new Error(`bench: ${drifts} unexpected drift reports`);
  console.log(`\n(4) drift detection: ${N} sequential GETs to a local node:http server per round, ${ROUNDS} interleaved rounds (medians; ratio: median of per-round ratios)`);
  console.table(rows);
}
