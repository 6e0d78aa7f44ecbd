/**
 * Which way a schema is used: a `"request"` body never carries readOnly properties (the server
 * ignores them, as DRF does), a `"response"` never carries writeOnly ones (OpenAPI 3.0.3, Schema Object).
 */
export type SchemaDirection = "request" | "response";

type Json = Record<string, unknown>;

/** Keywords OpenAPI 3.0 adds or redefines; JSON Schema validators must not see them. */
const OPENAPI_ONLY = new Set(["nullable", "readOnly", "writeOnly", "example", "discriminator", "xml", "externalDocs", "deprecated"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMAS = new Set(["items", "additionalProperties", "not"]);
const COMPONENT_REF = "#/components/schemas/";

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Converts an OpenAPI 3.0 Schema Object to JSON Schema (draft-07) as one direction sees it, for a
 * validator such as ajv: `nullable: true` becomes a `"null"` type (and `null` joins an `enum`), or
 * `anyOf: [schema, {type: "null"}]` where there is no single `type`; the properties the direction
 * never carries (readOnly for `"request"`, writeOnly for `"response"`) are dropped along with their
 * `required` entries; OpenAPI-only keywords and `x-` extensions go; a component `$ref`
 * (`#/components/schemas/Name`) becomes `refBase + "Name"` (another `$ref` is kept as it is).
 * Subschemas (`properties`, `items`, `additionalProperties`, `not`, `allOf`/`anyOf`/`oneOf`) are
 * converted the same way. The input is not changed; a value that is not an object is returned as it is.
 *
 * @param schema an OpenAPI 3.0 Schema Object (or a `$ref` to one)
 * @param direction `"request"` or `"response"`
 * @param refBase what component `$ref`s point at instead, e.g. `"#/definitions/"`
 * @returns the JSON Schema, a new object
 */
export function toJsonSchema(schema: unknown, direction: SchemaDirection, refBase: string): unknown {
  if (!isObject(schema)) return schema;
  const ignored = direction === "request" ? "readOnly" : "writeOnly";
  const out: Json = {};
  const dropped = new Set<string>();
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out[key] = value.startsWith(COMPONENT_REF) ? refBase + value.slice(COMPONENT_REF.length) : value;
    } else if (key === "properties" && isObject(value)) {
      const properties: Json = {};
      for (const [name, property] of Object.entries(value)) {
        if (isObject(property) && property[ignored] === true) dropped.add(name);
        else properties[name] = toJsonSchema(property, direction, refBase);
      }
      out[key] = properties;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => toJsonSchema(item, direction, refBase));
    } else if (SUBSCHEMAS.has(key) && isObject(value)) {
      out[key] = toJsonSchema(value, direction, refBase);
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
  // Plain ajv rejects `nullable` without a `type`: say it with anyOf.
  return { anyOf: [out, { type: "null" }] };
}
