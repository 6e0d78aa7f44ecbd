// Benchmarks for @ultravox-api/pagination; every baseline is measured in the same run.
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { setTimeout as sleep } from "node:timers/promises";
import createClient from "openapi-fetch";
import type { Client } from "openapi-fetch";
import { paginate, pages } from "@ultravox-api/pagination";
import type { paths } from "@ultravox-api/types";

const SEED = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const params = { path: { agent_id: "agent-1", batch_id: "batch-1" } };

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

async function startServer(items: number, latencyMs: number): Promise<Server> {
  const child = fork(fileURLToPath(new URL("./list-server.ts", import.meta.url)), [String(items), String(latencyMs)], {
    execArgv: process.execArgv,
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => {
      resolve((m as { port: number }).port);
    });
    child.once("error", reject);
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function stop(server: Server): void {
  server.child.disconnect();
}

async function handLoop(client: Client<paths>, pageSize: number): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (;;) {
    const { data, error } = await client.GET(SEED, { params: { ...params, query: { pageSize, ...(cursor === undefined ? {} : { cursor }) } } });
    if (error !== undefined) throw new Error("hand loop: request failed");
    for (const item of data.results) if (item.callId !== null) count += 1;
    if (data.next == null) return count;
    cursor = new URL(data.next).searchParams.get("cursor") ?? undefined;
  }
}

async function paginateLoop(client: Client<paths>, pageSize: number, prefetch = false): Promise<number> {
  let count = 0;
  for await (const item of paginate(client, SEED, { params }, { pageSize, prefetch })) if (item.callId !== null) count += 1;
  return count;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * q)] ?? Number.NaN;
}

const median = (xs: number[]): number => quantile(xs, 0.5);

async function time(fn: () => Promise<number>, expected: number): Promise<number> {
  const start = performance.now();
  const n = await fn();
  const ms = performance.now() - start;
  if (n !== expected) throw new Error(`bench: walked ${n} items, expected ${expected}`);
  return ms;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

async function pagesLoop(client: Client<paths>, pageSize: number): Promise<number> {
  let count = 0;
  for await (const page of pages(client, SEED, { params }, { pageSize })) {
    for (const item of page.items) if (item.callId !== null) count += 1;
  }
  return count;
}

/** Answers from memory: isolates the CPU cost of the walk (and openapi-fetch) from socket noise. */
function inMemoryClient(items: number, pageSize: number): Client<paths> {
  const bodies = new Map<string | null, string>();
  const link = (o: number): string => `http://127.0.0.1/x?cursor=o${o}&pageSize=${pageSize}`;
  for (let o = 0; o < items; o += pageSize) {
    const results = [];
    for (let i = o; i < Math.min(o + pageSize, items); i += 1) {
      results.push({ status: "SUCCESS", batchId: "batch-1", callId: `call-${i}`, error: null, metadata: { n: String(i) } });
    }
    const next = o + pageSize < items ? link(o + pageSize) : null;
    bodies.set(o === 0 ? null : `o${o}`, JSON.stringify({ results, next, previous: o > 0 ? link(o - pageSize) : null, total: items }));
  }
  return createClient<paths>({
    baseUrl: "http://127.0.0.1",
    fetch: (request) => {
      const body = bodies.get(new URL(request.url).searchParams.get("cursor")) ?? "{}";
      return Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } }));
    },
  });
}

async function throughput(inMemory: boolean): Promise<Record<string, string | number>[]> {
  const items = 10_000;
  const server = inMemory ? undefined : await startServer(items, 0);
  const client = server === undefined ? inMemoryClient(items, 100) : createClient<paths>({ baseUrl: server.url });
  const variants = [
    { name: "hand-written loop (baseline)", run: () => handLoop(client, 100), ms: [] as number[] },
    { name: "pages()", run: () => pagesLoop(client, 100), ms: [] as number[] },
    { name: "paginate()", run: () => paginateLoop(client, 100), ms: [] as number[] },
  ];
  // Every order of the three variants in turn, so drift (JIT, GC, CPU frequency, neighbours on the machine)
  // hits all sides alike; the first rounds only warm up.
  const orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2], [2, 1, 0]];
  for (let round = 0; round < 66; round += 1) {
    for (const i of orders[round % orders.length] ?? []) {
      const variant = variants[i];
      if (variant === undefined) continue;
      const ms = await time(variant.run, items);
      if (round >= 6) variant.ms.push(ms);
    }
  }
  if (server !== undefined) stop(server);
  const baseline = median(variants[0]?.ms ?? []);
  return variants.map((v, i) => {
    const ms = median(v.ms);
    const ratio = `${(baseline / ms).toFixed(2)}x`;
    return {
      scenario: inMemory ? "10k items / 100 pages, in-memory fetch" : "10k items / 100 pages, node:http",
      variant: v.name,
      "median ms": +ms.toFixed(1),
      "p10 ms": +quantile(v.ms, 0.1).toFixed(1),
      "items/s": Math.round(items / (ms / 1000)),
      ratio: i === 0 ? "1.00x" : `${ratio} (goal >= 0.95x)`,
    };
  });
}

