import { asArray, isObject, type JsonObject } from "../internal/json.js";

const REF_PREFIX = "#/components/schemas/";

/** The schema a `$ref` (to `#/components/schemas/…`, followed through chains) stands for; undefined when it leads nowhere. */
export function resolveRef(schema: unknown, schemas: JsonObject): JsonObject | undefined {
  let current = schema;
  for (let hops = 0; hops < 16 && isObject(current); hops++) {
    const ref = current["$ref"];
    if (typeof ref !== "string") return current;
    current = ref.startsWith(REF_PREFIX) ? schemas[ref.slice(REF_PREFIX.length)] : undefined;
  }
  return undefined;
}

/** Property names of an object schema, through `$ref` and `allOf`. */
export function objectProperties(schema: unknown, schemas: JsonObject): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const visit = (node: unknown, depth: number): void => {
    const resolved = resolveRef(node, schemas);
    if (resolved === undefined || depth > 8) return;
    if (isObject(resolved["properties"])) {
      for (const [name, property] of Object.entries(resolved["properties"])) if (isObject(property)) out.set(name, property);
    }
    for (const part of asArray(resolved["allOf"])) visit(part, depth + 1);
  };
  visit(schema, 0);
  return out;
}

/** Required property names of an object schema, through `$ref` and `allOf`. */
export function requiredOf(schema: unknown, schemas: JsonObject): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    const resolved = resolveRef(node, schemas);
    if (resolved === undefined || depth > 8) return;
    for (const name of asArray(resolved["required"])) if (typeof name === "string") out.add(name);
    for (const part of asArray(resolved["allOf"])) visit(part, depth + 1);
  };
  visit(schema, 0);
  return out;
}
