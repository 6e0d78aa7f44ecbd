import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseOpenApi, type OpenApiDocument } from "../src/internal/parse-openapi.js";
import { diffSpecs, type DiffInput } from "../src/spec-diff.js";
import type { SpecDiff } from "../src/spec-diff-types.js";
import { sharedSpecDir } from "./helpers/temp-repo.js";

const historyDir = join(sharedSpecDir, "history");
const reencoded = ["2026-03-11T0715.yaml", "2026-03-12T0235.yaml", "2026-03-14T0231.yaml"];

interface Step {
  readonly from: string;
  readonly to: string;
  readonly diff: SpecDiff;
}

const versions: DiffInput[] = [];
const steps: Step[] = [];

function nonNone(diff: SpecDiff): string[] {
  return [...diff.operations, ...diff.schemas, ...diff.document]
    .flatMap((e) => e.changes)
    .filter((c) => c.class !== "none")
    .map((c) => `${c.class} ${c.message}`)
    .sort();
}

/** 3.0's `nullable: true` spelled the 3.2.0 snapshots' way, written independently of the differ. */
function reencode(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const o = node as Record<string, unknown>;
    if (o["nullable"] === true) {
      delete o["nullable"];
      const type = o["type"];
      if (typeof type === "string") o["type"] = ["null", type];
      else if (type === undefined) o["type"] = "null";
    }
    Object.values(o).forEach(walk);
  };
  walk(copy);
  copy.openapi = "3.2.0";
  return copy;
}

beforeAll(async () => {
  const names = (await readdir(historyDir)).filter((n) => n.endsWith(".yaml")).sort();
  for (const name of names) {
    versions.push({ origin: name, doc: parseOpenApi(await readFile(join(historyDir, name), "utf8"), name) });
  }
}, 120_000);

describe("spec:diff replayed over the published history", () => {
  it("diffs and classifies every step without crashing", () => {
    expect(versions).toHaveLength(114);
    const failures: string[] = [];
    for (let i = 1; i < versions.length; i++) {
      const [a, b] = [versions[i - 1], versions[i]] as [DiffInput, DiffInput];
      try {
        steps.push({ from: a.origin, to: b.origin, diff: diffSpecs(a, b) });
      } catch (error) {
        failures.push(`${b.origin}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(steps).toHaveLength(113);
    console.table(
      steps.map(({ to, diff }) => ({ date: to.replace(".yaml", ""), class: diff.class, ...diff.counts, flags: diff.flags.join(" ") })),
    );
  });

  it("classifies the 3.2.0 re-encoding as none, keeping only the real changes of those steps", () => {
    const byTarget = new Map(steps.map((s) => [s.to, s.diff]));
    // What else changed in those steps, read from the snapshots by hand (the re-encoding aside).
    const want: Record<string, string[]> = {
      "2026-03-11T0715.yaml": ["additive `Account.accountId`: new property"],
      "2026-03-12T0235.yaml": ["additive `CallStage.initialTokenCount`: new property", "additive `CallStage.latestTokenCount`: new property"],
      "2026-03-14T0231.yaml": ["additive `ToolOverrides`: new schema", "additive `StartAgentCallRequest.toolOverrides`: new optional property"].map((l) =>
        l.replace("`ToolOverrides`", "`ultravox.v1.ToolOverrides`").replace("`StartAgentCallRequest", "`ultravox.v1.StartAgentCallRequest"),
      ),
      "2026-03-16T1911.yaml": [],
    };
    for (const [to, lines] of Object.entries(want)) {
      const diff = byTarget.get(to);
      expect(diff, to).toBeDefined();
      expect(nonNone(diff as SpecDiff), to).toEqual([...lines].sort());
    }
    // The steps into and out of 3.2.0 re-encoded dozens of schemas: they are reported, as none.
    expect(byTarget.get("2026-03-11T0715.yaml")?.counts.none).toBeGreaterThan(40);
    expect(byTarget.get("2026-03-16T1911.yaml")?.class).toBe("none");
    expect(byTarget.get("2026-03-16T1911.yaml")?.counts.none).toBeGreaterThan(40);
    expect(versions.filter((v) => v.doc.openapi === "3.2.0").map((v) => v.origin)).toEqual(reencoded);
  });

  it("finds no change at all between any version and its own 3.2.0-style re-encoding", () => {
    const failures: string[] = [];
    for (const version of versions) {
      const diff = diffSpecs(version, { origin: "re-encoded", doc: reencode(version.doc) });
      if (diff.class !== "none") failures.push(`${version.origin}: ${nonNone(diff).slice(0, 3).join("; ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("classifies every removed operation as breaking and every new endpoint as additive", () => {
    let removed = 0;
    let added = 0;
    for (const { to, diff } of steps) {
      for (const entry of diff.operations) {
        for (const c of entry.changes) {
          if (c.rule === "operation-removed") {
            removed++;
            expect(c.class, `${to} ${c.where}`).toBe("breaking");
            expect(diff.class, to).toBe("breaking");
          }
          if (c.rule === "operation-added") {
            added++;
            expect(c.class, `${to} ${c.where}`).toBe("additive");
          }
        }
      }
    }
    // The history removes and adds endpoints more than once (e.g. DELETE /api/calls/{call_id} in 2024-11).
    expect(removed).toBeGreaterThan(3);
    expect(added).toBeGreaterThan(20);
    const first = steps.find((s) => s.to === "2024-11-25T1815.yaml");
    expect(first && nonNone(first.diff)).toEqual(["breaking `DELETE /api/calls/{call_id}`: removed"]);
  });
});
