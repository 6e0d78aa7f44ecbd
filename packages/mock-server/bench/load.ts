/**
 * Load: 50 concurrent clients creating scheduled batches and listing their scheduled calls for
 * 10 s against the mock (its own process, 127.0.0.1, rate limits on: 100/s per key, lower than
 * the documented 200 so the limit is reached on any machine, and the documented 500/s per account;
 * one key shared by the 50 clients). A client that gets 429 waits
 * Retry-After as a real one would. Afterwards every batch is walked again: every created
 * scheduled call must be listed exactly once. Baseline in the same run: the same load with rate
 * limits off. Run alone with `tsx bench/load.ts`, or from bench/run.ts.
 */
import { fileURLToPath } from "node:url";
import { startListeningProcess, type ListeningProcess } from "@ultravox-api/test-support/listening-process";

const cli = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));
// One key shared by all clients, so the per-key limit (200/s) is what the load runs into.
const KEYS = ["loadaaaa.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"];

export interface LoadOptions {
  readonly clients?: number;
  readonly durationMs?: number;
  /** Requests per second per key, or null for no rate limits. */
  readonly perKey?: number | null;
}

interface Created {
  readonly key: string;
  readonly agentId: string;
  readonly batchId: string;
  readonly calls: number;
  readonly tags: readonly string[];
}

export interface LoadResult {
  readonly name: string;
  readonly durationS: number;
  readonly requests: number;
  readonly reqPerS: number;
  readonly batches: number;
  readonly calls: number;
  readonly pages: number;
  readonly throttled: number;
  readonly errors: number;
  readonly createP50Ms: number;
  readonly createP99Ms: number;
  readonly readP50Ms: number;
  readonly readP99Ms: number;
  readonly verifiedCalls: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly firstError: string;
}

