import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body bytes (what a signature covers). */
  readonly body: Buffer;
}

/** How to answer the n-th request (1-based): a status, "drop" (destroy the socket) or "hang" (never answer). */
export type Reply = number | "drop" | "hang";

export interface ScriptedReceiver {
  readonly url: string;
  readonly received: ScriptedRequest[];
  /** Decides each answer; default 204. */
  reply: (n: number, request: ScriptedRequest) => Reply;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, port 0, answering as scripted. */
export async function startScriptedReceiver(path = "/hooks/ultravox"): Promise<ScriptedReceiver> {
  const received: ScriptedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const receiver = {
    url: "",
    received,
    reply: (() => 204) as (n: number, request: ScriptedRequest) => Reply,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ScriptedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      const reply = receiver.reply(received.length, request);
      if (reply === "drop") req.socket.destroy();
      else if (reply === "hang") hanging.push(res);
      else {
        res.statusCode = reply;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}${path}`;
  return receiver;
}

export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}