async function prefetchGain(): Promise<Record<string, string | number>[]> {
  const latency = 20;
  const pageCount = 40;
  const server = await startServer(pageCount * 100, latency);
  const client = createClient<paths>({ baseUrl: server.url });
  const run = async (prefetch: boolean): Promise<number> => {
    const start = performance.now();
    let n = 0;
    for await (const page of pages(client, SEED, { params }, { pageSize: 100, prefetch })) {
      n += page.items.length;
      // Consumer work per page as long as the page latency (async I/O, e.g. writing the page to a database).
      await sleep(latency);
    }
    if (n !== pageCount * 100) throw new Error("bench: prefetch walk lost items");
    return performance.now() - start;
  };
  const none: number[] = [];
  const pre: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    none.push(await run(false));
    pre.push(await run(true));
  }
  stop(server);
  return [
    { scenario: `${pageCount} pages, ${latency} ms latency + ${latency} ms work/page`, variant: "no prefetch (baseline)", "median ms": +median(none).toFixed(1), "items/s": Math.round((pageCount * 100) / (median(none) / 1000)), ratio: "1.00x" },
    { scenario: `${pageCount} pages, ${latency} ms latency + ${latency} ms work/page`, variant: "prefetch: true", "median ms": +median(pre).toFixed(1), "items/s": Math.round((pageCount * 100) / (median(pre) / 1000)), ratio: `${(median(none) / median(pre)).toFixed(2)}x faster (goal >= 1.6x)` },
  ];
}

// A GC handle so heap figures are live data, not garbage waiting for collection.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

async function* handItems(client: Client<paths>, pageSize: number): AsyncGenerator<{ callId: string | null }> {
  let cursor: string | undefined;
  for (;;) {
    const { data, error } = await client.GET(SEED, { params: { ...params, query: { pageSize, ...(cursor === undefined ? {} : { cursor }) } } });
    if (error !== undefined) throw new Error("hand loop: request failed");
    yield* data.results;
    if (data.next == null) return;
    cursor = new URL(data.next).searchParams.get("cursor") ?? undefined;
  }
}

async function memory(variant: "hand-written loop" | "paginate()"): Promise<Record<string, string | number>[]> {
  const items = 100_000;
  const server = await startServer(items, 0);
  const client = createClient<paths>({ baseUrl: server.url });
  const scenario = `${variant} over 100k items, pageSize 100`;
  const rows: Record<string, string | number>[] = [];
  collectGarbage();
  const before = process.memoryUsage();
  rows.push({ scenario, variant: "before the walk", "RSS MB": mb(before.rss), "peak RSS MB": "", "heap after GC MB": mb(before.heapUsed), "heap vs start": "" });
  // Peak during the walk only (sampled every 100 items), not the process's earlier high-water mark.
  let peak = 0;
  let n = 0;
  const checkpoints = new Set([1_000, 10_000, 50_000, 100_000]);
  const walk = variant === "paginate()" ? paginate(client, SEED, { params }, { pageSize: 100 }) : handItems(client, 100);
  for await (const item of walk) {
    if (item.callId !== null) n += 1;
    if (n % 100 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (checkpoints.has(n)) {
      collectGarbage();
      const now = process.memoryUsage();
      rows.push({
        scenario,
        variant: `after ${n} items`,
        "RSS MB": mb(now.rss),
        "peak RSS MB": mb(peak),
        "heap after GC MB": mb(now.heapUsed),
        "heap vs start": `${now.heapUsed >= before.heapUsed ? "+" : ""}${mb(now.heapUsed - before.heapUsed)} MB`,
      });
    }
  }
  stop(server);
  if (n !== items) throw new Error("bench: memory walk lost items");
  return rows;
}

const started = performance.now();
console.log("Throughput: paginate() and pages() vs a hand-written loop over the same client and server");
console.table(await throughput(false));
console.log("Same, with an in-memory fetch: the CPU cost of the walk itself, without socket noise");
console.table(await throughput(true));
console.log("Prefetch: wall time with consumer work per page equal to page latency");
console.table(await prefetchGain());
console.log("Memory while walking 100 000 items: live heap should stay flat (O(page size)); RSS is printed as measured");
console.table([...(await memory("paginate()")), ...(await memory("hand-written loop"))]);
console.log(`bench done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