async function startMock(perKey: number | null): Promise<ListeningProcess> {
  const limits = perKey === null ? [] : ["--rate-limits", "--rate-limit-per-key", String(perKey)];
  return startListeningProcess([cli, "--port", "0", "--seed", "load", ...KEYS.flatMap((key) => ["--api-key", key]), ...limits]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;
}

class Stats {
  requests = 0;
  throttled = 0;
  errors = 0;
  firstError = "";
  readonly createMs: number[] = [];
  readonly pageMs: number[] = [];

  error(message: string): void {
    this.errors++;
    if (this.firstError === "") this.firstError = message;
  }
}

/** One request; on 429 waits Retry-After and tries again. Returns the JSON body and status. */
async function request(stats: Stats, url: string, key: string, init: RequestInit = {}, timings?: number[]): Promise<{ status: number; body: unknown }> {
  for (;;) {
    const started = performance.now();
    const response = await fetch(url, { ...init, headers: { "X-API-Key": key, "Content-Type": "application/json" } });
    const body = (await response.json().catch(() => null)) as unknown;
    stats.requests++;
    if (response.status !== 429) {
      timings?.push(performance.now() - started);
      return { status: response.status, body };
    }
    stats.throttled++;
    await sleep(Number(response.headers.get("retry-after") ?? "1") * 1000);
  }
}

/** Every scheduled call id of a batch, across all pages (pageSize 10). */
async function listAll(stats: Stats, base: string, batch: Created, timings?: number[]): Promise<string[] | undefined> {
  const ids: string[] = [];
  let next: string | null = `${base}/api/agents/${batch.agentId}/scheduled_batches/${batch.batchId}/scheduled_calls?pageSize=10`;
  while (next !== null) {
    const page = await request(stats, next, batch.key, {}, timings);
    if (page.status !== 200) {
      stats.error(`list answered ${page.status}`);
      return undefined;
    }
    const body = page.body as { results: { metadata?: { tag?: string } | null }[]; next: string | null };
    for (const call of body.results) ids.push(call.metadata?.tag ?? "(untagged)");
    next = body.next;
  }
  return ids;
}

export async function runLoad(name: string, options: LoadOptions = {}): Promise<LoadResult> {
  const clients = options.clients ?? 50;
  const durationMs = options.durationMs ?? 10_000;
  const mock = await startMock(options.perKey ?? null);
  const { url } = mock;
  const stats = new Stats();
  const created: Created[] = [];
  let pages = 0;
  try {
    const agents = new Map<string, string>();
    for (const key of KEYS) {
      const agent = await request(stats, `${url}/api/agents`, key, { method: "POST", body: JSON.stringify({ name: "load" }) });
      agents.set(key, (agent.body as { agentId: string }).agentId);
    }
    const started = performance.now();
    const deadline = started + durationMs;
    const worker = async (w: number): Promise<void> => {
      const key = KEYS[w % KEYS.length] ?? "";
      const agentId = agents.get(key) ?? "";
      for (let i = 0; performance.now() < deadline; i++) {
        const count = 1 + ((w + i) % 10);
        const tags = Array.from({ length: count }, (_, c) => `${w}-${i}-${c}`);
        const calls = tags.map((tag) => ({ medium: { sip: { outgoing: { to: `sip:${tag}@example.com` } } }, metadata: { tag } }));
        // Half the batches open now (the lifecycle makes calls), half later (they stay FUTURE).
        const body = i % 2 === 0 ? { calls } : { calls, windowStart: "2099-01-01T00:00:00Z" };
        const made = await request(stats, `${url}/api/agents/${agentId}/scheduled_batches`, key, { method: "POST", body: JSON.stringify(body) }, stats.createMs);
        if (made.status !== 201) {
          stats.error(`create answered ${made.status}: ${JSON.stringify(made.body).slice(0, 200)}`);
          continue;
        }
        const batch = { key, agentId, batchId: (made.body as { batchId: string }).batchId, calls: count, tags };
        created.push(batch);
        const listed = await listAll(stats, url, batch, stats.pageMs);
        pages += Math.max(1, Math.ceil(count / 10));
        if (listed !== undefined && listed.length !== count) stats.error(`listed ${listed.length} of ${count} calls right after creation`);
        // A client polls its batch and its future calls, as a scheduler would.
        const base = `${url}/api/agents/${agentId}/scheduled_batches/${batch.batchId}`;
        for (const target of [base, `${base}/scheduled_calls?status=FUTURE&pageSize=10`]) {
          const polled = await request(stats, target, key, {}, stats.pageMs);
          pages++;
          if (polled.status !== 200) stats.error(`poll answered ${polled.status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
    const elapsed = (performance.now() - started) / 1000;
    const requests = stats.requests;

    // Verification: every batch walked again (same key), every call exactly once.
    const check = new Stats();
    let verifiedCalls = 0;
    let missing = 0;
    let duplicates = 0;
    const queue = [...created];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let batch = queue.pop(); batch !== undefined; batch = queue.pop()) {
          const ids = await listAll(check, url, batch);
          if (ids === undefined) {
            missing += batch.calls;
            continue;
          }
          const seen = new Set(ids);
          verifiedCalls += ids.length;
          duplicates += ids.length - seen.size;
          missing += batch.tags.filter((tag) => !seen.has(tag)).length;
        }
      }),
    );
    for (const [key, agentId] of agents) {
      const listed = await request(check, `${url}/api/agents/${agentId}/scheduled_batches?pageSize=1`, key);
      const want = created.filter((b) => b.key === key).length;
      const total = (listed.body as { total: number }).total;
      if (total !== want) stats.error(`agent lists ${total} batches, ${want} were created`);
    }
    const sortedCreate = [...stats.createMs].sort((a, b) => a - b);
    const sortedPage = [...stats.pageMs].sort((a, b) => a - b);
    return {
      name,
      durationS: Math.round(elapsed * 10) / 10,
      requests,
      reqPerS: Math.round(requests / elapsed),
      batches: created.length,
      calls: created.reduce((sum, b) => sum + b.calls, 0),
      pages,
      throttled: stats.throttled,
      errors: stats.errors + check.errors,
      createP50Ms: percentile(sortedCreate, 50),
      createP99Ms: percentile(sortedCreate, 99),
      readP50Ms: percentile(sortedPage, 50),
      readP99Ms: percentile(sortedPage, 99),
      verifiedCalls,
      duplicates,
      missing,
      firstError: stats.firstError || check.firstError,
    };
  } finally {
    await mock.stop();
  }
}

export async function loadBench(durationMs = Number(process.env["LOAD_DURATION_MS"] ?? 10_000)): Promise<LoadResult[]> {
  const baseline = await runLoad("no rate limits (baseline)", { perKey: null, durationMs: Math.min(durationMs, 5_000) });
  // The per-key limit is lowered for this run so that it is sure to be reached on any machine.
  const limited = await runLoad("rate limits on (100/s per key, 500/s per account)", { perKey: 100, durationMs });
  const rows = [baseline, limited];
  console.log("\nLoad: 50 concurrent clients creating batches and listing scheduled calls (one API key, 127.0.0.1)");
  console.table(
    rows.map((r) => ({
      run: r.name,
      "s": r.durationS,
      "req/s": r.reqPerS,
      "× baseline": Math.round((r.reqPerS / baseline.reqPerS) * 100) / 100,
      batches: r.batches,
      "scheduled calls": r.calls,
      "429 (intended)": r.throttled,
      errors: r.errors,
      "create p50/p99 ms": `${r.createP50Ms} / ${r.createP99Ms}`,
      "read p50/p99 ms": `${r.readP50Ms} / ${r.readP99Ms}`,
      "listed once": `${r.verifiedCalls - r.duplicates}/${r.calls}`,
      duplicates: r.duplicates,
      missing: r.missing,
    })),
  );
  for (const r of rows) if (r.firstError !== "") console.log(`${r.name}: first error: ${r.firstError}`);
  return rows;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await loadBench();
  if (rows.some((r) => r.errors > 0 || r.duplicates > 0 || r.missing > 0)) process.exitCode = 1;
}
