import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fromNodeRequest, writeNodeResponse } from "./adapters/node-request.js";
import { toMockHandler } from "./adapters/web-request.js";
import { createMockInstance } from "./internal/mock-instance.js";
import type { MockHandler, MockOptions } from "./mock-options.js";
import { ConnectionReset } from "./pipeline/connection-reset.js";
import { json } from "./pipeline/respond.js";

export interface MockServerOptions extends MockOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1: only this machine can reach the mock unless you say otherwise. */
  readonly host?: string;
}

export interface MockServer extends MockHandler {
  /** Base URL, e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string;
  /** Stops listening, drops open connections and frees the port. */
  close(): Promise<void>;
}

/** Large enough for the long-URL case to reach the core and get a DRF body rather than a bare 431. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Starts the mock on a real node:http server. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = createMockInstance(options);
  let origin = "";
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    let coreRequest;
    try {
      coreRequest = fromNodeRequest(request, origin);
    } catch {
      writeNodeResponse(response, json(400, { detail: "Malformed request target." }));
      return;
    }
    let answer;
    try {
      answer = mock.dispatch(coreRequest);
    } catch (error) {
      fail(request, response, error);
      return;
    }
    // Most answers are ready at once (a GET has no body to wait for): written in this same turn.
    if (answer instanceof Promise) {
      answer.then(
        (ready) => {
          writeNodeResponse(response, ready);
        },
        (error: unknown) => {
          fail(request, response, error);
        },
      );
    } else {
      writeNodeResponse(response, answer);
    }
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify({ detail: tooLarge ? "Request header fields too large." : "Bad request." });
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;
  // On a real clock, batches also move between requests (webhooks go out on time).
  const { clock, engine } = mock;
  const ticker = clock.mode === "real" ? setInterval(() => void engine.behaviours.advanceTo(clock.now()).catch(() => undefined), 1000) : undefined;
  ticker?.unref();
  return {
    ...toMockHandler(mock),
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(ticker);
        server.close((error?: Error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}

/** A dispatch that threw: an injected reset drops the connection without a byte of answer; anything else is a 500. */
function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (error instanceof ConnectionReset) request.socket.destroy();
  else writeNodeResponse(response, json(500, { detail: "Mock server error." }));
}
