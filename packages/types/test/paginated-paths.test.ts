import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureLockedSpec } from "@ultravox-api/scripts";
import { typecheck } from "./helpers/tsc.js";

interface Doc {
  paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> } }>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/** Reads the spec directly (not the generated types): GETs whose 200 JSON is the cursor envelope. */
function paginatedPathsOf(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .filter(([, item]) => {
      const ref = item.get?.responses?.["200"]?.content?.["application/json"]?.schema?.$ref;
      const props = ref ? doc.components.schemas[ref.split("/").pop() ?? ""]?.properties : undefined;
      return props !== undefined && "results" in props && "next" in props && "previous" in props;
    })
    .map(([path]) => path);
}

describe("PaginatedPath", () => {
  it("is exactly the set of GETs that answer with the cursor envelope (23 in the locked spec)", async () => {
    const doc = parse((await ensureLockedSpec()).text) as Doc;
    const expected = paginatedPathsOf(doc);
    expect(expected).toHaveLength(23);
    expect(expected).toContain("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls");

    const dir = await mkdtemp(join(tmpdir(), "uvx-paginated-"));
    try {
      await cp(new URL("../src", import.meta.url).pathname, join(dir, "src"), { recursive: true });
      // An object literal typed Record<PaginatedPath, true> fails on a missing key and on an extra one:
      // the type and the spec must agree both ways.
      const entries = expected.map((p) => `  ${JSON.stringify(p)}: true,`).join("\n");
      await writeFile(
        join(dir, "check.ts"),
        `import type { PaginatedPath } from "./src/index.js";\nexport const all: Record<PaginatedPath, true> = {\n${entries}\n};\n`,
      );
      expect(await typecheck(dir, ["check.ts"])).toBe("");
      // And the check can fail: drop one path and tsc must object.
      const missing = (await readFile(join(dir, "check.ts"), "utf8")).replace(`  ${JSON.stringify(expected[0])}: true,\n`, "");
      await writeFile(join(dir, "check.ts"), missing);
      expect(await typecheck(dir, ["check.ts"])).toMatch(/Property '.*' is missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
