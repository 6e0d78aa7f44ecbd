import { toJsonSchema } from "@ultravox-api/client/json-schema";
import type { ValidateFunction } from "ajv";
import { asArray, isObject, type JsonObject } from "../internal/json.js";
import { objectProperties, resolveRef } from "./json-schema.js";

/** What the mock does for an operation, decided from the spec's path shapes (see README). */
export type OperationKind =
  | "list"
  | "create"
  | "retrieve"
  | "replace"
  | "update"
  | "destroy"
  | "singleton-get"
  | "singleton-create"
  | "singleton-update"
  | "singleton-delete"
  | "action";

/** An operation's request body (OpenAPI `requestBody`) with its validators. */
export interface CompiledBody {
  /** `requestBody.required` in the spec. */
  readonly required: boolean;
  /** Media types the operation accepts, e.g. application/json, multipart/form-data. */
  readonly mediaTypes: readonly string[];
  /** The validator of a media type's schema (default: JSON's, else the first's); compiled with the spec (see compileSpec). */
  validator(mediaType?: string): ValidateFunction;
  /** The OpenAPI schema of the JSON body (else of the first media type). */
  readonly schema: unknown;
  /** The OpenAPI schema of a media type's body (default: `schema`). */
  schemaOf(mediaType?: string): unknown;
}

/** The success answer an operation documents: its lowest 2xx or 3xx response, else `default`. */
export interface CompiledSuccess {
  /** Its status code (200 when the spec documents none). */
  readonly status: number;
  /** The media type answered, or undefined for an empty body. */
  readonly mediaType: string | undefined;
  /** The OpenAPI schema of its body, undefined when it has none. */
  readonly schema: unknown;
}

/** One operation of the spec, compiled: what routing, validation and the generic answers read. */
export interface CompiledOperation {
  /** The spec's operationId (`METHOD /template` when the spec gives none), e.g. `agents_list`. */
  readonly operationId: string;
  /** The operation's description (or summary), "" when it has none: DRF's view description in OPTIONS. */
  readonly description: string;
  /** Upper-case HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The spec's path template, e.g. `/api/agents/{agent_id}`. */
  readonly template: string;
  /** What the generic machinery does for it (list, create, retrieve…), read from the path shapes. */
  readonly kind: OperationKind;
  /** Whether it asks for an API key: false when its `security` (or the document's) allows the empty requirement `{}`. */
  readonly auth: boolean;
  /** A GET of a cursor-paginated list: answers the `{ results, next, previous, total }` envelope. */
  readonly paginated: boolean;
  /** The ajv validator of the decoded path parameters, as one object (compiled with the spec, shared between operations). */
  readonly validatePath: () => ValidateFunction;
  /** The ajv validator of the query, as one object of its declared parameters. */
  readonly validateQuery: () => ValidateFunction;
  /** Query parameters whose schema is an array (repeated in the query string). */
  readonly arrayQuery: ReadonlySet<string>;
  /** The request body, undefined when the operation takes none. */
  readonly body: CompiledBody | undefined;
  /** The success answer the spec documents. */
  readonly success: CompiledSuccess;
  /** For lists: the schema of one result. */
  readonly itemSchema: unknown;
  /** Query parameters that name a property of the listed items: equality filters unless list-filters gives a rule. */
  readonly filters: readonly string[];
  /** Whether it declares a `search` query parameter (DRF's SearchFilter). */
  readonly search: boolean;
  /** Every query parameter the operation declares. */
  readonly queryParams: ReadonlySet<string>;
  /** Declared query parameter defaults (`minimum_severity: "info"`…), applied when a request leaves them out. */
  readonly queryDefaults: Readonly<Record<string, unknown>>;
  /**
   * Object query parameters (metadata) and how their keys are written: `name[key]=value` where the
   * spec declares `style: deepObject`, else `name.key=value`, the form the API documents. Only that
   * form is read; QueryReader gathers the keys into one object.
   */
  readonly objectQuery: ReadonlyMap<string, "deepObject" | "dotted">;
  /** For paginated lists: whether the spec's envelope declares `total` (the invoices envelope does not). */
  readonly envelopeTotal: boolean;
  /** Item properties a `sort` parameter may name: its date-times and `name`. */
  readonly sortFields: readonly string[];
  /** The `pageSize` query parameter's bounds as the spec declares them. */
  readonly pageSize: {
    /** Page size when the request gives none (the parameter's `default`; 10 when undeclared). */
    readonly default: number;
    /** Largest page size served (the parameter's `maximum`; 100 when undeclared). */
    readonly max: number;
  };
}

