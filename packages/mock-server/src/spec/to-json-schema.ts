import { isObject, type JsonObject } from "../internal/json.js";

/** Requests ignore readOnly properties (as DRF does); responses never carry writeOnly ones. */
export type SchemaMode = "request" | "response";

/** Keywords OpenAPI 3.0 adds or redefines; JSON Schema validators must not see them. */
const OPENAPI_ONLY = new Set(["nullable", "readOnly", "writeOnly", "example", "discriminator", "xml", "externalDocs", "deprecated"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const REF_PREFIX = "#/components/schemas/";

/**
 * Converts an OpenAPI 3.0 schema to JSON Schema (draft-07) for one direction. `nullable` becomes
 * a null type (or `anyOf` with null when there is no `type`: plain ajv throws on that), component
 * `$ref`s point at `refBase + name`, and the properties the direction ignores are dropped along
 * with their `required` entries.
 */
export function toJsonSchema(schema: unknown, mode: SchemaMode, refBase: string): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  const dropped = new Set<string>();
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out[key] = value.startsWith(REF_PREFIX) ? refBase + value.slice(REF_PREFIX.length) : value;
    } else if (key === "properties" && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, property] of Object.entries(value)) {
        if (isObject(property) && property[mode === "request" ? "readOnly" : "writeOnly"] === true) {
          dropped.add(name);
          continue;
        }
        properties[name] = toJsonSchema(property, mode, refBase);
      }
      out[key] = properties;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => toJsonSchema(item, mode, refBase));
    } else if ((key === "items" || key === "additionalProperties" || key === "not") && isObject(value)) {
      out[key] = toJsonSchema(value, mode, refBase);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out["required"]) && dropped.size > 0) {
    out["required"] = (out["required"] as unknown[]).filter((name) => typeof name !== "string" || !dropped.has(name));
  }
  if (schema["nullable"] !== true) return out;
  if (typeof out["type"] === "string") {
    out["type"] = [out["type"], "null"];
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...(out["enum"] as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}
