import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
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

/** `text` as a literal part of a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
      // the type and the spec must agree both ways. One tsc program checks the full list (no error) and,
      // to show the check can fail, the list with one path dropped (tsc must object, there only).
      const literal = (paths: string[]) =>
        `import type { PaginatedPath } from "./src/index.js";\nexport const all: Record<PaginatedPath, true> = {\n${paths.map((p) => `  ${JSON.stringify(p)}: true,`).join("\n")}\n};\n`;
      await writeFile(join(dir, "check.ts"), literal(expected));
      await writeFile(join(dir, "missing.ts"), literal(expected.slice(1)));
      const diagnostics = (await typecheck(dir, ["check.ts", "missing.ts"])).trim().split("\n");
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatch(new RegExp(`/missing\\.ts\\(2,14\\): error TS2741: Property '${escape(JSON.stringify(expected[0]))}' is missing`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
