// pnpm --filter @ultravox-api/client bench: request overhead, bundle size and type-check time, each
// against its baseline measured in the same run. Bounded: a few seconds per section.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { paths } from "@ultravox-api/types";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type * as Client from "@ultravox-api/client";
import { bundleBreakdown, type ModuleBytes } from "./bundle-breakdown.js";
import type { SequentialGetsResult } from "./sequential-gets.js";
import { interleavedRounds } from "./interleaved-rounds.js";
import { shipped } from "./shipped.js";
import { validation } from "./validate.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/**
 * Section (1) runs in child processes (bench/sequential-gets.ts): one for a plain program, one for a program
 * that has also imported the validate and webhooks entries (drift detection off), so neither is measured in
 * a process that loaded the other's modules. Each child compares its contenders with bare openapi-fetch
 * within its own rounds; the two children alternate, twice each.
 */
async function requests(): Promise<void> {
  const child = async (withEntries: boolean): Promise<SequentialGetsResult> => {
    const args = [...process.execArgv, here("sequential-gets.ts"), ...(withEntries ? ["--with-entries"] : [])];
    const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as SequentialGetsResult;
  };
  const runs: Record<"plain" | "entries", SequentialGetsResult[]> = { plain: [], entries: [] };
  for (let i = 0; i < 2; i++) {
    runs.plain.push(await child(false));
    runs.entries.push(await child(true));
  }
  const first = runs.plain[0];
  if (first === undefined) return;
  console.log(
    `\n(1) ${first.n} sequential GETs to a local node:http server, ${first.rounds} interleaved rounds per process, 2 processes per program (median ops/s; median of per-round ratios)`,
  );
  const rows = [];
  for (const [program, results] of [
    ["plain", runs.plain],
    ["+ validate, webhooks imported", runs.entries],
  ] as const) {
    for (const contender of Object.keys(first.opsPerSecond)) {
      if (program !== "plain" && !contender.startsWith("ours")) continue;
      const ops = results.flatMap((result) => result.opsPerSecond[contender] ?? []);
      const ratios = results.flatMap((result) => result.vsBare[contender] ?? []);
      const raw = results.flatMap((result) => result.opsPerSecond["raw fetch"] ?? []);
      rows.push({
        program,
        contender,
        "ops/s": Math.round(median(ops)),
        "× raw fetch": round(median(ops) / median(raw)),
        "× bare openapi-fetch": round(median(ratios)),
      });
    }
  }
  console.table(rows);
  console.log("goal: ours ≥ 0.95× bare openapi-fetch, with and without the new entries imported (drift detection on: section 4)");
}

/** CPU cost of the layer alone: every client answered by the same in-memory fetch, so no socket noise. */
async function overhead(): Promise<void> {
  const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
  const fetch = (): Promise<Response> =>
    Promise.resolve(new Response(body, { headers: { "content-type": "application/json", "content-length": String(body.length) } }));
  const baseUrl = "https://api.ultravox.ai";
  const { createUltravoxClient } = await shipped<typeof Client>("index.js");
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
  const times = await interleavedRounds(contenders, { n: N, rounds: ROUNDS, warmUp: 300 });
  const bareTimes = times["bare openapi-fetch"] ?? [];
  const ratios = Object.fromEntries(names.map((name) => [name, (times[name] ?? []).map((ms, i) => (bareTimes[i] ?? NaN) / ms)]));
  console.log(`\n(1b) ${N} GETs answered by an in-memory fetch (the layer's CPU cost alone), ${ROUNDS} interleaved rounds`);
  console.table(names.map((name) => ({ contender: name, "× bare openapi-fetch": round(median(ratios[name] ?? [])) })));
}

async function bundle(): Promise<void> {
  const rows = [];
  const breakdowns: ModuleBytes[][] = [];
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
      // The map only attributes bytes to modules (2b); the measured code is the .js alone.
      sourcemap: "external",
      outfile: "one-call.js",
      // The source's `#platform` import, as package.json `imports` maps it for a browser build (their
      // targets are in dist/; the rest of the program comes from src/ through tsconfig.json paths).
      plugins: [
        {
          name: "platform-source",
          setup: (b) => {
            b.onResolve({ filter: /^#platform$/ }, () => ({ path: here("../src/internal/platform-browser.ts") }));
          },
        },
      ],
    });
    const js = result.outputFiles.find((output) => output.path.endsWith(".js"));
    const map = result.outputFiles.find((output) => output.path.endsWith(".map"));
    const code = js?.contents ?? new Uint8Array();
    rows.push({ program: name, "min bytes": code.length, "gzip kB": round(gzipSync(code, { level: 9 }).length / 1000) });
    breakdowns.push(js && map ? bundleBreakdown(js.text, JSON.parse(map.text) as { sources: string[]; mappings: string }) : []);
  }
  const base = rows[0]?.["gzip kB"] ?? NaN;
  console.log("\n(2) one-call program: esbuild --bundle --minify --format=esm --platform=browser, then gzip -9");
  console.table(rows.map((row) => ({ ...row, "× bare": round(row["gzip kB"] / base) })));
  console.log("goal: { data, error } ≤ 4.3 kB gzip, with unwrap ≤ 4.9 kB");
  const [, withUnwrap = [], result = []] = breakdowns;
  const inResult = new Set(result.map((row) => row.module));
  console.log("\n(2b) where the { data, error } program's bytes go (gzip marginal: its gzip size minus that without the module)");
  console.table(result);
  console.log("…and what unwrap adds to it");
  console.table(withUnwrap.filter((row) => !inResult.has(row.module)));
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
            here(file),
    ]);
    return performance.now() - start;
  };
  const runs: Record<string, number[]> = { "bare openapi-fetch + types": [], ours: [] };
  for (let i = 0; i < 3; i++) {
    runs["bare openapi-fetch + types"]?.push(await time("fixtures/consumer-bare.ts"));
    runs["ours"]?.push(await time("fixtures/consumer-ours.ts"));
  }
  const base = median(runs["bare openapi-fetch + types"] ?? []);
  console.log("\n(3) tsc --noEmit of a small strict consumer, median of 3 interleaved runs");
  console.table(
    Object.entries(runs).map(([name, values]) => ({ consumer: name, "ms": Math.round(median(values)), "× bare": round(median(values) / base) })),
  );
  console.log("goal: ours ≤ 1.1× bare");
}

// BENCH_ONLY=1,1b picks sections (e.g. to repeat the request sections alone); default: all.
const only = process.env["BENCH_ONLY"]?.split(",");
const sections: Record<string, () => Promise<void>> = { "1": requests, "1b": overhead, "2": bundle, "3": typecheck, "4": validation };
for (const [name, section] of Object.entries(sections)) if (!only || only.includes(name)) await section();
