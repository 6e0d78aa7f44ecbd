// pnpm --filter @ultravox-api/client bench: request overhead, bundle size and type-check time, each
// against its baseline measured in the same run. Bounded: a few seconds per section.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { paths } from "@ultravox-api/types";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createUltravoxClient } from "@ultravox-api/client";
import { validation } from "./validate.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function requests(): Promise<void> {
  const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
  const ROUNDS = 41;
  const samples: Record<string, number[]> = {};
  const ratios: Record<string, number[]> = {};
  const names = Object.keys(contenders);
  for (const run of Object.values(contenders)) for (let i = 0; i < 200; i++) await run(); // warm-up
  // Interleaved rounds, the order reversed every other round, and each contender compared with bare
  // openapi-fetch within its round: drift (GC, CPU frequency, neighbours) and position hit all alike.
  for (let round = 0; round < ROUNDS; round++) {
    const times: Record<string, number> = {};
    for (const name of round % 2 ? [...names].reverse() : names) {
      const run = contenders[name];
      if (run === undefined) continue;
      const start = performance.now();
      for (let i = 0; i < N; i++) await run();
      times[name] = performance.now() - start;
    }
    for (const name of names) {
      const ms = times[name] ?? NaN;
      (samples[name] ??= []).push((N * 1000) / ms);
      (ratios[name] ??= []).push((times["bare openapi-fetch"] ?? NaN) / ms);
    }
  }
  server.close();
  const rawOps = median(samples["raw fetch"] ?? []);
  console.log(`\n(1) ${N} sequential GETs to a local node:http server, ${ROUNDS} interleaved rounds (median ops/s; median of per-round ratios)`);
  console.table(
    Object.entries(samples).map(([name, values]) => ({
      contender: name,
      "ops/s": Math.round(median(values)),
      "× raw fetch": round(median(values) / rawOps),
      "× bare openapi-fetch": round(median(ratios[name] ?? [])),
    })),
  );
  console.log("goal: ours ≥ 0.95× bare openapi-fetch");
}

/** CPU cost of the layer alone: every client answered by the same in-memory fetch, so no socket noise. */
async function overhead(): Promise<void> {
  const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
  const fetch = (): Promise<Response> =>
    Promise.resolve(new Response(body, { headers: { "content-type": "application/json", "content-length": String(body.length) } }));
  const baseUrl = "https://api.ultravox.ai";
  const bare = createClient<paths>({ baseUrl, headers: { "X-API-Key": "key" }, fetch });
  const ours = createUltravoxClient({ apiKey: "key", baseUrl, fetch, timeoutMs: 30_000 });
  const contenders: Record<string, () => Promise<unknown>> = {
    "bare openapi-fetch": () => bare.GET("/api/calls"),
    "ours (auth+retry+timeout)": () => ours.GET("/api/calls"),
    // What every call would pay without the marked Request: listening to the caller's signal.
    "bare, call with a signal": () => bare.GET("/api/calls", { signal: new AbortController().signal }),
    "ours, call with a signal": () => ours.GET("/api/calls", { signal: new AbortController().signal }),
  };
  const N = 1000;
  const ROUNDS = 15;
  const names = Object.keys(contenders);
  const ratios: Record<string, number[]> = {};
  for (const run of Object.values(contenders)) for (let i = 0; i < 300; i++) await run(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const times: Record<string, number> = {};
    for (const name of round % 2 ? [...names].reverse() : names) {
      const run = contenders[name];
      if (run === undefined) continue;
      const start = performance.now();
      for (let i = 0; i < N; i++) await run();
      times[name] = performance.now() - start;
    }
    for (const name of names) (ratios[name] ??= []).push((times["bare openapi-fetch"] ?? NaN) / (times[name] ?? NaN));
  }
  console.log(`\n(1b) ${N} GETs answered by an in-memory fetch (the layer's CPU cost alone), ${ROUNDS} interleaved rounds`);
  console.table(names.map((name) => ({ contender: name, "× bare openapi-fetch": round(median(ratios[name] ?? [])) })));
}

