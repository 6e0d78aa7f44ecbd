import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMockHandler } from "@ultravox-api/mock-server";
import { buildSpec, generateMockSpec, loadOverlays, repoPaths } from "@ultravox-api/scripts";

const historyDir = resolve(fileURLToPath(new URL("../../../../shared/ultravox-spec/history", import.meta.url)));
// The three snapshots that wrote a nullable reference as `type: "null"` beside `allOf: [{$ref}]`.
const snapshots = ["2026-03-11T0715.yaml", "2026-03-12T0235.yaml", "2026-03-14T0231.yaml"];

/** The document `generateMockSpec` writes into the mock's generated module (a JSON string literal). */
function runtimeSpec(code: string): Record<string, unknown> {
  const start = code.indexOf("JSON.parse(") + "JSON.parse(".length;
  const literal = code.slice(start, code.lastIndexOf(");"));
  return JSON.parse(JSON.parse(literal) as string) as Record<string, unknown>;
}

async function built(version: string) {
  const result = await buildSpec(await readFile(join(historyDir, version)), version, await loadOverlays(repoPaths().overlays));
  return { text: result.text, doc: result.doc };
}

async function patchTelephony(spec: Record<string, unknown>, body: unknown): Promise<{ status: number; body: unknown }> {
  const mock = createMockHandler({ spec });
  const response = await mock.fetch("https://api.ultravox.ai/api/accounts/me/telephony_config", {
    method: "PATCH",
    headers: { "X-API-Key": mock.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const twilio = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "secret-token", callCreationAllowAllAgents: true };

describe("the mock built from each OpenAPI 3.2.0 snapshot (its runtime spec as generated)", () => {
  it.each(snapshots)("%s: a nullable reference accepts an object and null", { timeout: 120_000 }, async (version) => {
    const spec = runtimeSpec(generateMockSpec((await built(version)).text));
    const withObject = await patchTelephony(spec, { twilio });
    expect(withObject.status, JSON.stringify(withObject.body)).toBe(200);
    const withNull = await patchTelephony(spec, { twilio: null });
    expect(withNull.status, JSON.stringify(withNull.body)).toBe(200);
    // Still validating: a wrong type is refused with DRF's field errors.
    const wrong = await patchTelephony(spec, { twilio: "yes" });
    expect(wrong.status).toBe(400);
  });

  it("refused both before normalisation (the document as upstream wrote it)", { timeout: 120_000 }, async () => {
    const { doc } = await built("2026-03-11T0715.yaml");
    expect((await patchTelephony(doc, { twilio })).status).toBe(400);
    expect((await patchTelephony(doc, { twilio: null })).status).toBe(400);
  });
});
