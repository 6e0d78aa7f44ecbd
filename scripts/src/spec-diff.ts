import { buildSpec } from "./internal/build-spec.js";
import { normalizeOpenApi } from "./normalize-openapi.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { repoPaths } from "./internal/repo-paths.js";
import { ensureLockedSpec, type EnsureSpecOptions } from "./spec-ensure.js";
import { CHANGE_CLASSES, classRank, maxClass, type ChangeClass } from "./classify.js";
import { canonicalJson } from "./internal/canonical-json.js";
import { compareOperation, listOperations } from "./internal/compare-operations.js";
import { pathRenames, schemaRenames, underOldNames } from "./internal/detect-renames.js";
import { change, compareSchemas } from "./internal/compare-schemas.js";
import { parseOpenApi, type OpenApiDocument } from "./internal/parse-openapi.js";
import { readSource } from "./internal/read-source.js";
import { isObject, type Json } from "./internal/resolve-ref.js";
import { ShapeCache } from "./internal/schema-shape.js";
import { schemaUsage } from "./internal/schema-usage.js";
import type { ChangeFlag, DiffEntry, Direction, SpecChange, SpecDiff } from "./spec-diff-types.js";

export interface DiffInput {
  /** A label for reports: a file name or URL. */
  readonly origin: string;
  readonly doc: OpenApiDocument;
}

/** Reads and parses a spec file or URL for diffing; a SpecError (one line) when it cannot. */
export async function loadSpecForDiff(source: string): Promise<DiffInput> {
  const { text } = await readSource(source);
  return { origin: source, doc: parseOpenApi(text, source) };
}

/** The locked spec as the packages are built from it (our overlays applied). */
export async function loadLockedForDiff(options: EnsureSpecOptions = {}): Promise<DiffInput> {
  const { text } = await ensureLockedSpec(options);
  return { origin: "spec/spec.lock.json", doc: parseOpenApi(text, "spec/openapi.yaml") };
}

/**
 * A new spec prepared exactly as spec:pull would lock it (validated, our overlays applied), so that
 * comparing it with the locked one shows upstream's changes and not our overlays.
 */
export async function loadOverlaidForDiff(source: string, root?: string): Promise<DiffInput & { bytes: Uint8Array; text: string }> {
  const { bytes } = await readSource(source);
  const built = await buildSpec(bytes, source, await loadOverlays(repoPaths(root).overlays));
  return { origin: source, doc: parseOpenApi(built.text, source), bytes, text: built.text };
}

/**
 * Compares two OpenAPI documents as a typed client sees them: per operation (parameters, request
 * bodies, responses) and per component schema (in each direction the operations use it), with
 * `$ref`s resolved. Entries and changes are sorted, so the same inputs give the same report.
 */
export function diffSpecs(oldInput: DiffInput, newInput: DiffInput): SpecDiff {
  // Compared in the one canonical encoding the types and the mock are built from; the documents as
  // given only tell an encoding change ("re-encoded", class none) from no change at all.
  const oldSpec = { origin: oldInput.origin, doc: normalizeOpenApi(oldInput.doc) };
  const newSpec = { origin: newInput.origin, doc: normalizeOpenApi(newInput.doc) };
  const rawOps = { old: listOperations(oldInput.doc, oldInput.origin), new: listOperations(newInput.doc, newInput.origin) };
  const sides = { old: new ShapeCache(oldSpec.doc, oldSpec.origin), new: new ShapeCache(newSpec.doc, newSpec.origin) };
  const operations: DiffEntry[] = [];
  const opsA = listOperations(oldSpec.doc, oldSpec.origin);
  const opsB = listOperations(newSpec.doc, newSpec.origin);
  const renamed = pathRenames(
    [...opsA.values()].filter((op) => !opsB.has(op.key)),
    [...opsB.values()].filter((op) => !opsA.has(op.key)),
  );
  const renamedTo = new Set(renamed.map((r) => r.after.key));
  for (const rename of renamed) {
    const { before, after, names } = rename;
    const list = [...names].map(([from, to]) => `\`{${from}}\` → \`{${to}}\``).join(", ");
    const changes = [
      change("breaking", "path-parameter-renamed", before.key, `path parameter renamed: ${list} (now \`${after.key}\`)`),
      ...compareOperation(before, underOldNames(rename), sides),
    ];
    operations.push(entry(before.key, changes));
  }
  const renamedFrom = new Set(renamed.map((r) => r.before.key));
  for (const key of sortedUnion(opsA.keys(), opsB.keys())) {
    if (renamedFrom.has(key) || renamedTo.has(key)) continue;
    const a = opsA.get(key);
    const b = opsB.get(key);
    let changes: SpecChange[];
    if (b === undefined) changes = [change("breaking", "operation-removed", key, "removed")];
    else if (a === undefined) changes = [change("additive", "operation-added", key, "new operation")];
    else {
      changes = compareOperation(a, b, sides);
      if (changes.length === 0 && canonicalJson(rawOps.old.get(key)?.op) !== canonicalJson(rawOps.new.get(key)?.op)) {
        changes.push(change("none", "re-encoded", key, "same types, different encoding"));
      }
    }
    if (changes.length > 0) operations.push(entry(key, changes));
  }
  operations.sort((x, y) => cmp(x.subject, y.subject));

  const schemas: DiffEntry[] = [];
  const compA = componentSchemas(oldSpec.doc);
  const compB = componentSchemas(newSpec.doc);
  const rawA = componentSchemas(oldInput.doc);
  const rawB = componentSchemas(newInput.doc);
  const useA = schemaUsage(oldSpec.doc, oldSpec.origin);
  const useB = schemaUsage(newSpec.doc, newSpec.origin);
  const renames = schemaRenames(compA, compB);
  const renamedSchemas = new Set(renames.values());
  for (const name of sortedUnion(Object.keys(compA), Object.keys(compB))) {
    if (renamedSchemas.has(name)) continue;
    const newName = renames.get(name) ?? name;
    const a = compA[name];
    const b = compB[newName];
    let changes: SpecChange[];
    // Schema<"Name"> and SchemaInput<"Name"> exist for every component, used or not.
    if (b === undefined) changes = [change("breaking", "schema-removed", name, "schema removed")];
    else if (a === undefined) changes = [change("additive", "schema-added", name, "new schema")];
    else {
      changes = newName === name ? [] : [change("breaking", "schema-renamed", name, `renamed to \`${newName}\` (same shape)`)];
      const dirs = new Set<Direction>([...(useA.get(name) ?? []), ...(useB.get(newName) ?? [])]);
      for (const dir of dirs.size === 0 ? (["request", "response"] as const) : [...dirs].sort()) {
        compareSchemas(a, b, name, {
          old: sides.old,
          new: sides.new,
          dir,
          emit: (c) => changes.push(c),
          seen: new Set(),
        }, true);
      }
      changes = mergeDirections(changes);
      if (changes.length === 0 && canonicalJson(rawA[name]) !== canonicalJson(rawB[newName])) {
        changes.push(change("none", "re-encoded", name, "same types, different encoding"));
      }
    }
    if (changes.length > 0) schemas.push(entry(name, changes));
  }

  const document = documentChanges(oldInput.doc, newInput.doc);
  const all = [...operations, ...schemas, ...document].flatMap((e) => e.changes);
  const counts = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, all.filter((x) => x.class === c).length])) as Record<ChangeClass, number>;
  const flags = [...new Set(all.flatMap((c) => c.flags))].sort();
  return {
    old: oldSpec.origin,
    new: newSpec.origin,
    class: maxClass(...all.map((c) => c.class)),
    counts,
    flags,
    operations,
    schemas,
    document,
  };
}

