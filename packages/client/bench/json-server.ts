import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A local node:http server on 127.0.0.1 (port 0) that answers every request 200 with `bodyFor(path)` as JSON. */
export async function serveJson(bodyFor: (path: string) => string): Promise<{ readonly baseUrl: string; close(): void }> {
  const server = createServer((req, res) => {
    const body = bodyFor(new URL(req.url ?? "/", "http://x").pathname);
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { baseUrl: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`, close: () => server.close() };
}