async function bundle(): Promise<void> {
  const rows = [];
  for (const [name, file] of [
    ["bare openapi-fetch", "fixtures/one-call-bare.ts"],
    ["ours, unwrap (throws typed HTTP errors)", "fixtures/one-call-ours.ts"],
    ["ours, { data, error } (no HTTP error classes)", "fixtures/one-call-ours-result.ts"],
  ] as const) {
    const result = await build({
      entryPoints: [here(file)],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "error",
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    rows.push({ program: name, "min bytes": code.length, "gzip kB": round(gzipSync(code, { level: 9 }).length / 1000) });
  }
  const base = rows[0]?.["gzip kB"] ?? NaN;
  console.log("\n(2) one-call program: esbuild --bundle --minify --format=esm --platform=browser, then gzip -9");
  console.table(rows.map((row) => ({ ...row, "× bare": round(row["gzip kB"] / base) })));
  console.log("goal: { data, error } ≤ 4.3 kB gzip, with unwrap ≤ 4.9 kB");
}

/**
 * `BENCH_BASELINE_CLIENT=/path/to/checkout/packages/client` (built) adds its consumer-ours.ts as a row:
 * the same consumer against another build, in the same interleaved rounds (before/after a type change).
 */
async function baselineConsumer(): Promise<string | undefined> {
  const baseline = process.env["BENCH_BASELINE_CLIENT"];
  if (baseline === undefined || baseline === "") return undefined;
  const dir = await mkdtemp(join(tmpdir(), "uvx-client-baseline-"));
  await mkdir(join(dir, "node_modules", "@ultravox-api"), { recursive: true });
  await symlink(resolve(baseline), join(dir, "node_modules", "@ultravox-api", "client"), "dir");
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  await copyFile(here("fixtures/consumer-ours.ts"), join(dir, "consumer-ours.ts"));
  return join(dir, "consumer-ours.ts");
}

async function typecheck(): Promise<void> {
  const tsc = fileURLToPath(import.meta.resolve("typescript/bin/tsc"));
  const time = async (file: string): Promise<number> => {
    const start = performance.now();
    // The strict flags of tsconfig.base.json, on one file, no project: what a consumer's editor pays.
    await promisify(execFile)(process.execPath, [
      tsc,
      "--noEmit",
      "--strict",
      "--skipLibCheck",
      "--exactOptionalPropertyTypes",
      "--noUncheckedIndexedAccess",
      "--module",
      "nodenext",
      "--target",
      "es2022",
      "--lib",
      "es2023,dom",
      file,
    ]);
    return performance.now() - start;
  };
  const baseline = await baselineConsumer();
  const runs: Record<string, number[]> = { "bare openapi-fetch + types": [], ours: [] };
  if (baseline !== undefined) runs["ours, baseline build (BENCH_BASELINE_CLIENT)"] = [];
  for (let i = 0; i < 3; i++) {
    runs["bare openapi-fetch + types"]?.push(await time(here("fixtures/consumer-bare.ts")));
    runs["ours"]?.push(await time(here("fixtures/consumer-ours.ts")));
    if (baseline !== undefined) runs["ours, baseline build (BENCH_BASELINE_CLIENT)"]?.push(await time(baseline));
  }
  if (baseline !== undefined) await rm(dirname(baseline), { recursive: true, force: true });
  const base = median(runs["bare openapi-fetch + types"] ?? []);
  console.log("\n(3) tsc --noEmit of a small strict consumer, median of 3 interleaved runs");
  console.table(
    Object.entries(runs).map(([name, values]) => ({ consumer: name, "ms": Math.round(median(values)), "× bare": round(median(values) / base) })),
  );
  console.log("goal: ours ≤ 1.1× bare");
}

await requests();
await overhead();
await bundle();
await typecheck();
await validation();
