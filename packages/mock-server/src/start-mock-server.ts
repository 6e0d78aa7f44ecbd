import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fromNodeRequest, writeNodeResponse } from "./adapters/node-request.js";
import { toMockHandler } from "./adapters/web-request.js";
import { buildMockInstance } from "./instance/build-mock-instance.js";
import type { MockInstance } from "./instance/mock-instance.js";
import type { MockHandler, MockOptions } from "./mock-options.js";
import { bindsEveryInterface, reachableOrigin } from "./internal/reachable-origin.js";
import { ConnectionReset } from "./pipeline/connection-reset.js";
import { json } from "./pipeline/respond.js";
import { CompilerNeeded } from "./spec/validators.js";

export interface MockServerOptions extends MockOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1: only this machine can reach the mock unless you say otherwise. */
  readonly host?: string;
  /**
   * Port of the second origin that serves recordings and SIP logs (what the API's storage URLs
   * point to), so a client is seen not to send its API key there. Default 0: any free port.
   */
  readonly filesPort?: number;
}

export interface MockServer extends MockHandler {
  /** Base URL, e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string;
  /** Origin of the files (recordings, SIP logs) the API's 302s point to, e.g. `http://127.0.0.1:43122`. */
  readonly filesUrl: string;
  /** Stops listening, drops open connections and frees the port. */
  close(): Promise<void>;
}

/** Large enough for the long-URL case to reach the core and get a DRF body rather than a bare 431. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Starts the mock on a real node:http server. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = await mockInstance(options);
  let origin = "";
  let everyInterface = false;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    let coreRequest;
    try {
      // Bound to every interface, the bound address is no URL a client can use: next/previous links
      // name the host and port the client asked for, as Django's build_absolute_uri does.
      coreRequest = fromNodeRequest(request, everyInterface ? reachableOrigin(origin, request.headers.host ?? null, "asked") : origin);
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
  origin = await listen(server, options.port ?? 0, host);
  everyInterface = bindsEveryInterface(origin);
  // Only the files: a second origin, as the API's signed storage URLs are.
  let filesOrigin = "";
  const files = createServer((request, response) => {
    const answer = request.method !== undefined && request.url !== undefined ? mock.live?.fileRoute(request.method, new URL(request.url, filesOrigin).pathname) : undefined;
    // HEAD: no body, but the Content-Length of the GET (writeNodeResponse would count the empty body).
    if (answer !== undefined && answer.body === null && request.method === "HEAD") response.writeHead(answer.status, answer.headers).end();
    else writeNodeResponse(response, answer ?? json(404, { detail: "Not found." }));
  });
  try {
    filesOrigin = await listen(files, options.filesPort ?? 0, host);
  } catch (error) {
    server.close();
    server.closeAllConnections();
    throw error;
  }
  if (mock.live !== undefined) mock.live.fileOrigin = filesOrigin;
  // On a real clock, batches also move between requests (webhooks go out on time).
  const { clock, engine } = mock;
  const ticker = clock.mode === "real" ? setInterval(() => void engine.behaviours.advanceTo(clock.now()).catch(() => undefined), 1000) : undefined;
  ticker?.unref();
  return {
    ...toMockHandler(mock),
    url: origin,
    filesUrl: filesOrigin,
    close: async () => {
      clearInterval(ticker);
      mock.live?.reset();
      await Promise.all([stop(server), stop(files)]);
    },
  };
}

/**
 * The mock, with ajv's compiler loaded only when the spec needs it: the bundled spec's validators
 * come compiled from the build, and loading the compiler would be a quarter of the start-up.
 */
async function mockInstance(options: MockServerOptions): Promise<MockInstance> {
  if (options.spec === undefined) {
    try {
      return buildMockInstance(options);
    } catch (error) {
      // Behaviours generating resources the build did not compile validators for: compile them.
      if (!(error instanceof CompilerNeeded)) throw error;
    }
  }
  const { createAjv } = await import("./spec/create-ajv.js");
  return buildMockInstance(options, { createAjv });
}

/** Listens on `port` of `host`; resolves with the origin, e.g. `http://127.0.0.1:43121`. */
async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${hostPart}:${address.port}`;
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error?: Error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
    server.closeAllConnections();
  });
}

/** A dispatch that threw: an injected reset drops the connection without a byte of answer; anything else is a 500. */
function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (error instanceof ConnectionReset) request.socket.destroy();
  else writeNodeResponse(response, json(500, { detail: "Mock server error." }));
}
