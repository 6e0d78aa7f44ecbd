// Profiling aid (not part of `pnpm bench`): many sequential GETs through our client to a local server,
// for `node --cpu-prof --import tsx bench/profile-loop.ts [--in-memory]` after a build.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type * as Client from "@ultravox-api/client";
import { shipped } from "./shipped.js";

const { createUltravoxClient } = await shipped<typeof Client>("index.js");

const body = JSON.stringify({ results: [], next: null, previous: null, total: 0 });
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
