import type { OpenApiDocument } from "./internal/parse-openapi.js";
import { isObject, type Json } from "./internal/resolve-ref.js";

/**
 * One canonical encoding of nullability and of single-`allOf` wrappers, read by every consumer of a
 * spec (types generator, mock runtime spec, differ) so that they can never disagree on what a schema
 * means. Returns a new document; the input is not changed.
 *
 * The canonical form is OpenAPI 3.0's, whatever the `openapi` version says (the mock and the types
 * generator read `nullable`; upstream wrote 3.0 for all but three snapshots):
 * - nullability is `nullable: true`, never a `"null"` in `type`, a `type: "null"` beside other
 *   keywords, a `null` in an `enum` that has other values, or a null-only `oneOf`/`anyOf` branch
 *   (`{type: "null"}`, `{enum: [null]}`, or a `$ref` to such a schema);
 * - a bare `type: "null"` outside a union is 3.0's bare `nullable: true` (any value or null): the
 *   3.2.0 snapshots wrote 3.0's bare `nullable: true` that way, and went back a week later;
 * - a null-only schema (DRF's `NullEnum`) stays `{enum: [null], nullable: true}`;
 * - a union left with one branch, and a `$ref` with sibling keywords (3.1+), become a single-`allOf`
 *   wrapper; a wrapper with nothing beside it is the `$ref` itself, and a wrapper of an inline
 *   schema is merged into its holder when no keyword clashes.
 */
export function normalizeOpenApi<T extends OpenApiDocument>(doc: T): T {
  const out = structuredClone(doc);
  const components = out["components"];
  const schemas = isObject(components) ? components["schemas"] : undefined;
  if (isObject(schemas)) {
    for (const [name, schema] of Object.entries(schemas)) schemas[name] = normalizeSchema(schema, doc);
  }
  walkDocument(out, doc, schemas);
  return out;
}

/** Keys whose values are data, never schemas or OpenAPI objects. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);
const UNION_KEYS = ["oneOf", "anyOf"] as const;

/** Walks OpenAPI objects (parameters, bodies, responses, headers…) and normalises each `schema` in them. */
function walkDocument(node: unknown, raw: OpenApiDocument, done: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) walkDocument(item, raw, done);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (value === done || key.startsWith("x-") || DATA_KEYS.has(key)) continue;
    if (key === "schema") node[key] = normalizeSchema(value, raw);
    else walkDocument(value, raw, done);
  }
}

/** Normalises one schema (children first), returning the canonical schema. */
function normalizeSchema(schema: unknown, raw: OpenApiDocument): unknown {
  if (!isObject(schema)) return schema;
  const s: Json = { ...schema };
  for (const key of ["items", "additionalProperties", "not", "contains", "propertyNames"]) {
    if (isObject(s[key])) s[key] = normalizeSchema(s[key], raw);
  }
  for (const key of ["properties", "patternProperties", "$defs"]) {
    const map = s[key];
    if (isObject(map)) s[key] = Object.fromEntries(Object.entries(map).map(([name, value]) => [name, normalizeSchema(value, raw)]));
  }
  if (Array.isArray(s["prefixItems"])) s["prefixItems"] = (s["prefixItems"] as unknown[]).map((p) => normalizeSchema(p, raw));

  let nullable = s["nullable"] === true;
  delete s["nullable"];

  const type = s["type"];
  if (Array.isArray(type) || type === "null") {
    const list = (Array.isArray(type) ? type : [type]) as unknown[];
    if (list.includes("null")) nullable = true;
    const rest = list.filter((t) => t !== "null");
    if (rest.length === 0) delete s["type"];
    else s["type"] = rest.length === 1 ? rest[0] : rest;
  }

  if (Array.isArray(s["enum"]) && (s["enum"] as unknown[]).includes(null)) {
    nullable = true;
    const rest = (s["enum"] as unknown[]).filter((v) => v !== null);
    // A null-only enum (DRF's NullEnum) has no other encoding in 3.0: it keeps its one value.
    if (rest.length > 0) s["enum"] = rest;
  }

  const wrapped: unknown[] = Array.isArray(s["allOf"]) ? (s["allOf"] as unknown[]).map((p) => normalizeSchema(p, raw)) : [];
  for (const key of UNION_KEYS) {
    if (!Array.isArray(s[key])) continue;
    const branches = s[key] as unknown[];
    const kept = branches.filter((b) => !isNullOnly(b, raw));
    if (kept.length < branches.length) nullable = true;
    Reflect.deleteProperty(s, key);
    if (kept.length === 1) wrapped.push(normalizeSchema(kept[0], raw));
    else if (kept.length > 1) s[key] = kept.map((b) => normalizeSchema(b, raw));
    else s["enum"] = [null];
  }

  if (typeof s["$ref"] === "string" && Object.keys(s).length > 1) {
    wrapped.unshift({ $ref: s["$ref"] });
    delete s["$ref"];
  }
  if (wrapped.length > 0) s["allOf"] = wrapped;
  else delete s["allOf"];

  let result: Json = s;
  const [only] = wrapped;
  if (wrapped.length === 1 && isObject(only)) {
    const holder = { ...s };
    delete holder["allOf"];
    if (typeof only["$ref"] === "string") {
      if (Object.keys(holder).length === 0 && !nullable) return only;
    } else if (Object.keys(only).every((k) => !(k in holder) || k === "nullable")) {
      if (only["nullable"] === true) nullable = true;
      const merged: Json = { ...only, ...holder };
      delete merged["nullable"];
      result = merged;
    }
  }
  if (nullable) result["nullable"] = true;
  return result;
}

/** A union branch that only admits null, in any encoding (followed through local `$ref`s). */
function isNullOnly(branch: unknown, raw: OpenApiDocument, hops = 0): boolean {
  if (!isObject(branch) || hops > 32) return false;
  const ref = branch["$ref"];
  if (typeof ref === "string") return ref.startsWith("#/") && isNullOnly(pointer(raw, ref), raw, hops + 1);
  const type = branch["type"];
  const types = Array.isArray(type) ? (type as unknown[]) : type === undefined ? [] : [type];
  if (types.length > 0 && types.every((t) => t === "null")) return !hasShape(branch);
  const values = Array.isArray(branch["enum"]) ? (branch["enum"] as unknown[]) : "const" in branch ? [branch["const"]] : undefined;
  return values !== undefined && values.length > 0 && values.every((v) => v === null);
}

function hasShape(o: Json): boolean {
  return ["enum", "const", "properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf"].some((k) => k in o);
}

function pointer(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}