function documentChanges(a: Json, b: Json): DiffEntry[] {
  const changes: SpecChange[] = [];
  if (a["openapi"] !== b["openapi"]) {
    changes.push(change("none", "openapi-version-changed", "openapi", `OpenAPI ${String(a["openapi"])} → ${String(b["openapi"])}`));
  }
  const ia = isObject(a["info"]) ? a["info"] : {};
  const ib = isObject(b["info"]) ? b["info"] : {};
  for (const key of sortedUnion(Object.keys(ia), Object.keys(ib))) {
    if (canonicalJson(ia[key]) !== canonicalJson(ib[key])) changes.push(change("docs", `info-${key}-changed`, `info.${key}`, "changed"));
  }
  // Nothing else at the top level reaches the generated types: servers, security, tags, extensions.
  for (const key of sortedUnion(Object.keys(a), Object.keys(b))) {
    if (["openapi", "info", "paths", "components"].includes(key)) continue;
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) changes.push(change("none", `${key}-changed`, key, "changed (not in the generated types)"));
  }
  const ca = isObject(a["components"]) ? a["components"] : {};
  const cb = isObject(b["components"]) ? b["components"] : {};
  for (const key of sortedUnion(Object.keys(ca), Object.keys(cb))) {
    // Schemas are compared one by one; parameters, bodies and responses through the operations using them.
    if (key === "schemas" || canonicalJson(ca[key]) === canonicalJson(cb[key])) continue;
    changes.push(change("none", `components-${key}-changed`, `components.${key}`, "changed (compared where operations use them)"));
  }
  return changes.length === 0 ? [] : [entry("document", changes)];
}

function componentSchemas(doc: Json): Json {
  const components = isObject(doc["components"]) ? doc["components"] : {};
  return isObject(components["schemas"]) ? components["schemas"] : {};
}

/** A schema compared in both directions reports a change once, at its more severe class. */
function mergeDirections(changes: readonly SpecChange[]): SpecChange[] {
  const byKey = new Map<string, SpecChange>();
  for (const c of changes) {
    const key = `${c.where}\u0000${c.rule}`;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, c);
    else {
      const flags = [...new Set<ChangeFlag>([...seen.flags, ...c.flags])].sort();
      const winner = classRank(c.class) > classRank(seen.class) ? c : seen;
      byKey.set(key, { ...winner, flags });
    }
  }
  return [...byKey.values()];
}

function entry(subject: string, changes: readonly SpecChange[]): DiffEntry {
  const sorted = [...changes].sort(
    (x, y) => classRank(y.class) - classRank(x.class) || cmp(x.where, y.where) || cmp(x.message, y.message),
  );
  return { subject, class: maxClass(...sorted.map((c) => c.class)), changes: sorted };
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(cmp);
}
