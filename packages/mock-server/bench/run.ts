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

const DURATION_S = Number(process.env["BENCH_DURATION"] ?? 5);
const CONNECTIONS = 50;
const ROUNDS = 2;
const READY_SPAWNS = 3;
const KEY = "bench-key";
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const prismBin = fileURLToPath(new URL("../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url));
const specFile = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));

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

/** One second of the same load first (not measured) so every server is past JIT warm-up. */
/** Means of the measured figures over rounds. */
function mean(runs: readonly Result[]): Result {
  const avg = (pick: (run: Result) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    requests: { average: avg((r) => r.requests.average), p50: avg((r) => r.requests.p50), p99: avg((r) => r.requests.p99), total: avg((r) => r.requests.total) },
    latency: { average: avg((r) => r.latency.average), p50: avg((r) => r.latency.p50), p99: avg((r) => r.latency.p99) },
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  };
}

async function load(url: string, headers: Record<string, string>): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
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

function row(name: string, result: Result, readyMs: number, bareReadyMs: number, bare?: Result): Row {
  return {
    server: name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": Math.round(result.latency.p50 * 10) / 10,
    "p99 ms": Math.round(result.latency.p99 * 10) / 10,
    "req/s vs bare": bare === undefined ? "1.00×" : `${(result.requests.average / bare.requests.average).toFixed(3)}×`,
    "p99 vs bare": bare === undefined ? "1.00×" : `${(result.latency.p99 / Math.max(1, bare.latency.p99)).toFixed(2)}×`,
    "ready ms": Math.round(readyMs),
    "ready − bare ms": Math.round(readyMs - bareReadyMs),
    "non-2xx": result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error("build first: pnpm --filter @ultravox-api/mock-server build");
  const headers = { "x-api-key": KEY };

  // The mock, seeded with the story's data through its own API.
  const mockPort = await freePort();
  const mockBase = `http://127.0.0.1:${mockPort}`;
  const mock = await launch([cli, "--port", String(mockPort), "--api-key", KEY, "--seed", "1"], `${mockBase}/api/agents`, headers, 10_000);
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${mockBase}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
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
  const sample = await (await fetch(`${mockBase}${seedPath}`, { headers })).text();

  // Bare node:http with a fixed body of the same size.
  const barePort = await freePort();
  const bareCode = `const body = ${JSON.stringify(sample)};
require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); s.end(body); }).listen(${barePort}, "127.0.0.1");`;
  const bare = await launch(["-e", bareCode], `http://127.0.0.1:${barePort}${seedPath}`, headers, 10_000);

  // Alternated (mock, bare, mock, bare) so that background load drifts hit both alike.
  const mockRuns: Result[] = [];
  const bareRuns: Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    mockRuns.push(await load(`${mockBase}${seedPath}`, headers));
    bareRuns.push(await load(`http://127.0.0.1:${barePort}${seedPath}`, headers));
  }
  await stop(mock.child);
  await stop(bare.child);
  const mockResult = mean(mockRuns);
  const bareResult = mean(bareRuns);

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
    row("bare node:http (fixed JSON)", bareResult, bareReadyMs, bareReadyMs),
    row("@ultravox-api/mock-server", mockResult, mockReadyMs, bareReadyMs, bareResult),
  ];

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
      const prismResult = await load(`http://127.0.0.1:${prismPort}${seedPath}`, headers);
      await stop(prism.child);
      rows.push(row("Prism 5.14.2 mock (stateless)", prismResult, prism.readyMs, bareReadyMs, bareResult));
    } catch (error) {
      prismNote = `Prism did not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    prismNote = "Prism is not installed (devDependency @stoplight/prism-cli)";
  }

  console.log(
    `\n${CONNECTIONS} connections, ${DURATION_S} s per run after 1 s warm-up, mock and bare alternated ${ROUNDS}× (means), ` +
      `127.0.0.1; seed endpoint body ${Buffer.byteLength(sample)} bytes; "ready" = spawn → first answer, Node start-up included ` +
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
    const ratio = mockResult.requests.average / bareResult.requests.average;
    const p99 = mockResult.latency.p99 / Math.max(1, bareResult.latency.p99);
    console.log(
      `goals: req/s ≥ 0.5× bare: ${ratio >= 0.5 ? "met" : "MISSED"} (${ratio.toFixed(2)}×); ` +
        `p99 ≤ 2× bare: ${p99 <= 2 ? "met" : "MISSED"} (${p99.toFixed(2)}×); ready ≤ 1 s: ${mockReadyMs <= 1000 ? "met" : "MISSED"} (${Math.round(mockReadyMs)} ms)`,
    );
  }
}

await main();
// Issue 6: 50 concurrent clients creating batches and listing scheduled calls (bench/load.ts).
await loadBench();
