import { mkdir, mkdtemp, readdir, readFile, rm, cp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSpec, generateTypes, loadOverlays, repoPaths, type LoadedOverlays } from "@ultravox-api/scripts";
import { typecheck } from "./helpers/tsc.js";

const historyDir = resolve(fileURLToPath(new URL("../../../../shared/ultravox-spec/history", import.meta.url)));
const srcDir = fileURLToPath(new URL("../src", import.meta.url));

// Instantiates every alias over every schema and operation, so a version that breaks an alias fails tsc.
const usage = `import type { OperationId, PaginatedItem, PaginatedPath, RequestBodyOf, ResponseOf, Schema, SchemaName } from "./src/index.js";
export type AllSchemas = { [N in SchemaName]: Schema<N> };
export type AllResponses = { [Op in OperationId]: ResponseOf<Op> };
export type AllBodies = { [Op in OperationId]: RequestBodyOf<Op> };
export type AllItems = { [P in PaginatedPath]: PaginatedItem<P> };
export declare const schemas: AllSchemas;
export declare const responses: AllResponses;
export declare const bodies: AllBodies;
export declare const items: AllItems;
export const paginated: PaginatedPath[] = [];
`;

let work: string;
let overlays: LoadedOverlays;
const versions: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "uvx-replay-"));
  overlays = await loadOverlays(repoPaths().overlays);
  versions.push(...(await readdir(historyDir)).filter((n) => n.endsWith(".yaml")).sort());
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("replay of every published spec version", () => {
  it("finds the whole history", () => {
    expect(versions.length).toBe(114);
  });

  it("generates types for every version (overlays applied; 3.2.0 ones included) and they type-check", async () => {
    const rows: { version: string; openapi: string; operations: number; bytes: number }[] = [];
    const failures: string[] = [];
    for (const [i, name] of versions.entries()) {
      const dir = join(work, `v${String(i).padStart(3, "0")}`);
      try {
        const built = await buildSpec(await readFile(join(historyDir, name)), name, overlays);
        const code = await generateTypes(built.text);
        await mkdir(join(dir, "src", "generated"), { recursive: true });
        await cp(join(srcDir, "index.ts"), join(dir, "src", "index.ts"));
        await writeFile(join(dir, "src", "generated", "openapi.ts"), code);
        await writeFile(join(dir, "use.ts"), usage);
        rows.push({ version: name, openapi: built.upstream.openapi, operations: built.counts.operations, bytes: code.length });
      } catch (error) {
        failures.push(`${name}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(rows.filter((r) => r.openapi.startsWith("3.2")).map((r) => r.version)).toEqual([
      "2026-03-11T0715.yaml",
      "2026-03-12T0235.yaml",
      "2026-03-14T0231.yaml",
    ]);

    // One tsc program per batch keeps memory bounded; each version is its own module graph.
    const dirs = versions.map((_, i) => `v${String(i).padStart(3, "0")}`);
    const batch = 20;
    for (let start = 0; start < dirs.length; start += batch) {
      const files = dirs.slice(start, start + batch).map((d) => `${d}/use.ts`);
      const diagnostics = await typecheck(work, files);
      expect(diagnostics, `tsc on ${files.join(", ")}`).toBe("");
    }
    console.table(rows.filter((_, i) => i % 10 === 0 || i === rows.length - 1));
  });
});
