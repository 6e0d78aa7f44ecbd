import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVersions, listHistory, makeWorkDir, nullIntersections, removeWorkDir, type GeneratedVersion } from "./replay.js";
import { typecheck } from "./tsc.js";

/**
 * The history replay for every `parts`-th version starting at `part`: vitest runs the parts' files
 * in parallel workers, and each part is type-checked as one tsc program (every version in its own
 * folder, so its own module graph).
 */
export function replaySuite(part: number, parts: number): void {
  let work: string;
  let all: string[];
  let mine: string[];
  let generated: GeneratedVersion[];
  let failures: string[];

  beforeAll(async () => {
    work = await makeWorkDir();
    all = await listHistory();
    mine = all.filter((_, i) => i % parts === part);
    ({ generated, failures } = await generateVersions(work, mine));
  });

  afterAll(async () => {
    await removeWorkDir(work);
  });

  describe(`replay of the published spec versions (part ${part + 1} of ${parts})`, () => {
    it("takes its share of the whole history", () => {
      expect(all).toHaveLength(114);
      expect(mine.length).toBeGreaterThanOrEqual(Math.floor(114 / parts));
    });

    it("builds (overlays applied, strictly validated) and generates types for each of its versions", () => {
      expect(failures).toEqual([]);
      expect(generated.map((g) => g.version)).toEqual(mine);
      console.table(generated.map(({ version, openapi, operations, code }) => ({ version, openapi, operations, bytes: code.length })));
    });

    it("generates no intersection with null (a `never`) in any version", () => {
      const found = generated.flatMap((g) => nullIntersections(g.code).map((line) => `${g.version}: ${line}`));
      expect(found).toEqual([]);
    });

    it("type-checks every version in one program: aliases instantiate, no schema property is never, the 3.2.0 fields keep their types", async () => {
      const files = generated.flatMap((g) => [`${g.dir}/use.ts`, ...(g.openapi.startsWith("3.2") ? [`${g.dir}/fields.ts`] : [])]);
      const snapshots32 = ["2026-03-11T0715", "2026-03-12T0235", "2026-03-14T0231"].filter((v) => mine.includes(`${v}.yaml`));
      expect(files.filter((f) => f.endsWith("fields.ts"))).toEqual(snapshots32.map((v) => `${v}/fields.ts`));
      expect(await typecheck(work, files)).toBe("");
    });
  });
}
