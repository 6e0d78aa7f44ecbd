// A settled call leaves nothing pending: no timer of its time limit or backoff outlives it, since a
// pending timer keeps a Node process alive (for `timeoutMs`, 60 s by default) after the work is done.
// Each call runs in its own Node process with the built package, which then lists what still keeps
// it alive: in the test's own process, the runner's timers come and go around the call.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startTestServer, type TestServer } from "../support/test-server.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("../../", import.meta.url));

let server: TestServer;
let refused = "";
const seen = new Map<string, number>();

beforeAll(async () => {
  // Each case's path answers by how often it was asked: first a failure, then 200. "silent" never answers.
  server = await startTestServer(({ url }, response) => {
    const count = (seen.get(url) ?? 0) + 1;
    seen.set(url, count);
    if (url.includes("case=silent")) return;
    if (url.includes("case=reset") && count === 1) response.socket?.destroy();
    else if (url.includes("case=503") && count === 1) json(response, 503, { detail: "busy" });
    else if (url.includes("case=redirect") && count === 1) json(response, 302, {}, { location: `${server.url}/api/accounts/me?case=after` });
    else json(response, 200, { name: "ok" });
  });
  // A port that was just free: nothing listens on it once the server is closed.
  const probe = await startTestServer(() => undefined);
  refused = probe.url;
  await probe.close();
});
afterAll(async () => {
  await server.close();
});

// The child: one call with a long time limit, then what is left keeping the process alive once the
// microtasks and I/O callbacks of the settlement have run.
const child = `
import { createUltravoxClient } from "@ultravox-api/client";
const { baseUrl, query, options, abortAfterMs, rejectingFetch } = JSON.parse(process.env.CASE);
const fetch = rejectingFetch ? () => Promise.reject(new TypeError("Failed to fetch")) : undefined;
const client = createUltravoxClient({ apiKey: "k", baseUrl, timeoutMs: 600000, retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 }, ...options, ...(fetch ? { fetch } : {}) });
const controller = new AbortController();
if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
let outcome;
try {
  const { response } = await client.GET("/api/accounts/me", { params: { query: { case: query + "-" + Math.random() } }, signal: controller.signal });
  outcome = String(response.status);
} catch (error) {
  outcome = error.name;
}
await new Promise((resolve) => setImmediate(resolve));
const timers = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
console.log(JSON.stringify({ outcome, timers }));
process.exit(0);
`;

describe("no timer outlives a settled call (the built package, in its own process)", () => {
  const cases: { name: string; url: () => string; query: string; options?: object; abortAfterMs?: number; rejectingFetch?: boolean; want: string }[] = [
    { name: "a refused connection, retried", url: () => refused, query: "refused", want: "UltravoxConnectionError" },
    { name: "a refused connection, not retried", url: () => refused, query: "refused", options: { retry: false }, want: "UltravoxConnectionError" },
    { name: "a fetch that rejects at once (a polyfill or an interceptor refusing)", url: () => server.url, query: "x", rejectingFetch: true, options: { retry: false }, want: "UltravoxConnectionError" },
    { name: "a reset connection, then 200", url: () => server.url, query: "reset", want: "200" },
    { name: "a 503, then 200", url: () => server.url, query: "503", want: "200" },
    { name: "a redirect, then 200", url: () => server.url, query: "redirect", want: "200" },
    { name: "200 at once", url: () => server.url, query: "plain", want: "200" },
    { name: "no answer within the time limit", url: () => server.url, query: "silent", options: { timeoutMs: 50 }, want: "UltravoxTimeoutError" },
    { name: "the caller's abort while waiting", url: () => server.url, query: "silent", abortAfterMs: 50, want: "AbortError" },
  ];
  it.each(cases)("$name: $want, and no pending timer", async ({ url, query, options, abortAfterMs, rejectingFetch, want }) => {
    const env = { ...process.env, CASE: JSON.stringify({ baseUrl: url(), query, options, abortAfterMs, rejectingFetch }) };
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", child], { cwd: packageDir, env, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ outcome: want, timers: 0 });
  });
});
