import { asArray, isObject, type JsonObject } from "../internal/json.js";
import { objectProperties, requiredOf, resolveRef } from "./json-schema.js";
import type { Route } from "./router.js";

/** DRF's default renderers and parsers, as an OPTIONS answer lists them (JSON only out; JSON, form, multipart in). */
const RENDERS = ["application/json"];
const PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];
/** Nested serializers deeper than this are left as a plain "nested object". */
const MAX_DEPTH = 6;

/**
 * The body of DRF's OPTIONS answer (SimpleMetadata) for a view: `name` and `description` of the
 * view, `renders`, `parses`, and `actions` with the serializer fields of POST and PUT when the view
 * has them (PUT only when `withPut`: DRF leaves it out when the object lookup fails). The fields
 * are the success response's properties (the serializer's, read-only ones included) with the
 * request body's required flags and limits.
 */
export function viewMetadata(route: Route, schemas: JsonObject, withPut: boolean): JsonObject {
  const first = route.operations.get("GET") ?? route.operations.values().next().value;
  const metadata: JsonObject = {
    name: viewName(first?.operationId ?? route.template),
    description: first?.description ?? "",
    renders: RENDERS,
    parses: PARSES,
  };
  const actions: JsonObject = {};
  for (const method of ["POST", "PUT"]) {
    const op = route.operations.get(method);
    if (op === undefined || (method === "PUT" && !withPut)) continue;
    actions[method] = serializerInfo(op.success.schema, op.body?.schema, schemas, 0);
  }
  if (Object.keys(actions).length > 0) metadata["actions"] = actions;
  return metadata;
}

/** `call_throttles_list` → `Call Throttles List`, as DRF names a view after its class. */
function viewName(operationId: string): string {
  return operationId
    .split(/[_\s/{}-]+/)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** The fields of a serializer: the response's properties, read-only where the request cannot set them. */
function serializerInfo(response: unknown, request: unknown, schemas: JsonObject, depth: number): JsonObject {
  const out: JsonObject = {};
  const written = objectProperties(request, schemas);
  const required = requiredOf(request, schemas);
  const shown = objectProperties(response ?? request, schemas);
  for (const [name, property] of shown) {
    const input = written.get(name);
    const readOnly = property["readOnly"] === true || input === undefined;
    out[name] = fieldInfo(name, input ?? property, readOnly, !readOnly && required.has(name), schemas, depth);
  }
  return out;
}

/** One field as SimpleMetadata.get_field_info describes it. */
function fieldInfo(name: string | undefined, schema: JsonObject, readOnly: boolean, required: boolean, schemas: JsonObject, depth: number): JsonObject {
  const resolved = resolveRef(schema["allOf"] === undefined ? schema : asArray(schema["allOf"])[0], schemas) ?? {};
  const info: JsonObject = { type: drfType(resolved, schemas), required, read_only: readOnly };
  // DRF's default label: the field name with underscores as spaces, capitalised as Python does.
  if (name !== undefined) info["label"] = capitalize(name.replace(/_/g, " "));
  const help = schema["description"] ?? resolved["description"];
  if (typeof help === "string") info["help_text"] = help;
  const limits: [string, string][] = [
    ["minLength", "min_length"],
    ["maxLength", "max_length"],
    ["minimum", "min_value"],
    ["maximum", "max_value"],
  ];
  for (const [from, to] of limits) if (typeof resolved[from] === "number") info[to] = resolved[from];
  if (depth < MAX_DEPTH) {
    if (resolved["type"] === "array" && isObject(resolved["items"])) {
      const item = resolveRef(resolved["items"], schemas) ?? {};
      info["child"] = isNested(item) ? nestedInfo(item, schemas, depth + 1) : fieldInfo(undefined, item, false, false, schemas, depth + 1);
    } else if (isNested(resolved)) {
      info["children"] = serializerInfo(resolved, resolved, schemas, depth + 1);
    } else if (resolved["type"] === "object" && isObject(resolved["additionalProperties"])) {
      info["child"] = fieldInfo(undefined, resolved["additionalProperties"], false, false, schemas, depth + 1);
    }
  }
  const choices = asArray(resolved["enum"]).filter((choice) => choice !== null);
  if (choices.length > 0) info["choices"] = choices.map((value) => ({ value, display_name: typeof value === "string" ? value : JSON.stringify(value) }));
  return info;
}

/** A nested serializer used as a list's child (many=True): no label of its own. */
function nestedInfo(schema: JsonObject, schemas: JsonObject, depth: number): JsonObject {
  return { type: "nested object", required: false, read_only: false, children: serializerInfo(schema, schema, schemas, depth) };
}

function isNested(schema: JsonObject): boolean {
  return (schema["type"] === "object" || schema["type"] === undefined) && isObject(schema["properties"]);
}

/** SimpleMetadata's label_lookup for the field classes an OpenAPI type stands for. */
function drfType(schema: JsonObject, schemas: JsonObject): string {
  const format = schema["format"];
  if (asArray(schema["enum"]).length > 0) return "choice";
  switch (schema["type"]) {
    case "integer":
      return "integer";
    case "number":
      return "float";
    case "boolean":
      return "boolean";
    case "array":
      return isNested(resolveRef(schema["items"], schemas) ?? {}) ? "field" : "list";
    case "object":
      return "nested object";
    case "string":
      if (format === "date-time") return "datetime";
      if (format === "date") return "date";
      if (format === "uri") return "url";
      if (format === "email") return "email";
      if (format === "binary") return "file upload";
      return "string";
    default:
      return isObject(schema["properties"]) ? "nested object" : "field";
  }
}

/** Python's str.capitalize: the first letter upper-case, the rest lower-case. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}
