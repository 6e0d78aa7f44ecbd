import type { IncomingMessage, ServerResponse } from "node:http";
import type { CoreRequest, CoreResponse } from "../pipeline/core-exchange.js";

/** A node:http request as the core sees it, without building a web Request (cheaper per call). */
export function fromNodeRequest(request: IncomingMessage, origin: string): CoreRequest {
  return new NodeCoreRequest(request, origin);
}

/** A class rather than an object of closures: nothing is allocated per request beyond the URL. */
class NodeCoreRequest implements CoreRequest {
  readonly method: string;
  readonly url: URL;
  readonly #request: IncomingMessage;

  constructor(request: IncomingMessage, origin: string) {
    const target = request.url ?? "/";
    this.#request = request;
    this.method = (request.method ?? "GET").toUpperCase();
    // The origin is the caller's (the server's own address): next/previous links point at this server.
    this.url = parsedUrl(origin + (target.startsWith("/") ? target : `/${target}`));
  }

  header(name: string): string | null {
    const value = this.#request.headers[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  }

  readBody(limit: number): Promise<Uint8Array | "too-large"> {
    return readNodeBody(this.#request, limit);
  }
}

// Clients repeat the same URLs (a list page, a resource): each is parsed once. The core only
// reads request URLs, so one URL object serves every request for it.
const urls = new Map<string, URL>();
const MAX_URLS = 1024;

function parsedUrl(href: string): URL {
  let url = urls.get(href);
  if (url === undefined) {
    url = new URL(href);
    if (urls.size >= MAX_URLS) urls.clear();
    urls.set(href, url);
  }
  return url;
}

// Node's headers for a response, built once per response object: the core hands out the same
// object for a page served again (PageCache), so a busy list costs no header building at all.
const nodeHeaders = new WeakMap<CoreResponse, Record<string, string | number>>();

export function writeNodeResponse(response: ServerResponse, core: CoreResponse): void {
  let headers = nodeHeaders.get(core);
  if (headers === undefined) {
    // An explicit length avoids chunked encoding: cheaper, and raw clients read one plain body.
    const { body } = core;
    // A HEAD answer names the length of the body it leaves out.
    const length = core.headers["content-length"] ?? (body === null ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    headers = { ...core.headers, "content-length": length };
    nodeHeaders.set(core, headers);
  }
  response.writeHead(core.status, headers);
  response.end(core.body ?? undefined);
}

function readNodeBody(request: IncomingMessage, limit: number): Promise<Uint8Array | "too-large"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.resume(); // Drain the rest unseen so the 413 can still be written.
        resolve("too-large");
      } else {
        chunks.push(chunk);
      }
    };
    request.on("data", onData);
    request.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    request.on("error", () => {
      resolve("too-large");
    });
  });
}
