// Tests of the SHIPPED package: `@ultravox-api/client` resolves to the built dist/ here (no src alias in
// this vitest project), so they catch what a build or the package.json exports could break.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as shipped from "@ultravox-api/client";
import { afterEach, describe, expect, it } from "vitest";
import * as source from "../../src/index.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A node:http server answering every request with `status` and a JSON body. */
async function serve(status: number, body: unknown): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

describe("@ultravox-api/client as built (dist/)", () => {
  it("is the build, not the source, and exports the same names as src/index.ts", () => {
    expect(shipped.createUltravoxClient).not.toBe(source.createUltravoxClient);
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(source).sort());
  });

  it("makes a call and unwraps its data", async () => {
    const baseUrl = await serve(200, { agentId: "a-1", name: "Shipped" });
    const client = shipped.createUltravoxClient({ apiKey: "k", baseUrl, retry: false });
    const agent = await shipped.unwrap(client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a-1" } } }));
    expect(agent).toEqual({ agentId: "a-1", name: "Shipped" });
  });

  it("throws its typed errors, which its guards recognise", async () => {
    const baseUrl = await serve(404, { detail: "Not found." });
    const client = shipped.createUltravoxClient({ apiKey: "k", baseUrl, retry: false });
    const error: unknown = await shipped
      .unwrap(client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a-1" } } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(shipped.UltravoxNotFoundError);
    expect(shipped.isUltravoxApiError(error)).toBe(true);
    expect(shipped.isUltravoxError(error)).toBe(true);
    expect(error).toMatchObject({ name: "UltravoxNotFoundError", status: 404, method: "GET", detail: "Not found." });
  });
});
