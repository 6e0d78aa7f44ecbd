import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";

it("the ./handler entry bundles for browsers without Node built-ins and answers there", async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../dist/handler.js", import.meta.url))],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  expect(result.errors).toEqual([]);
  const code = result.outputFiles[0]?.text ?? "";
  expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
  // Run the browser bundle itself (data: URL import) against a request.
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as typeof import("@ultravox-api/mock-server/handler");
  const mock = module.createMockHandler({ apiKeys: ["k"] });
  const response = await mock.handler(new Request("https://api.ultravox.ai/api/agents", { headers: { "x-api-key": "k" } }));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ results: [], next: null, previous: null, total: 0 });
});
