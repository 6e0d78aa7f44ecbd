import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { parse } from "yaml";

/**
 * An independent response checker: reads spec/openapi.yaml itself (not the mock's generated copy),
 * converts OpenAPI 3.0 to JSON Schema 2020-12 with its own code (writeOnly properties become
 * `false`: they must be absent) and validates with a separate Ajv2020 instance.
 */
export type Json = Record<string, unknown>;

const addFormats = formatsModule.default;
const SPEC_PATH = new URL("../../../../spec/openapi.yaml", import.meta.url);
const DATA_KEYWORDS = new Set(["enum", "default", "const", "example", "examples"]);
const DROPPED = new Set(["nullable", "readOnly", "writeOnly", "example", "discriminator", "deprecated", "xml", "externalDocs"]);

export const specDocument = parse(readFileSync(SPEC_PATH, "utf8"), { maxAliasCount: 10_000 }) as Json;

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function responseSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(responseSchema);
  if (!isJson(node)) return node;
  const out: Json = {};
  const writeOnly = new Set<string>();
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out[key] = value.replace("#/components/schemas/", "spec#/$defs/");
    } else if (key === "properties" && isJson(value)) {
      const properties: Json = {};
      for (const [name, property] of Object.entries(value)) {
        const hidden = isJson(property) && property["writeOnly"] === true;
        if (hidden) writeOnly.add(name);
        properties[name] = hidden ? false : responseSchema(property);
      }
      out[key] = properties;
    } else {
      out[key] = DATA_KEYWORDS.has(key) ? value : responseSchema(value);
    }
  }
  if (Array.isArray(out["required"])) out["required"] = (out["required"] as string[]).filter((name) => !writeOnly.has(name));
  return node["nullable"] === true ? { anyOf: [out, { type: "null" }] } : out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int32", "int64", "uint32", "float", "double", "enum", "binary", "ipv4-cidr"]) ajv.addFormat(format, true);
const components = specDocument["components"] as Json;
ajv.addSchema({ $id: "spec", $defs: responseSchema(components["schemas"]) });

interface OperationEntry {
  readonly method: string;
  readonly path: string;
  readonly op: Json;
}

export const specOperations: ReadonlyMap<string, OperationEntry> = new Map(
  Object.entries(specDocument["paths"] as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => [String((op as Json)["operationId"]), { method: method.toUpperCase(), path, op: op as Json }] as const),
  ),
);

const cache = new Map<unknown, ValidateFunction>();

/** Problems with one answer of an operation (empty when it matches the spec). */
export function checkResponse(operationId: string, status: number, contentType: string | null, body: string): string[] {
  const entry = specOperations.get(operationId);
  if (entry === undefined) return [`unknown operation ${operationId}`];
  const responses = entry.op["responses"] as Json;
  const response = responses[String(status)] ?? responses["default"];
  if (!isJson(response)) return [`${operationId}: status ${status} is not declared`];
  const content = response["content"];
  if (!isJson(content)) return status === 204 && body !== "" ? [`${operationId}: 204 with a body`] : [];
  const media = (contentType ?? "").split(";")[0]?.trim() ?? "";
  const declared = content[media] ?? content["*/*"];
  if (!isJson(declared)) return [`${operationId}: ${status} answered ${media}, spec declares ${Object.keys(content).join(", ")}`];
  if (!media.includes("json")) return [];
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return [`${operationId}: ${status} body is not JSON`];
  }
  const schema = declared["schema"];
  if (schema === undefined) return [];
  let validate = cache.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(responseSchema(schema) as Json);
    cache.set(schema, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, 5).map((error) => `${operationId} ${status}: ${error.instancePath} ${error.message ?? ""}`);
}

/** Checks a body against the overlay's ErrorDetail: for statuses no operation declares (405, 413, 415). */
export function isErrorDetail(body: string): boolean {
  const data: unknown = JSON.parse(body);
  return isJson(data) && typeof data["detail"] === "string" && Object.keys(data).length === 1;
}
