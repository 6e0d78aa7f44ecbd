/**
 * Benchmarks for issue 2, printed as a table; ratios use a baseline measured in the same run.
 *  1. our `generate` step vs the bare openapi-typescript CLI on the same spec (whole processes);
 *  2. cold `pnpm build` (turbo --force) vs warm (turbo cache hit) on an unchanged spec;
 *  3. `tsc --noEmit` of a small strict consumer of the types (absolute, for later comparison).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
const root = resolve(here, "../..");
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), "uvx-types-bench-"));
const spec = join(root, "spec", "openapi.yaml");
const ourCli = join(root, "scripts", "dist", "generate-types-cli.js");
const bareCli = join(resolve(require.resolve("openapi-typescript", { paths: [join(root, "scripts")] }), "../.."), "bin", "cli.js");
const tscBin = require.resolve("typescript/bin/tsc");
const turboBin = join(root, "node_modules", ".bin", "turbo");

function time(cmd: string, args: string[], cwd = root): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const rows: { benchmark: string; baseline: string; "baseline ms": number; ours: string; "ours ms": number; ratio: string; goal: string }[] = [];

// 1. Generate: alternate runs so that both see the same machine load.
const runs = 5;
const bare: number[] = [];
const ours: number[] = [];
time(process.execPath, [ourCli, "--out", join(tmp, "warmup.ts")], here); // ensures spec/openapi.yaml exists
for (let i = 0; i < runs; i++) {
  bare.push(time(process.execPath, [bareCli, spec, "--read-write-markers", "-o", join(tmp, `bare-${i}.ts`)]));
  ours.push(time(process.execPath, [ourCli, "--out", join(tmp, `ours-${i}.ts`)], here));
}
rows.push({
  benchmark: `generate types (median of ${runs} processes)`,
  baseline: "openapi-typescript CLI",
  "baseline ms": Math.round(median(bare)),
  ours: "pnpm generate (ensure lock + codegen)",
  "ours ms": Math.round(median(ours)),
  ratio: `${(median(ours) / median(bare)).toFixed(2)}×`,
  goal: "≤ 1.10×",
});

// 2. Build: cold forces every task to run; warm must be a full turbo cache hit.
// BENCH_BUILD_FILTER (e.g. "@ultravox-api/types...") narrows the build to part of the graph.
const filter = process.env["BENCH_BUILD_FILTER"];
const turbo = (extra: string[]) =>
  time(turboBin, ["run", "build", "--output-logs=none", ...(filter ? [`--filter=${filter}`] : []), ...extra]);
const cold = turbo(["--force"]);
const warm = median([turbo([]), turbo([]), turbo([])]);
rows.push({
  benchmark: `pnpm build, unchanged spec${filter ? ` (${filter})` : ""}`,
  baseline: "cold (turbo --force)",
  "baseline ms": Math.round(cold),
  ours: "warm (turbo cache)",
  "ours ms": Math.round(warm),
  ratio: `${(cold / warm).toFixed(1)}× faster`,
  goal: "full turbo cache hit",
});

// 3. A small strict consumer file.
writeFileSync(join(tmp, "package.json"), JSON.stringify({ type: "module" }));
writeFileSync(
  join(tmp, "consumer.ts"),
  `import type { Schema, SchemaInput, PaginatedItem, ResponseOf } from "${join(here, "dist", "index.js")}";
export function describe(call: Schema<"ScheduledCall">): string { return call.status + (call.callId ?? ""); }
export const body: SchemaInput<"ScheduledCallBatch"> = { calls: [] };
export type Item = PaginatedItem<"/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls">;
export type Page = ResponseOf<"agents_scheduled_batches_scheduled_calls_list">;
`,
);
writeFileSync(
  join(tmp, "tsconfig.json"),
  JSON.stringify({ extends: join(root, "tsconfig.base.json"), compilerOptions: { noEmit: true, types: [] }, files: ["consumer.ts"] }),
);
const tsc = median([0, 1, 2].map(() => time(process.execPath, [tscBin, "-p", join(tmp, "tsconfig.json")], tmp)));
rows.push({
  benchmark: "tsc --noEmit, small strict consumer",
  baseline: "-",
  "baseline ms": 0,
  ours: "consumer of @ultravox-api/types",
  "ours ms": Math.round(tsc),
  ratio: "absolute",
  goal: "for later comparison",
});

rmSync(tmp, { recursive: true, force: true });
console.log("\n@ultravox-api/types benchmarks\n");
console.table(rows);
