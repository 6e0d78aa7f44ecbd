/**
 * Same run, 127.0.0.1, each server in its own process: the seed endpoint on the mock
 * (authenticated, validated, stateful, paginated: 50 scheduled calls, pageSize 10) vs a bare
 * node:http server answering a fixed JSON of the same size vs Prism's mock on the same spec.
 * Startup is spawn → first HTTP answer (Node's own start included), the median of several spawns;
 * the mock compiles nothing after that (test/compile-once.test.ts). Also timed: the mock given the
 * spec as a file (`--spec`), which parses the YAML and compiles every validator at start.
 * Run with `pnpm --filter @ultravox-api/mock-server bench`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { loadBench } from "./load.js";

/** Paired 1-s slices: this host's speed swings up to 2× for seconds at a time (see README). */
const SLICES = Number(process.env["BENCH_SLICES"] ?? 12);
const SLICE_S = 1;
const CONNECTIONS = 50;
const READY_SPAWNS = 3;
const KEY = "bench-key";
const cli = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));
const prismBin = fileURLToPath(new URL("../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url));
const specFile = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
/**
 * Another build of the mock to compare with in the same run (e.g. a checkout of an older commit):
 * `BENCH_BASELINE_CLI=/path/to/checkout/packages/mock-server/dist/cli.js`. Its slices are interleaved
 * with this build's and bare's, so "after vs before" is measured on the same host minutes.
 */
const baselineCli = process.env["BENCH_BASELINE_CLI"];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/** Spawns a server and polls `probeUrl` until it answers; returns the child and the ms it took. */
async function launch(args: string[], probeUrl: string, headers: Record<string, string>, limitMs: number) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  while (performance.now() - started < limitMs) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr.trim().split("\n").pop() ?? ""}`);
    try {
      const response = await fetch(probeUrl, { headers });
      await response.arrayBuffer();
      return { child, readyMs: performance.now() - started };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  child.kill("SIGTERM");
  throw new Error(`not ready within ${limitMs} ms`);
}

/** Spawn → first answer of `times` fresh processes (start-up is noisier than throughput: take a median). */
async function readySamples(times: number, args: () => Promise<{ args: string[]; probeUrl: string }>, headers: Record<string, string>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const { args: argv, probeUrl } = await args();
    const { child, readyMs } = await launch(argv, probeUrl, headers, 20_000);
    samples.push(readyMs);
    await stop(child);
  }
  return samples;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function warmUp(url: string, headers: Record<string, string>): Promise<Result> {
  // Not measured: every server is past JIT warm-up before its first slice.
  return autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
}

function slice(url: string, headers: Record<string, string>): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SLICE_S, headers });
}

/** A server's figures over its slices: the median of each, so one slow second moves nothing. */
function summary(runs: readonly Result[]): Figures {
  const med = (pick: (run: Result) => number): number => median(runs.map(pick));
  return { rps: med((r) => r.requests.average), p50: med((r) => r.latency.p50), p99: med((r) => r.latency.p99), non2xx: sum(runs, (r) => r.non2xx), errors: sum(runs, (r) => r.errors) };
}

function sum(runs: readonly Result[], pick: (run: Result) => number): number {
  return runs.reduce((total, run) => total + pick(run), 0);
}

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Ratios of a server to bare, slice by slice (each pair ran back to back): their median, min and max. */
interface Ratios {
  readonly rps: number;
  readonly p99: number;
  readonly rpsRange: readonly [number, number];
}

function ratios(runs: readonly Result[], bare: readonly Result[]): Ratios {
  const rps = runs.map((run, i) => run.requests.average / (bare[i]?.requests.average ?? Number.NaN));
  // autocannon counts latency in whole ms: a bare p99 under 1 ms is taken as 1 ms.
  const p99 = runs.map((run, i) => run.latency.p99 / Math.max(1, bare[i]?.latency.p99 ?? Number.NaN));
  return { rps: median(rps), p99: median(p99), rpsRange: [Math.min(...rps), Math.max(...rps)] };
}

interface Row {
  server: string;
  "req/s": number;
  "p50 ms": number;
  "p99 ms": number;
  "req/s vs bare": string;
  "p99 vs bare": string;
  "ready ms": number;
  "ready − bare ms": number;
  "non-2xx": number;
  errors: number;
}

function row(name: string, figures: Figures, readyMs: number, bareReadyMs: number, versus?: Ratios): Row {
  return {
    server: name,
    "req/s": Math.round(figures.rps),
    "p50 ms": Math.round(figures.p50 * 10) / 10,
    "p99 ms": Math.round(figures.p99 * 10) / 10,
    "req/s vs bare": versus === undefined ? "1.00×" : `${versus.rps.toFixed(2)}× (${versus.rpsRange[0].toFixed(2)}–${versus.rpsRange[1].toFixed(2)})`,
    "p99 vs bare": versus === undefined ? "1.00×" : `${versus.p99.toFixed(2)}×`,
    "ready ms": Math.round(readyMs),
    "ready − bare ms": Math.round(readyMs - bareReadyMs),
    "non-2xx": figures.non2xx,
    errors: figures.errors,
  };
}

/** Starts a build of the mock and seeds the story's data (an agent, a batch of 50 calls) through its own API. */
async function seededMock(cliPath: string, headers: Record<string, string>) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const mock = await launch([cliPath, "--port", String(port), "--api-key", KEY, "--seed", "1"], `${base}/api/agents`, headers, 10_000);
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    return (await response.json()) as Record<string, unknown>;
  };
  const agent = await post("/api/agents", { name: "bench" });
  const agentId = String(agent["agentId"]);
  const batch = await post(`/api/agents/${agentId}/scheduled_batches`, {
    calls: Array.from({ length: 50 }, (_v, i) => ({ metadata: { row: String(i) } })),
    webhookUrl: "https://hooks.example.com/calls",
    windowStart: "2099-01-01T00:00:00Z",
  });
  const seedPath = `/api/agents/${agentId}/scheduled_batches/${String(batch["batchId"])}/scheduled_calls?status=FUTURE&pageSize=10`;
  const sample = await (await fetch(`${base}${seedPath}`, { headers })).text();
  return { mock, base, seedPath, sample };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error("build first: pnpm --filter @ultravox-api/mock-server build");
  const headers = { "x-api-key": KEY };

  // The mock, seeded with the story's data through its own API.
  const seeded = await seededMock(cli, headers);
  const { mock, seedPath, sample } = seeded;
  const mockBase = seeded.base;
  const baseline = baselineCli === undefined ? undefined : await seededMock(baselineCli, headers);

  // Bare node:http with a fixed body of the same size.
  const barePort = await freePort();
  const bareCode = `const body = ${JSON.stringify(sample)};
require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); s.end(body); }).listen(${barePort}, "127.0.0.1");`;
  const bare = await launch(["-e", bareCode], `http://127.0.0.1:${barePort}${seedPath}`, headers, 10_000);

  // Paired slices, back to back, the order rotated each time, so a swing of the host's speed hits
  // every side of a round alike; a ratio is the median of the rounds' ratios.
  const mockUrl = `${mockBase}${seedPath}`;
  const bareUrl = `http://127.0.0.1:${barePort}${seedPath}`;
  const baselineUrl = baseline === undefined ? undefined : `${baseline.base}${baseline.seedPath}`;
  await warmUp(mockUrl, headers);
  await warmUp(bareUrl, headers);
  if (baselineUrl !== undefined) await warmUp(baselineUrl, headers);
  const mockRuns: Result[] = [];
  const bareRuns: Result[] = [];
  const baselineRuns: Result[] = [];
  const sides: { url: string; runs: Result[] }[] = [
    { url: mockUrl, runs: mockRuns },
    { url: bareUrl, runs: bareRuns },
    ...(baselineUrl === undefined ? [] : [{ url: baselineUrl, runs: baselineRuns }]),
  ];
  for (let i = 0; i < SLICES; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    const rotated = [...order.slice(i % order.length), ...order.slice(0, i % order.length)];
    for (const side of rotated) side.runs.push(await slice(side.url, headers));
  }
  await stop(mock.child);
  await stop(bare.child);
  if (baseline !== undefined) await stop(baseline.mock.child);
  const mockVsBare = ratios(mockRuns, bareRuns);

  // Start-up again, with fresh processes: the median of the first launch and READY_SPAWNS - 1 more.
  const mockArgs = async () => {
    const port = await freePort();
    return { args: [cli, "--port", String(port), "--api-key", KEY, "--seed", "1"], probeUrl: `http://127.0.0.1:${port}/api/agents` };
  };
  const bareArgs = async () => {
    const port = await freePort();
    return { args: ["-e", bareCode.replace(`.listen(${barePort},`, `.listen(${port},`)], probeUrl: `http://127.0.0.1:${port}/` };
  };
  const mockReadyMs = median([mock.readyMs, ...(await readySamples(READY_SPAWNS - 1, mockArgs, headers))]);
  const baselineReadyMs =
    baseline === undefined || baselineCli === undefined
      ? Number.NaN
      : median([
          baseline.mock.readyMs,
          ...(await readySamples(
            READY_SPAWNS - 1,
            async () => {
              const { args, probeUrl } = await mockArgs();
              return { args: [baselineCli, ...args.slice(1)], probeUrl };
            },
            headers,
          )),
        ]);
  const bareReadyMs = median([bare.readyMs, ...(await readySamples(READY_SPAWNS - 1, bareArgs, headers))]);
  const specReadyMs = existsSync(specFile)
    ? median(
        await readySamples(
          READY_SPAWNS,
          async () => {
            const { args, probeUrl } = await mockArgs();
            return { args: [...args, "--spec", specFile], probeUrl };
          },
          headers,
        ),
      )
    : Number.NaN;

  const rows = [
    row("bare node:http (fixed JSON)", summary(bareRuns), bareReadyMs, bareReadyMs),
    row("@ultravox-api/mock-server", summary(mockRuns), mockReadyMs, bareReadyMs, mockVsBare),
  ];
  const baselineVsBare = baseline === undefined ? undefined : ratios(baselineRuns, bareRuns);
  if (baselineVsBare !== undefined) rows.push(row("baseline build (BENCH_BASELINE_CLI)", summary(baselineRuns), baselineReadyMs, bareReadyMs, baselineVsBare));

  // Prism 5.14 (the last for Node 20) on the same spec; it checks the key header but keeps no state.
  let prismNote = "";
  if (existsSync(prismBin)) {
    const prismPort = await freePort();
    try {
      const prism = await launch(
        [prismBin, "mock", "-h", "127.0.0.1", "-p", String(prismPort), specFile],
        `http://127.0.0.1:${prismPort}${seedPath}`,
        headers,
        60_000,
      );
      // Slow enough that the host's swings do not matter: one 5-s run against bare's median.
      const prismUrl = `http://127.0.0.1:${prismPort}${seedPath}`;
      await warmUp(prismUrl, headers);
      const prismRun = await autocannon({ url: prismUrl, connections: CONNECTIONS, duration: 5, headers });
      await stop(prism.child);
      const prismFigures = summary([prismRun]);
      const bareFigures = summary(bareRuns);
      const rps = prismFigures.rps / bareFigures.rps;
      rows.push(
        row("Prism 5.14.2 mock (stateless)", prismFigures, prism.readyMs, bareReadyMs, {
          rps,
          p99: prismFigures.p99 / Math.max(1, bareFigures.p99),
          rpsRange: [rps, rps],
        }),
      );
    } catch (error) {
      prismNote = `Prism did not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    prismNote = "Prism is not installed (devDependency @stoplight/prism-cli)";
  }

  console.log(
    `\n${CONNECTIONS} connections, 127.0.0.1; mock and bare in ${SLICES} pairs of ${SLICE_S}-s slices back to back (after 2 s of warm-up each): ` +
      `figures are medians over slices, "vs bare" the median of the pairs' ratios (min–max in brackets); Prism one 5-s run; ` +
      `seed endpoint body ${Buffer.byteLength(sample)} bytes; "ready" = spawn → first answer, Node start-up included ` +
      `(median of ${READY_SPAWNS} spawns; Prism: one)\n`,
  );
  console.table(rows);
  if (prismNote !== "") console.log(prismNote);
  console.log(
    `start-up: bundled spec ${Math.round(mockReadyMs)} ms (validators compiled at build); ` +
      `--spec ${specFile.split("/").slice(-2).join("/")} ${Math.round(specReadyMs)} ms (YAML parsed and every validator compiled at start); bare node ${Math.round(bareReadyMs)} ms`,
  );
  const ours = rows[1];
  if (ours !== undefined) {
    const { rps: ratio, p99 } = mockVsBare;
    console.log(
      `goals: req/s ≥ 0.5× bare: ${ratio >= 0.5 ? "met" : "MISSED"} (${ratio.toFixed(2)}×); ` +
        `p99 ≤ 2× bare: ${p99 <= 2 ? "met" : "MISSED"} (${p99.toFixed(2)}×); ready ≤ 1 s: ${mockReadyMs <= 1000 ? "met" : "MISSED"} (${Math.round(mockReadyMs)} ms)`,
    );
  }
  if (baselineVsBare !== undefined) {
    // After vs before, each normalised by bare in its own round first: the host's swings cancel out.
    const afterBefore = ratios(mockRuns, baselineRuns);
    console.log(
      `after vs baseline (same run, ${SLICES} rounds): req/s ${afterBefore.rps.toFixed(3)}× (rounds ${afterBefore.rpsRange[0].toFixed(2)}–${afterBefore.rpsRange[1].toFixed(2)}), ` +
        `vs bare ${mockVsBare.rps.toFixed(3)}× against ${baselineVsBare.rps.toFixed(3)}×; p99 vs bare ${mockVsBare.p99.toFixed(2)}× against ${baselineVsBare.p99.toFixed(2)}×; ` +
        `ready ${Math.round(mockReadyMs)} ms against ${Math.round(baselineReadyMs)} ms; within 5%: ${afterBefore.rps >= 0.95 && mockReadyMs <= baselineReadyMs * 1.05 ? "yes" : "NO"}`,
    );
  }
}

await main();
// Issue 6: 50 concurrent clients creating batches and listing scheduled calls (bench/load.ts).
await loadBench();
