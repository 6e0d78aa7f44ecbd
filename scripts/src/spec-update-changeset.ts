import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { bumpForClass, CHANGE_CLASSES, type ChangeClass } from "./classify.js";
import { sha256 } from "./internal/sha256.js";
import type { SpecChange, SpecDiff } from "./spec-diff-types.js";

export const TYPES_PACKAGE = "@ultravox-api/types";

export type Bump = "major" | "minor" | "patch";

export interface Dependent {
  readonly name: string;
  /** Whether its published declarations mention the types package (then its API moves with it). */
  readonly exposesTypes: boolean;
}

export interface Changeset {
  /** File name under `.changeset/`, from a hash of the content: same content, same name. */
  readonly file: string;
  readonly text: string;
  readonly bumps: Readonly<Record<string, Bump>>;
}

const HEADINGS: Record<ChangeClass, string> = {
  breaking: "Breaking changes",
  "runtime-breaking": "Breaking changes the server enforces (the types only document them)",
  additive: "Additions",
  docs: "Documentation",
  none: "",
};

/** A changelog line per change, phrased for people reading CHANGELOG.md. */
export function changelogLine(c: SpecChange): string {
  const subject = `\`${c.where}\``;
  let line = c.message;
  if (c.rule === "operation-added") line = `Added ${subject}`;
  else if (c.rule === "operation-removed") line = `Removed ${subject}`;
  else if (c.rule === "schema-added") line = `Added schema ${subject}`;
  else if (c.rule === "schema-removed") line = `Removed schema ${subject}`;
  if (c.flags.includes("response-enum-growth")) line += " (responses can now carry it: exhaustive `switch`es need a case)";
  return line;
}

/**
 * The changeset for an API change: the types package bumped by the diff's class (major, minor,
 * patch for breaking, additive, docs); a dependent whose declarations expose the types gets the same
 * bump (its API moved with them), any other dependent a patch (only its dependency moved).
 */
export function buildChangeset(diff: SpecDiff, dependents: readonly Dependent[], label: string): Changeset | undefined {
  const bump = bumpForClass(diff.class);
  if (bump === undefined) return undefined;
  const bumps: Record<string, Bump> = { [TYPES_PACKAGE]: bump };
  for (const d of dependents) bumps[d.name] = d.exposesTypes ? bump : "patch";
  const names = Object.keys(bumps).sort();
  const lines = ["---", ...names.map((n) => `"${n}": ${bumps[n] ?? "patch"}`), "---", "", `Ultravox API spec update (${label}).`, ""];
  const all = [...diff.operations, ...diff.schemas, ...diff.document].flatMap((e) => e.changes);
  for (const cls of CHANGE_CLASSES) {
    if (cls === "none") continue;
    const items = [...new Set(all.filter((c) => c.class === cls).map(changelogLine))].sort();
    if (items.length === 0) continue;
    lines.push(`${HEADINGS[cls]}:`, "", ...items.map((l) => `- ${l}`), "");
  }
  const text = lines.join("\n");
  return { file: `spec-update-${sha256(text).slice(0, 12)}.md`, text, bumps };
}

/**
 * Public workspace packages depending on the types package, and whether their built declarations
 * (`dist/**\/*.d.ts`, or `src/` when not built) import it.
 */
export async function findDependents(root: string): Promise<Dependent[]> {
  const dir = join(root, "packages");
  const out: Dependent[] = [];
  for (const entry of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const pkg = JSON.parse(await readFile(join(dir, entry, "package.json"), "utf8").catch(() => "{}")) as {
      name?: string;
      private?: boolean;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    if (pkg.name === undefined || pkg.private === true || pkg.name === TYPES_PACKAGE) continue;
    if (!(TYPES_PACKAGE in (pkg.dependencies ?? {})) && !(TYPES_PACKAGE in (pkg.peerDependencies ?? {}))) continue;
    const dist = await declarationFiles(join(dir, entry, "dist"), ".d.ts");
    const files = dist.length > 0 ? dist : await declarationFiles(join(dir, entry, "src"), ".ts");
    let exposesTypes = false;
    for (const file of files) if ((await readFile(file, "utf8")).includes(`"${TYPES_PACKAGE}"`)) exposesTypes = true;
    out.push({ name: pkg.name, exposesTypes });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function declarationFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith(suffix)).sort().map((e) => join(dir, e));
}
