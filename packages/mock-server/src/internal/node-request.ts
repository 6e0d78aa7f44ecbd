import type { IncomingMessage, ServerResponse } from "node:http";
import type { CoreRequest, CoreResponse } from "./core-types.js";

/** A node:http request as the core sees it, without building a web Request (cheaper per call). */
export function fromNodeRequest(request: IncomingMessage, origin: string): CoreRequest {
  const target = request.url ?? "/";
  return {
    method: (request.method ?? "GET").toUpperCase(),
    // Never trust the Host header for the origin: next/previous links point at this server.
    url: new URL(origin + (target.startsWith("/") ? target : `/${target}`)),
    header: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
    readBody: (limit) => readNodeBody(request, limit),
  };
}

export function writeNodeResponse(response: ServerResponse, core: CoreResponse): void {
  // An explicit length avoids chunked encoding: cheaper, and raw clients read one plain body.
  const length = core.body === null ? 0 : typeof core.body === "string" ? Buffer.byteLength(core.body) : core.body.byteLength;
  response.writeHead(core.status, { ...core.headers, "content-length": String(length) });
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
