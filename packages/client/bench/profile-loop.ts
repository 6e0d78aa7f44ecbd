// Profiling aid (not part of `pnpm bench`): many sequential GETs through our client to a local server,
// for `node --cpu-prof --import tsx bench/profile-loop.ts [--in-memory]` after a build.
import type * as Client from "@ultravox-api/client";
import { serveJson } from "./json-server.js";
import { shipped } from "./shipped.js";

const { createUltravoxClient } = await shipped<typeof Client>("index.js");

const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
const server = await serveJson(() => body);
const { baseUrl } = server;
const inMemory = process.argv.includes("--in-memory");
const client = createUltravoxClient({
  apiKey: "key",
  baseUrl,
  timeoutMs: 30_000,
  ...(inMemory ? { fetch: () => Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } })) } : {}),
});
const n = Number(process.env["N"] ?? 20_000);
const start = performance.now();
for (let i = 0; i < n; i++) await client.GET("/api/calls");
console.log(`${n} GETs: ${Math.round((n * 1000) / (performance.now() - start))} ops/s`);
server.close();
