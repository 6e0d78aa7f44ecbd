import type { ErrorObject } from "ajv";
import { asArray, bareObject, isObject, type JsonObject } from "../internal/json.js";
import { formMessage, serializerMessage, type FieldKind } from "./drf-messages.js";
import { resolveRef } from "./json-schema.js";

/** What toFieldErrors knows beyond the errors: the body's schema and data give DRF's nested shapes. */
export interface FieldErrorContext {
  /** Query parameters: worded as Django's form fields (django-filter) word them. */
  readonly form?: boolean;
  /** The OpenAPI schema of the validated value and the components it refers to. */
  readonly schema?: unknown;
  readonly schemas?: JsonObject;
  /** The validated value: a list of nested serializers reports one entry per item. */
  readonly data?: unknown;
}

/**
 * Turns ajv errors into a Django REST Framework validation body, shaped as DRF's serializers
 * build it: `{"field": ["message"]}`; a nested serializer's errors nested
 * (`{"callTemplate": {"voice": [...]}}`); a list of nested serializers (many=True) as a list with
 * one entry per item, `{}` for the valid ones, and its own errors under `non_field_errors`; a
 * ListField's item errors keyed by index; the body's own under `non_field_errors`. One message
 * per field (DRF stops at a field's first failure), in DRF's words with Python's type names.
 */
export function toFieldErrors(errors: readonly ErrorObject[], context: FieldErrorContext = {}): JsonObject {
  const body = bareObject();
  // A nullable field's `null` branch failing says nothing about the value (its other branch does).
  const meaningful = errors.filter((error) => !(error.keyword === "type" && (error.params as Record<string, unknown>)["type"] === "null"));
  const walker = new SchemaWalker(context.schema, context.schemas ?? {});
  // A composite's failure (anyOf, oneOf, not) comes after its branches' errors (ajv's order), so a
  // place its branches already reported keeps theirs; a composite failing alone is the message.
  const chosen = inDrfOrder(meaningful.length > 0 ? meaningful : errors, walker);
  const seen = new Set<string>();
  for (const error of chosen) {
    const path = errorPath(error);
    const where = path.join("/");
    if (seen.has(where)) continue;
    seen.add(where);
    const kind = walker.kindAt(path);
    const message = context.form === true ? formMessage(error) : serializerMessage(error, kind);
    // A serializer's own failure (not a dict; a many=True list not a list, empty or too long) is
    // its non_field_errors; a missing or null field is the field's message, as for any field.
    const own = error.data !== null && (error.keyword === "type" || ((error.keyword === "minItems" || error.keyword === "maxItems") && kind === "serializer-list"));
    const wrap = path.length === 0 || (own && (kind === "serializer" || kind === "serializer-list"));
    place(body, wrap ? [...path, "non_field_errors"] : path, message, walker, context.data);
  }
  return body;
}

const LENGTH = new Set(["minItems", "maxItems"]);

/** The data path an error is about (a missing or unknown property's own name included). */
function errorPath(error: ErrorObject): string[] {
  const path = error.instancePath === "" ? [] : error.instancePath.slice(1).split("/").map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params["missingProperty"] === "string") path.push(params["missingProperty"]);
  if (error.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") path.push(params["additionalProperty"]);
  return path;
}

/**
 * Keeps the errors DRF would report of a list's length and its items' (ajv reports both):
 * ListSerializer (many=True) checks min_length/max_length before it validates any item, so a list
 * of the wrong length reports only that; ListField validates its children first and runs its
 * length validators only on a valid list, so a bad item hides the length error.
 */
function inDrfOrder(errors: readonly ErrorObject[], walker: SchemaWalker): ErrorObject[] {
  const paths = errors.map(errorPath);
  const keys = paths.map((path) => path.join("/"));
  const isLength = errors.map((error) => LENGTH.has(error.keyword));
  const under = (key: string, prefix: string): boolean => key.startsWith(`${prefix}/`) || (prefix === "" && key !== "");
  const wrongLength = keys.filter((key, i) => isLength[i] === true && walker.kindAt(paths[i] ?? []) === "serializer-list");
  return errors.filter((_, i) => {
    const key = keys[i] ?? "";
    if (wrongLength.some((list) => under(key, list))) return false;
    if (isLength[i] === true && walker.kindAt(paths[i] ?? []) === "list") return !keys.some((other) => under(other, key));
    return true;
  });
}


