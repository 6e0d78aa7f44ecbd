import { SpecError } from "../spec-error.js";
import { canonicalJson } from "./canonical-json.js";
import { isObject, resolvePointer, schemaRefName, type Json } from "./resolve-ref.js";

/**
 * What a schema means to the generated TypeScript, one level deep (children stay raw and are
 * shaped when compared). Equivalent encodings give equal shapes: `nullable: true`, a `"null"` in a
 * `type` array, `type: "null"` beside a composition, a null-only `oneOf`/`anyOf` branch (including
 * `{enum: [null]}`), `enum` values with `null`, and `allOf` of one schema used to attach docs.
 */
export interface Shape {
  /** The component it stands for when it is (or wraps) a `$ref` to `#/components/schemas/<name>`. */
  readonly name: string | undefined;
  readonly nullable: boolean;
  /** TypeScript-visible JSON types without `null` (`integer` counts as `number`); undefined: any. */
  readonly types: ReadonlySet<string> | undefined;
  /** JSON-encoded enum values without `null`. */
  readonly enumValues: readonly string[] | undefined;
  readonly properties: ReadonlyMap<string, unknown>;
  readonly required: ReadonlySet<string>;
  /** `additionalProperties`: a raw schema, `true`, or undefined for none. */
  readonly additional: unknown;
  readonly items: unknown;
  /** Raw `oneOf`/`anyOf` branches left after null-only ones are folded into `nullable`. */
  readonly variants: readonly unknown[] | undefined;
  /** A bare `type: "null"`: a null branch inside a union, "any or null" on its own (see compute). */
  readonly nullOnly: boolean;
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  /** Canonical JSON of the documentation keys at this level (descriptions, examples…). */
  readonly docs: string;
  /** Canonical JSON of constraints that only reach comments (format, limits, default, integer-ness). */
  readonly constraints: string;
}

const DOC_KEYS = ["description", "title", "example", "examples", "externalDocs", "deprecated"] as const;
const CONSTRAINT_KEYS = [
  "format", "default", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
] as const;

const ANY: Shape = {
  name: undefined,
  nullable: false,
  types: undefined,
  enumValues: undefined,
  properties: new Map(),
  required: new Set(),
  additional: undefined,
  items: undefined,
  variants: undefined,
  nullOnly: false,
  readOnly: false,
  writeOnly: false,
  docs: "{}",
  constraints: "{}",
};

export class ShapeCache {
  private readonly cache = new WeakMap<object, Shape>();

  constructor(
    readonly doc: unknown,
    readonly origin: string,
  ) {}

  shape(raw: unknown, depth = 0): Shape {
    if (!isObject(raw)) return ANY;
    const hit = this.cache.get(raw);
    if (hit) return hit;
    if (depth > 64) throw new SpecError(`${this.origin}: schema nesting through $ref/allOf is too deep (a cycle?)`);
    const result = this.compute(raw, depth);
    this.cache.set(raw, result);
    return result;
  }