/** The methods an OpenAPI path item may hold that the mock serves. */
export const METHODS = ["get", "put", "post", "patch", "delete"];
const DEFAULT_PAGE_SIZE = 10;
const DEFAULT_MAX_PAGE_SIZE = 100;

export interface CompileInput {
  readonly op: JsonObject;
  readonly method: string;
  readonly template: string;
  readonly pathItem: JsonObject;
  readonly document: JsonObject;
  readonly schemas: JsonObject;
  readonly bodyCompile: (schema: object) => ValidateFunction;
  readonly compileParams: (schema: JsonObject) => () => ValidateFunction;
  readonly kind: OperationKind;
  readonly paginated: boolean;
}

export function compileOperation(input: CompileInput): CompiledOperation {
  const { op, schemas } = input;
  const parameters = [...asArray(input.pathItem["parameters"]), ...asArray(op["parameters"])]
    .map((p) => resolveParameter(p, input.document))
    .filter(isObject);
  const pathSchema = parameterObject(parameters, "path", true);
  const querySchema = parameterObject(parameters, "query", false);
  const arrayQuery = new Set(
    parameters
      .filter((p) => p["in"] === "query" && isObject(p["schema"]) && p["schema"]["type"] === "array")
      .map((p) => String(p["name"])),
  );
  const queryParameters = parameters.filter((p) => p["in"] === "query" && typeof p["name"] === "string");
  const queryNames = queryParameters.map((p) => String(p["name"]));
  const queryDefaults: Record<string, unknown> = {};
  for (const p of queryParameters) {
    if (isObject(p["schema"]) && p["schema"]["default"] !== undefined) queryDefaults[String(p["name"])] = p["schema"]["default"];
  }
  const objectQuery = new Map(
    queryParameters
      .filter((p) => isObject(p["schema"]) && p["schema"]["type"] === "object")
      .map((p) => [String(p["name"]), p["style"] === "deepObject" ? ("deepObject" as const) : ("dotted" as const)]),
  );
  const success = successResponse(op);
  const itemSchema = input.paginated ? resultsItem(success.schema, schemas) : undefined;
  const itemProperties = objectProperties(itemSchema, schemas);
  const pageSizeSchema = parameters.find((p) => p["in"] === "query" && p["name"] === "pageSize")?.["schema"];
  const pageSize = {
    default: numberOr(isObject(pageSizeSchema) ? pageSizeSchema["default"] : undefined, DEFAULT_PAGE_SIZE),
    max: numberOr(isObject(pageSizeSchema) ? pageSizeSchema["maximum"] : undefined, DEFAULT_MAX_PAGE_SIZE),
  };
  const security = op["security"] ?? input.document["security"];
  const auth = !(Array.isArray(security) && security.some((entry) => isObject(entry) && Object.keys(entry).length === 0));
  return {
    operationId: typeof op["operationId"] === "string" ? op["operationId"] : `${input.method} ${input.template}`,
    description: typeof op["description"] === "string" ? op["description"] : typeof op["summary"] === "string" ? op["summary"] : "",
    method: input.method,
    template: input.template,
    kind: input.kind,
    auth,
    paginated: input.paginated,
    validatePath: input.compileParams(pathSchema),
    validateQuery: input.compileParams(querySchema),
    arrayQuery,
    body: compileBody(op, input.bodyCompile),
    success,
    itemSchema,
    filters: queryNames.filter((name) => name !== "search" && itemProperties.has(name)),
    search: queryNames.includes("search"),
    queryParams: new Set(queryNames),
    queryDefaults,
    objectQuery,
    envelopeTotal: input.paginated && objectProperties(success.schema, schemas).has("total"),
    sortFields: [...itemProperties].filter(([name, property]) => name === "name" || property["format"] === "date-time").map(([name]) => name),
    pageSize,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

function resolveParameter(parameter: unknown, document: JsonObject): unknown {
  if (!isObject(parameter) || typeof parameter["$ref"] !== "string") return parameter;
  const name = parameter["$ref"].replace("#/components/parameters/", "");
  const components = isObject(document["components"]) ? document["components"] : {};
  const all = isObject(components["parameters"]) ? components["parameters"] : {};
  return all[name];
}

function parameterObject(parameters: readonly JsonObject[], location: string, required: boolean): JsonObject {
  const properties: JsonObject = {};
  const names: string[] = [];
  for (const parameter of parameters) {
    if (parameter["in"] !== location || typeof parameter["name"] !== "string") continue;
    const name = parameter["name"];
    const schema = toJsonSchema(parameter["schema"] ?? {}, "request", "req#/definitions/");
    properties[name] = location === "query" ? queryValueSchema(schema) : schema;
    if (required || parameter["required"] === true) names.push(name);
  }
  return { type: "object", properties, required: names, additionalProperties: false };
}

/**
 * A date-time query parameter also takes a plain date, as Django's form fields do and as the
 * calls filters document ("If no time component is present…").
 */
function queryValueSchema(schema: unknown): unknown {
  if (!isObject(schema) || schema["format"] !== "date-time") return schema;
  const rest: JsonObject = { ...schema, anyOf: [{ format: "date-time" }, { format: "date" }] };
  Reflect.deleteProperty(rest, "format");
  return rest;
}

export function pathParamSchema(pathItem: unknown, name: string): JsonObject | undefined {
  if (!isObject(pathItem)) return undefined;
  for (const method of METHODS) {
    const op = pathItem[method];
    if (!isObject(op)) continue;
    const found = [...asArray(pathItem["parameters"]), ...asArray(op["parameters"])].find(
      (p) => isObject(p) && p["in"] === "path" && p["name"] === name,
    );
    if (isObject(found) && isObject(found["schema"])) return found["schema"];
  }
  return undefined;
}

function compileBody(op: JsonObject, compile: (schema: object) => ValidateFunction): CompiledBody | undefined {
  const requestBody = op["requestBody"];
  if (!isObject(requestBody) || !isObject(requestBody["content"])) return undefined;
  const content = requestBody["content"];
  const mediaTypes = Object.keys(content);
  const main = content["application/json"] === undefined ? (mediaTypes[0] ?? "") : "application/json";
  const schemaOf = (mediaType: string = main): unknown => {
    const media = content[mediaType] ?? content[main];
    return isObject(media) ? (media["schema"] ?? {}) : {};
  };
  // Each media type its own schema: a multipart upload (a file and fields) is not the JSON body.
  const validators = new Map<string, ValidateFunction>();
  return {
    required: requestBody["required"] === true,
    mediaTypes,
    validator: (mediaType = main) => {
      const key = content[mediaType] === undefined ? main : mediaType;
      let validate = validators.get(key);
      if (validate === undefined) {
        validate = compile(toJsonSchema(schemaOf(key), "request", "req#/definitions/") as object);
        validators.set(key, validate);
      }
      return validate;
    },
    schema: schemaOf(),
    schemaOf,
  };
}

export function successResponse(op: JsonObject): CompiledSuccess {
  const responses = isObject(op["responses"]) ? op["responses"] : {};
  const status = Object.keys(responses)
    .filter((code) => /^[23]\d\d$/.test(code))
    .sort()[0];
  const response = status === undefined ? responses["default"] : responses[status];
  const content = isObject(response) && isObject(response["content"]) ? response["content"] : {};
  const mediaType = Object.keys(content)[0];
  const media = mediaType === undefined ? undefined : content[mediaType];
  return {
    status: status === undefined ? 200 : Number(status),
    mediaType,
    schema: isObject(media) ? media["schema"] : undefined,
  };
}

export function resultsItem(schema: unknown, schemas: JsonObject): unknown {
  const envelope = resolveRef(schema, schemas);
  const properties = isObject(envelope?.["properties"]) ? envelope["properties"] : {};
  const results = resolveRef(properties["results"], schemas);
  return results?.["items"];
}