/** Finds the schema at a data path (through `$ref`, `allOf`, nullable branches). */
class SchemaWalker {
  readonly #root: unknown;
  readonly #schemas: JsonObject;

  constructor(root: unknown, schemas: JsonObject) {
    this.#root = root;
    this.#schemas = schemas;
  }

  at(path: readonly string[]): JsonObject | undefined {
    let node = this.#resolve(this.#root);
    for (const segment of path) {
      if (node === undefined) return undefined;
      if (node["type"] === "array") node = this.#resolve(node["items"]);
      else {
        const properties = this.#properties(node);
        const additional = node["additionalProperties"];
        node = this.#resolve(properties[segment] ?? (isObject(additional) ? additional : undefined));
      }
    }
    return node;
  }

  kindAt(path: readonly string[]): FieldKind {
    return this.kindOf(this.at(path));
  }

  kindOf(schema: JsonObject | undefined): FieldKind {
    if (schema === undefined) return "unknown";
    if (schema["type"] === "array") return this.kindOf(this.#resolve(schema["items"])) === "serializer" ? "serializer-list" : "list";
    if (Object.keys(this.#properties(schema)).length > 0) return "serializer";
    if (schema["type"] === "object") return "dict";
    return schema["type"] === undefined ? "unknown" : "scalar";
  }

  #properties(schema: JsonObject): JsonObject {
    const out: JsonObject = {};
    const visit = (node: JsonObject | undefined, depth: number): void => {
      if (node === undefined || depth > 8) return;
      if (isObject(node["properties"])) Object.assign(out, node["properties"]);
      for (const part of asArray(node["allOf"])) visit(this.#resolve(part), depth + 1);
    };
    visit(schema, 0);
    return out;
  }

  /** A schema through `$ref`, a one-part allOf and a nullable anyOf/oneOf (`[X, null]`). */
  #resolve(schema: unknown): JsonObject | undefined {
    let node = resolveRef(schema, this.#schemas);
    for (let hops = 0; hops < 8 && node !== undefined; hops++) {
      const allOf = asArray(node["allOf"]);
      const branches = [...asArray(node["anyOf"]), ...asArray(node["oneOf"])].filter((branch) => !isNullBranch(branch));
      if (allOf.length === 1 && node["properties"] === undefined) node = resolveRef(allOf[0], this.#schemas);
      else if (node["type"] === undefined && branches.length === 1) node = resolveRef(branches[0], this.#schemas);
      else break;
    }
    return node;
  }
}

function isNullBranch(branch: unknown): boolean {
  return isObject(branch) && (branch["type"] === "null" || (Array.isArray(branch["enum"]) && branch["enum"].every((value) => value === null)));
}

/**
 * Puts `message` where DRF reports it: nested serializers by field name, a list of serializers as
 * a list of per-item dicts (its own errors under non_field_errors), anything else by key.
 */
function place(body: JsonObject, leafPath: readonly string[], message: string, walker: SchemaWalker, data: unknown): void {
  let node: JsonObject | unknown[] = body;
  let value = data;
  for (let i = 0; i < leafPath.length - 1; i++) {
    const key = leafPath[i] ?? "";
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    const childIsItems = walker.kindAt(leafPath.slice(0, i + 1)) === "serializer-list" && leafPath[i + 1] !== "non_field_errors";
    const existing: unknown = Array.isArray(node) ? node[Number(key)] : node[key];
    let next: JsonObject | unknown[];
    if (Array.isArray(existing)) {
      // A field that already has messages of its own keeps them (DRF reports one failure per field).
      if (!childIsItems || typeof existing[0] === "string") return;
      next = existing;
    } else if (isObject(existing)) {
      next = existing;
    } else {
      next = childIsItems ? (Array.isArray(value) ? value.map(() => bareObject()) : []) : bareObject();
      if (Array.isArray(node)) node[Number(key)] = next;
      else node[key] = next;
    }
    node = next;
  }
  const leaf = leafPath[leafPath.length - 1] ?? "non_field_errors";
  if (Array.isArray(node)) {
    node[Number(leaf)] = [message];
    return;
  }
  const existing = node[leaf];
  if (existing !== undefined) return;
  node[leaf] = [message];
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
