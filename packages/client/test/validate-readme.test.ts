import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isUltravoxError } from "@ultravox-api/client";
import { UltravoxResponseValidationError } from "@ultravox-api/client/validate";
import { json, startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
  vi.resetModules();
});

async function drifting(): Promise<TestServer> {
  // /api/accounts/me without its required accountId, name a number.
  return startTestServer((_req, res) => {
    json(res, 200, { name: 42 });
  });
}

describe("README: drift detection example, run against a real server", () => {
  it("warns outside CI, with the pointer", async () => {
    server = await drifting();
    vi.stubEnv("ULTRAVOX_API_KEY", "k");
    vi.stubEnv("ULTRAVOX_BASE_URL", server.url);
    vi.stubEnv("CI", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../examples/validate/drift-detection.js");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("GET /api/accounts/me (accounts_me_retrieve) → 200 does not match the spec");
    expect(String(warn.mock.calls[0]?.[0])).toContain("/accountId: expected present (required), got missing");
    expect(log).toHaveBeenCalledWith(42);
    vi.unstubAllEnvs();
  });

  it("throws in CI", async () => {
    server = await drifting();
    vi.stubEnv("ULTRAVOX_API_KEY", "k");
    vi.stubEnv("ULTRAVOX_BASE_URL", server.url);
    vi.stubEnv("CI", "true");
    // vi.resetModules gave this import its own copy of the classes: compare by name and brand.
    const error = await import("../examples/validate/drift-detection.js").catch((e: unknown) => e);
    expect(isUltravoxError(error)).toBe(true);
    expect(error).toMatchObject({ name: UltravoxResponseValidationError.name, operationId: "accounts_me_retrieve", status: 200 });
    vi.unstubAllEnvs();
  });

  it("is embedded verbatim", async () => {
    const root = new URL("../", import.meta.url);
    const readme = await readFile(new URL("README.md", root), "utf8");
    const blocks = [...readme.matchAll(/<!-- example: (examples\/validate\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
    expect(blocks.map((match) => match[1])).toEqual(["examples/validate/drift-detection.ts"]);
    for (const [, file = "", code] of blocks) expect(code, file).toBe(await readFile(new URL(file, root), "utf8"));
  });
});
