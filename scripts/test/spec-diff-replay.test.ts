import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseOpenApi, type OpenApiDocument } from "../src/internal/parse-openapi.js";
import { diffSpecs, type DiffInput } from "../src/spec-diff.js";
import type { SpecDiff } from "../src/spec-diff-types.js";
import { replayClasses } from "./fixtures/replay-classes.js";
import { sharedSpecDir } from "./helpers/temp-repo.js";

const historyDir = join(sharedSpecDir, "history");
const reencoded = ["2026-03-11T0715.yaml", "2026-03-12T0235.yaml", "2026-03-14T0231.yaml"];

function nonNone(diff: SpecDiff): string[] {
  return [...diff.operations, ...diff.schemas, ...diff.document]
    .flatMap((e) => e.changes)
    .filter((c) => c.class !== "none")
    .map((c) => `${c.class} ${c.message}`)
    .sort();
}

/** 3.0's `nullable: true` spelled the 3.2.0 snapshots' way, written independently of the normaliser. */
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

// Read-only inputs every test uses; filled by the hook, never by a test, so each test runs alone.
const versions: DiffInput[] = [];
const diffs = new Map<string, SpecDiff>();

beforeAll(async () => {
  const names = (await readdir(historyDir)).filter((n) => n.endsWith(".yaml")).sort();
  for (const name of names) {
    versions.push({ origin: name, doc: parseOpenApi(await readFile(join(historyDir, name), "utf8"), name) });
  }
  for (let i = 1; i < versions.length; i++) {
    const [a, b] = [versions[i - 1], versions[i]] as [DiffInput, DiffInput];
    diffs.set(b.origin, diffSpecs(a, b));
  }
}, 300_000);

function diffInto(version: string): SpecDiff {
  const diff = diffs.get(version);
  if (diff === undefined) throw new Error(`no step into ${version}`);
  return diff;
}

describe("spec:diff replayed over the published history", () => {
  it("gives every one of the 113 transitions the class of the replay table", () => {
    expect(versions).toHaveLength(114);
    const got = Object.fromEntries([...diffs].map(([to, diff]) => [to.replace(".yaml", ""), diff.class]));
    console.table([...diffs].map(([to, diff]) => ({ to: to.replace(".yaml", ""), class: diff.class, ...diff.counts, flags: diff.flags.join(" ") })));
    expect(got).toEqual(replayClasses);
  });

  it("classifies the 3.2.0 re-encoding as none, keeping only the real changes of those steps", () => {
    // What else changed in those steps, read from the snapshots by hand (the re-encoding aside).
    const want: Record<string, string[]> = {
      // Upstream also dropped the document-level `security` there (and never put it back): the seven
      // operations without their own requirement are, as written, open to anonymous calls.
      "2026-03-11T0715.yaml": [
        "additive `Account.accountId`: new property",
        ...[
          "DELETE /api/api_keys/{api_key_prefix}",
          "GET /api/api_keys/{api_key_prefix}",
          "GET /api/api_keys",
          "PATCH /api/api_keys/{api_key_prefix}",
          "POST /api/agents/{agent_id}/telephony_xml",
          "POST /api/api_keys",
          "PUT /api/api_keys/{api_key_prefix}",
        ].map((op) => `additive \`${op}\`: no longer requires authentication`),
      ],
      "2026-03-12T0235.yaml": ["additive `CallStage.initialTokenCount`: new property", "additive `CallStage.latestTokenCount`: new property"],
      "2026-03-14T0231.yaml": ["additive `ultravox.v1.ToolOverrides`: new schema", "additive `ultravox.v1.StartAgentCallRequest.toolOverrides`: new optional property"],
      "2026-03-16T1911.yaml": [],
    };
    for (const [to, lines] of Object.entries(want)) expect(nonNone(diffInto(to)), to).toEqual([...lines].sort());
    // The steps into and out of 3.2.0 re-encoded dozens of schemas: they are reported, as none.
    expect(diffInto("2026-03-11T0715.yaml").counts.none).toBeGreaterThan(40);
    expect(diffInto("2026-03-16T1911.yaml").class).toBe("none");
    expect(diffInto("2026-03-16T1911.yaml").counts.none).toBeGreaterThan(40);
    expect(versions.filter((v) => v.doc.openapi === "3.2.0").map((v) => v.origin)).toEqual(reencoded);
  });

  it("finds no change at all between any version and its own 3.2.0-style re-encoding", { timeout: 300_000 }, () => {
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
    for (const [to, diff] of diffs) {
      for (const c of diff.operations.flatMap((e) => e.changes)) {
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
    // The history removes and adds endpoints more than once (e.g. DELETE /api/calls/{call_id} in 2024-11).
    expect(removed).toBeGreaterThan(3);
    expect(added).toBeGreaterThan(20);
    expect(nonNone(diffInto("2024-11-25T1815.yaml"))).toEqual(["breaking `DELETE /api/calls/{call_id}`: removed"]);
  });

  it("reports the two real schema renames as renames", () => {
    expect(nonNone(diffInto("2025-03-21T0056.yaml"))).toContain("breaking `ultravox.v1.LoadSpec`: renamed to `ultravox.v1.CrawlSpec` (same shape)");
    expect(nonNone(diffInto("2025-08-25T1818.yaml"))).toContain("breaking `StatusEnum`: renamed to `WebhookStatusEnum` (same shape)");
    const renames = [...diffs.values()].flatMap((d) => d.schemas.flatMap((e) => e.changes)).filter((c) => c.rule === "schema-renamed");
    expect(renames).toHaveLength(2);
  });

  it("reports the request-side tightenings of 2025-07 and 2026-03 as runtime-breaking", () => {
    const runtime = (to: string) => nonNone(diffInto(to)).filter((l) => l.startsWith("runtime-breaking"));
    expect(runtime("2025-07-29T0113.yaml")).toEqual([
      "runtime-breaking `GET /api/voices?ownership`: the server now refuses more values (minLength 1)",
      "runtime-breaking `GET /api/voices?search`: the server now refuses more values (minLength 1)",
    ]);
    const march = runtime("2026-03-06T1900.yaml");
    expect(march).toContain('runtime-breaking `GET /api/calls?fromDate`: the server now refuses more values (format "date" → "date-time")');
    expect(march).toContain("runtime-breaking `TelnyxConfig.applicationSid`: the server now refuses more values (maxLength 40)");
    expect(march).toHaveLength(13);
    const elsewhere = [...diffs].filter(([to, d]) => !["2025-07-29T0113.yaml", "2026-03-06T1900.yaml"].includes(to) && d.counts["runtime-breaking"] > 0);
    expect(elsewhere.map(([to]) => to)).toEqual([]);
  });
});
