// The package's `#platform` import as bundlers resolve it: a one-call program bundled from dist/ with
// esbuild for a browser gets the browser module (redirects left to the platform, the reason is the
// error's message), for Node (and for edge runtimes, whose bundlers also pass `browser`) the server
// module (GET redirects followed by hand, the reason is the error code). Told apart by behaviour:
// each bundle runs here with an injected fetch.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "ultravox-platform-"));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

// The program: one GET answered 302 then 200, one GET whose fetch fails as undici's does.
const program = `
import { createUltravoxClient } from ${JSON.stringify(dist)};
export async function probe() {
  const modes = [];
  const fetch = async (request, init) => {
    modes.push(init?.redirect);
    return modes.length === 1
      ? new Response(null, { status: 302, headers: { location: "https://storage.test/recording.wav" } })
      : new Response("{}", { headers: { "content-type": "application/json" } });
  };
  const { response } = await createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch, retry: false }).GET("/api/calls");
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
  const failing = () => Promise.reject(new TypeError("fetch failed", { cause: refused }));
  const error = await createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch: failing, retry: false }).GET("/api/calls").catch((e) => e);
  return { modes, status: response.status, reason: error.reason };
}
`;

async function bundle(name: string, options: BuildOptions): Promise<{ probe: () => Promise<unknown> }> {
  const file = join(out, `${name}.mjs`);
  await build({ stdin: { contents: program, resolveDir: out, loader: "js" }, bundle: true, format: "esm", outfile: file, logLevel: "error", ...options });
  return (await import(pathToFileURL(file).href)) as { probe: () => Promise<unknown> };
}

const server = { modes: ["manual", "manual"], status: 200, reason: "ECONNREFUSED" };
const browser = { modes: ["follow"], status: 302, reason: "fetch failed" };

describe("#platform in bundles of the built package", () => {
  const cases: { name: string; options: BuildOptions; want: object }[] = [
    { name: "esbuild --platform=browser: the browser module", options: { platform: "browser" }, want: browser },
    { name: "esbuild --platform=browser --minify: the browser module", options: { platform: "browser", minify: true }, want: browser },
    { name: "esbuild --platform=node: the server module", options: { platform: "node" }, want: server },
    { name: "Cloudflare Workers (workerd, worker, browser): the server module", options: { platform: "browser", conditions: ["workerd", "worker", "browser"] }, want: server },
    { name: "Vercel Edge (edge-light, browser): the server module", options: { platform: "browser", conditions: ["edge-light", "browser"] }, want: server },
  ];
  it.each(cases)("$name", async ({ name, options, want }) => {
    const { probe } = await bundle(name.replace(/\W+/g, "-"), options);
    expect(await probe()).toEqual(want);
  });

  it("Node itself (the `default` condition) runs the server module", async () => {
    const file = join(out, "unbundled.mjs");
    writeFileSync(file, program);
    const { probe } = (await import(pathToFileURL(file).href)) as { probe: () => Promise<unknown> };
    expect(await probe()).toEqual(server);
  });
});
