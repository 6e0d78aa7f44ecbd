import { canonicalJson } from "./canonical-json.js";
import type { OperationRef } from "./compare-operations.js";
import { isObject, schemaRefName, type Json } from "./resolve-ref.js";
import type { ShapeCache } from "./schema-shape.js";

const DOC_KEYS = new Set(["description", "title", "example", "examples", "externalDocs", "deprecated"]);
/** Keywords whose value is one subschema, a list of them, or a map of names to them. */
const ONE_SCHEMA = new Set(["items", "additionalProperties", "not", "contains", "propertyNames", "additionalItems", "unevaluatedItems", "unevaluatedProperties", "if", "then", "else"]);
const SCHEMA_LIST = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SCHEMA_MAP = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/** Old name → new name, one of the renames a pair of shapes holds under. */
type Pair = readonly [string, string];

/**
 * Component schemas removed under one name and added under another with the same shape (the same
 * schema once documentation keys are set aside, at every level), old name → new name. Shapes are
 * compared modulo the renames themselves: `Parent` → `Parent2` holds when its `$ref` to `Child` now
 * points at `Child2` and `Child` → `Child2` holds too (greatest fixpoint, so cycles and
 * self-references rename together). Each name is matched once. When candidates tie, removed names
 * take them in name order, first the renames linked to others through `$ref`s (those say which
 * copy replaced which), then the rest, each the first new name in name order that agrees with what
 * is matched already; so the result never depends on key order.
 */
export function schemaRenames(before: Json, after: Json): Map<string, string> {
  const removed = Object.keys(before).filter((n) => !(n in after)).sort();
  const added = Object.keys(after).filter((n) => !(n in before)).sort();
  const match = new ShapeMatcher(new Set(removed), new Set(added));
  const needs = new Map<string, Pair[]>();
  for (const from of removed) {
    for (const to of added) {
      const need: Pair[] = [];
      if (match.schemas(before[from], after[to], need)) needs.set(pairKey(from, to), need);
    }
  }
  // Drop candidates that hold only through a rename that is no candidate, until none is left to drop.
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [key, need] of needs) {
      if (need.some(([from, to]) => !needs.has(pairKey(from, to)))) {
        needs.delete(key);
        dropped = true;
      }
    }
  }
  const renames = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const linked of [true, false]) {
    for (const from of removed) {
      if (renames.has(from)) continue;
      for (const to of added) {
        const need = needs.get(pairKey(from, to));
        if (need === undefined || (linked && need.every(([x]) => x === from))) continue;
        const closure = closeOver(from, to, needs, renames, taken);
        if (closure === undefined) continue;
        for (const [x, y] of closure) {
          renames.set(x, y);
          taken.set(y, x);
        }
        break;
      }
    }
  }
  return renames;
}

const known = new WeakMap<ShapeCache, { readonly after: ShapeCache; readonly renames: ReadonlyMap<string, string> }>();

/** `schemaRenames` between the component schemas of the two documents being compared (computed once per pair). */
export function componentRenames(before: ShapeCache, after: ShapeCache): ReadonlyMap<string, string> {
  const hit = known.get(before);
  if (hit?.after === after) return hit.renames;
  const renames = schemaRenames(componentSchemas(before.doc), componentSchemas(after.doc));
  known.set(before, { after, renames });
  return renames;
}

function componentSchemas(doc: unknown): Json {
  const components = isObject(doc) ? doc["components"] : undefined;
  return isObject(components) && isObject(components["schemas"]) ? components["schemas"] : {};
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** The pair and every pair it needs in turn, or undefined when they contradict each other or what is matched. */
function closeOver(from: string, to: string, needs: ReadonlyMap<string, readonly Pair[]>, renames: ReadonlyMap<string, string>, taken: ReadonlyMap<string, string>): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const back = new Map<string, string>();
  const queue: Pair[] = [[from, to]];
  for (let pair = queue.pop(); pair !== undefined; pair = queue.pop()) {
    const [x, y] = pair;
    if ((renames.get(x) ?? y) !== y || (taken.get(y) ?? x) !== x) return undefined;
    if ((out.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return undefined;
    if (out.has(x)) continue;
    out.set(x, y);
    back.set(y, x);
    queue.push(...(needs.get(pairKey(x, y)) ?? []));
  }
  return out;
}

/** Structural equality of two schemas where a `$ref` to a removed schema may stand for one to an added one. */
class ShapeMatcher {
  constructor(
    private readonly removed: ReadonlySet<string>,
    private readonly added: ReadonlySet<string>,
  ) {}

  /** Whether `a` and `b` are the same schema, provided each pair pushed to `need` is a rename. */
  schemas(a: unknown, b: unknown, need: Pair[]): boolean {
    if (!isObject(a) || !isObject(b)) return canonicalJson(a) === canonicalJson(b);
    const keys = (o: Json) => Object.keys(o).filter((k) => !DOC_KEYS.has(k)).sort();
    const ka = keys(a);
    if (canonicalJson(ka) !== canonicalJson(keys(b))) return false;
    return ka.every((key) => this.keyword(key, a[key], b[key], need));
  }

  private keyword(key: string, a: unknown, b: unknown, need: Pair[]): boolean {
    if (key === "$ref") return this.ref(a, b, need);
    if (ONE_SCHEMA.has(key)) return this.schemas(a, b, need);
    if (SCHEMA_LIST.has(key) && Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every((x, i) => this.schemas(x, b[i], need));
    }
    if (SCHEMA_MAP.has(key) && isObject(a) && isObject(b)) {
      const names = Object.keys(a).sort();
      return canonicalJson(names) === canonicalJson(Object.keys(b).sort()) && names.every((n) => this.schemas(a[n], b[n], need));
    }
    if (key === "discriminator" && isObject(a) && isObject(b)) {
      // Its mapping's values are `$ref`s too.
      const { mapping: ma, ...ra } = a;
      const { mapping: mb, ...rb } = b;
      if (canonicalJson(ra) !== canonicalJson(rb)) return false;
      if (!isObject(ma) || !isObject(mb)) return canonicalJson(ma) === canonicalJson(mb);
      const names = Object.keys(ma).sort();
      return canonicalJson(names) === canonicalJson(Object.keys(mb).sort()) && names.every((n) => this.ref(ma[n], mb[n], need));
    }
    return canonicalJson(a) === canonicalJson(b);
  }

  private ref(a: unknown, b: unknown, need: Pair[]): boolean {
    if (a === b) return true;
    const from = typeof a === "string" ? schemaRefName(a) : undefined;
    const to = typeof b === "string" ? schemaRefName(b) : undefined;
    if (from === undefined || to === undefined || !this.removed.has(from) || !this.added.has(to)) return false;
    need.push([from, to]);
    return true;
  }
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
