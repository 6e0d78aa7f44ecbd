import { canonicalJson } from "./canonical-json.js";
import type { OperationRef } from "./compare-operations.js";
import { isObject, type Json } from "./resolve-ref.js";

const DOC_KEYS = new Set(["description", "title", "example", "examples", "externalDocs", "deprecated"]);

/**
 * Component schemas removed under one name and added under another with the same shape (the same
 * schema once its documentation keys are set aside), old name → new name. Each new name is matched
 * once, in name order, so the result does not depend on key order.
 */
export function schemaRenames(before: Json, after: Json): Map<string, string> {
  const removed = Object.keys(before).filter((n) => !(n in after)).sort();
  const added = Object.keys(after).filter((n) => !(n in before)).sort();
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of removed) {
    const shape = shapeKey(before[name]);
    const match = added.find((candidate) => !taken.has(candidate) && shapeKey(after[candidate]) === shape);
    if (match === undefined) continue;
    taken.add(match);
    renames.set(name, match);
  }
  return renames;
}

function shapeKey(schema: unknown): string {
  if (!isObject(schema)) return canonicalJson(schema);
  return canonicalJson(Object.fromEntries(Object.entries(schema).filter(([key]) => !DOC_KEYS.has(key))));
}

/** An operation whose path only renamed its parameters: `GET /a/{id}` → `GET /a/{agent_id}`. */
export interface PathRename {
  readonly before: OperationRef;
  readonly after: OperationRef;
  /** Old parameter name → new, for the names that changed. */
  readonly names: ReadonlyMap<string, string>;
}

const PARAM = /\{([^}]+)\}/g;

/**
 * Operations removed under one path and added under a path that differs only in its parameter
 * names (same method, same segments, parameters in the same places).
 */
export function pathRenames(removed: readonly OperationRef[], added: readonly OperationRef[]): PathRename[] {
  const out: PathRename[] = [];
  const taken = new Set<string>();
  for (const before of removed) {
    const template = before.key.replace(PARAM, "{}");
    const after = added.find((op) => !taken.has(op.key) && op.key.replace(PARAM, "{}") === template);
    if (after === undefined) continue;
    taken.add(after.key);
    const oldNames = [...before.key.matchAll(PARAM)].map((m) => m[1] ?? "");
    const newNames = [...after.key.matchAll(PARAM)].map((m) => m[1] ?? "");
    const names = new Map<string, string>();
    oldNames.forEach((name, i) => {
      const next = newNames[i] ?? name;
      if (next !== name) names.set(name, next);
    });
    out.push({ before, after, names });
  }
  return out;
}

/** `after` seen under `before`'s key and parameter names, so that it compares as the same operation. */
export function underOldNames(rename: PathRename): OperationRef {
  const back = new Map([...rename.names].map(([oldName, newName]) => [newName, oldName]));
  const params = new Map<string, Json>();
  for (const [key, param] of rename.after.params) {
    const [where, name] = [param["in"], param["name"]];
    const old = where === "path" && typeof name === "string" ? back.get(name) : undefined;
    params.set(old === undefined ? key : `path ${old}`, old === undefined ? param : { ...param, name: old });
  }
  return { ...rename.after, key: rename.before.key, params };
}
