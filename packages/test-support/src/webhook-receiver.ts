import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver got it. */
export interface ReceivedWebhook {
  readonly method: string;
  /** The request target (path and query). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body bytes, as they arrived (what a signature covers). */
  readonly body: Buffer;
}

/** How to answer a request: a status, "drop" (destroy the socket) or "hang" (never answer, until `close`). */
export type Reply = number | "drop" | "hang";

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port><path>`. */
  readonly url: string;
  /** Every request, in the order they arrived. */
  readonly received: ReceivedWebhook[];
  /** Decides the answer to the n-th request (1-based); default 204. Replace it at any time. */
  reply: (n: number, request: ReceivedWebhook) => Reply;
  /** Ends hanging answers and open connections, then stops the server. */
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, port 0, recording every request and answering as `reply` says. */
export async function startWebhookReceiver(path = "/webhooks/ultravox"): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedWebhook = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      const reply = receiver.reply(received.length, request);
      if (reply === "drop") req.socket.destroy();
      else if (reply === "hang") hanging.push(res);
      else res.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${String(port)}${path}`,
    received,
    reply: () => 204,
    close: async () => {
      for (const res of hanging.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
  return receiver;
}

/** A header's value by name, case-insensitively; repeated headers joined with ",". */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}
