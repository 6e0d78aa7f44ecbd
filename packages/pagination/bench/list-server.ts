// Child process: a paginated list server, kept out of the measured process so its CPU and memory don't skew results.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const itemCount = Number(process.argv[2] ?? "10000");
const latencyMs = Number(process.argv[3] ?? "0");
const STATUSES = ["FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR"];
const cache = new Map<string, string>();

function body(host: string, pathname: string, offset: number, size: number): string {
  const key = `${pathname}:${offset}:${size}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const results = [];
  for (let i = offset; i < Math.min(offset + size, itemCount); i += 1) {
    results.push({ status: STATUSES[i % 5], batchId: "batch-1", callId: `call-${i}`, error: null, metadata: { n: String(i) } });
  }
  const link = (o: number): string =>
    `http://${host}${pathname}?cursor=${Buffer.from(`o=${o}`).toString("base64url")}&pageSize=${size}`;
  const text = JSON.stringify({
    results,
    next: offset + size < itemCount ? link(offset + size) : null,
    previous: offset > 0 ? link(Math.max(0, offset - size)) : null,
    total: itemCount,
  });
  cache.set(key, text);
  return text;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const cursor = url.searchParams.get("cursor");
  const offset = cursor === null ? 0 : Number(Buffer.from(cursor, "base64url").toString().slice(2));
  const size = Number(url.searchParams.get("pageSize") ?? "100");
  const text = body(req.headers.host ?? "localhost", url.pathname, offset, size);
  const send = (): void => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  if (latencyMs > 0) setTimeout(send, latencyMs);
  else send();
});

server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => {
  server.close();
  process.exit(0);
});