  private compute(o: Json, depth: number): Shape {
    const docs = pick(o, DOC_KEYS);
    const ownConstraints = pick(o, CONSTRAINT_KEYS);
    if (typeof o["$ref"] === "string") {
      const target = this.shape(resolvePointer(this.doc, o["$ref"], this.origin), depth + 1);
      return { ...target, name: schemaRefName(o["$ref"]), docs: canonicalJson(docs), nullable: target.nullable || o["nullable"] === true };
    }

    let nullable = o["nullable"] === true;
    let types: Set<string> | undefined;
    const rawTypes: string[] = [];
    const type = o["type"];
    if (typeof type === "string" || Array.isArray(type)) {
      const list = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
      if (list.includes("null")) nullable = true;
      rawTypes.push(...list.filter((t) => t !== "null"));
      types = new Set(rawTypes.map((t) => (t === "integer" ? "number" : t)));
    }
    const composed = Array.isArray(o["allOf"]) || Array.isArray(o["oneOf"]) || Array.isArray(o["anyOf"]);
    // The 3.2.0 snapshots spell 3.0's `nullable: true` as `type: "null"`, both beside a composition
    // and on a schema with no type at all (3.0: any value or null). Read them back the same way.
    let nullOnly = false;
    if (types?.size === 0) {
      const typed = "enum" in o || "const" in o || "properties" in o || "items" in o || "additionalProperties" in o;
      if (composed || !typed) {
        nullOnly = !composed;
        types = undefined;
      }
    }

    let enumValues: string[] | undefined;
    const values = Array.isArray(o["enum"]) ? (o["enum"] as unknown[]) : "const" in o ? [o["const"]] : undefined;
    if (values) {
      if (values.includes(null)) nullable = true;
      enumValues = values.filter((v) => v !== null).map((v) => canonicalJson(v)).sort();
      // An untyped enum is typed by its values (`enum: [null]` is `null`, `enum: ["a", 1]` is `"a" | 1`).
      if (types === undefined && !composed) types = new Set(values.filter((v) => v !== null).map(jsonType));
    }

    const properties = new Map<string, unknown>(isObject(o["properties"]) ? Object.entries(o["properties"]) : []);
    const required = new Set<string>(
      Array.isArray(o["required"]) ? (o["required"] as unknown[]).filter((r): r is string => typeof r === "string") : [],
    );
    const additional = o["additionalProperties"] === false ? undefined : o["additionalProperties"];
    const items = o["items"];
    if (types === undefined && !composed) {
      if (properties.size > 0 || additional !== undefined) types = new Set(["object"]);
      else if (items !== undefined) types = new Set(["array"]);
    }

    let own: Shape = {
      name: undefined,
      nullable,
      types,
      enumValues,
      properties,
      required,
      additional,
      items,
      variants: undefined,
      nullOnly,
      readOnly: o["readOnly"] === true,
      writeOnly: o["writeOnly"] === true,
      docs: canonicalJson(docs),
      constraints: canonicalJson({ ...ownConstraints, ...(rawTypes.includes("integer") ? { integer: true } : {}) }),
    };

    const parts: Shape[] = Array.isArray(o["allOf"]) ? (o["allOf"] as unknown[]).map((p) => this.shape(p, depth + 1)) : [];
    const branches = [o["oneOf"], o["anyOf"]].filter(Array.isArray).flat() as unknown[];
    if (branches.length > 0) {
      const kept = branches.filter((b) => !isNullOnly(this.shape(b, depth + 1)));
      if (kept.length < branches.length) own = { ...own, nullable: true };
      const [only] = kept;
      if (kept.length === 1) parts.push(this.shape(only, depth + 1));
      else if (kept.length > 1) own = { ...own, variants: kept };
    }
    return parts.reduce((acc, part) => merge(acc, part, parts.length === 1), own);
  }
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? "array" : typeof value;
}

function isNullOnly(shape: Shape): boolean {
  return shape.nullOnly || (shape.nullable && shape.enumValues?.length === 0);
}

/**
 * Folds an `allOf` part (or the one non-null branch) into the schema that holds it. With a single
 * part the holder is that part plus the holder's docs and nullability, so it keeps the part's name.
 */
function merge(holder: Shape, part: Shape, single: boolean): Shape {
  const types =
    holder.types === undefined ? part.types : part.types === undefined ? holder.types : intersect(holder.types, part.types);
  return {
    name: single ? part.name : undefined,
    nullable: holder.nullable || (single && part.nullable),
    types,
    enumValues: holder.enumValues ?? part.enumValues,
    properties: new Map([...part.properties, ...holder.properties]),
    required: new Set([...part.required, ...holder.required]),
    additional: holder.additional ?? part.additional,
    items: holder.items ?? part.items,
    variants: holder.variants ?? part.variants,
    nullOnly: false,
    readOnly: holder.readOnly || part.readOnly,
    writeOnly: holder.writeOnly || part.writeOnly,
    docs: holder.docs,
    constraints: holder.constraints === "{}" && !single ? part.constraints : holder.constraints,
  };
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((t) => b.has(t)));
}

function pick(o: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (key in o) out[key] = o[key];
  return out;
}
