/**
 * OpenAPI 3.0 schema → JSON Schema (draft-07) as a response must satisfy it: `nullable` becomes a
 * null type (or `anyOf` with null when there is no `type`), writeOnly properties are dropped with
 * their `required` entries (a response never carries them), OpenAPI-only keywords and `x-` extensions
 * go, and component `$ref`s point at `refBase + name`. Build-time only.
 */
type Json = Record<string, unknown>;

const OPENAPI_ONLY = new Set(["nullable", "readOnly", "writeOnly", "example", "discriminator", "xml", "externalDocs", "deprecated"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMAS = new Set(["items", "additionalProperties", "not"]);
const REF_PREFIX = "#/components/schemas/";

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export function responseJsonSchema(schema: unknown, refBase: string): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = {};
  const dropped = new Set<string>();
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out[key] = value.startsWith(REF_PREFIX) ? refBase + value.slice(REF_PREFIX.length) : value;
    } else if (key === "properties" && isObject(value)) {
      const properties: Json = {};
      for (const [name, property] of Object.entries(value)) {
        if (isObject(property) && property["writeOnly"] === true) dropped.add(name);
        else properties[name] = responseJsonSchema(property, refBase);
      }
      out[key] = properties;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => responseJsonSchema(item, refBase));
    } else if (SUBSCHEMAS.has(key) && isObject(value)) {
      out[key] = responseJsonSchema(value, refBase);
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
