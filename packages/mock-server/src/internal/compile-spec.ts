import type { Ajv, Options, ValidateFunction } from "ajv";
import { createAjv } from "./create-ajv.js";
import { asArray, camelCase, isObject, type JsonObject } from "./json.js";
import { resolveRef } from "./sample-value.js";
import { toJsonSchema } from "./to-json-schema.js";

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

export interface CompiledBody {
  readonly required: boolean;
  /** Media types the operation accepts, e.g. application/json. */
  readonly mediaTypes: readonly string[];
  /** Compiled with the spec (see compileSpec): a request only looks it up. */
  validator(): ValidateFunction;
  /** The OpenAPI schema of the JSON body. */
  readonly schema: unknown;
}

export interface CompiledSuccess {
  readonly status: number;
  /** The media type answered, or undefined for an empty body. */
  readonly mediaType: string | undefined;
  readonly schema: unknown;
}

export interface CompiledOperation {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly kind: OperationKind;
  readonly auth: boolean;
  readonly paginated: boolean;
  readonly validatePath: () => ValidateFunction;
  readonly validateQuery: () => ValidateFunction;
  /** Query parameters whose schema is an array (repeated in the query string). */
  readonly arrayQuery: ReadonlySet<string>;
  readonly body: CompiledBody | undefined;
  readonly success: CompiledSuccess;
  /** For lists: the schema of one result. */
  readonly itemSchema: unknown;
  /** Query parameters that name a property of the listed items: equality filters unless list-filters gives a rule. */
  readonly filters: readonly string[];
  readonly search: boolean;
  /** Every query parameter the operation declares. */
  readonly queryParams: ReadonlySet<string>;
  /** Declared query parameter defaults (`minimum_severity: "info"`…), applied when a request leaves them out. */
  readonly queryDefaults: Readonly<Record<string, unknown>>;
  /** Object query parameters (metadata): sent as `name.key=value` or `name[key]=value`, accepted by validateQuery. */
  readonly objectQuery: ReadonlySet<string>;
  /** For paginated lists: whether the spec's envelope declares `total` (the invoices envelope does not). */
  readonly envelopeTotal: boolean;
  /** Item properties a `sort` parameter may name: its date-times and `name`. */
  readonly sortFields: readonly string[];
  readonly pageSize: { readonly default: number; readonly max: number };
}

export interface Route {
  readonly template: string;
  readonly segments: readonly string[];
  /** Segment positions holding a parameter. */
  readonly params: readonly number[];
  /** Parameter positions whose prefix is a collection: the items that must exist. */
  readonly parents: readonly number[];
  readonly operations: ReadonlyMap<string, CompiledOperation>;
  readonly allow: string;
}

export interface CompiledSpec {
  readonly document: JsonObject;
  readonly schemas: JsonObject;
  readonly routes: ReadonlyMap<number, readonly Route[]>;
  readonly operations: readonly CompiledOperation[];
  readonly routeByTemplate: ReadonlyMap<string, Route>;
  /** Collection template → the property holding an item's id (undefined: ids are indexes). */
  readonly idFields: ReadonlyMap<string, string | undefined>;
  /** Collection template → the kind of id its item paths take. */
  readonly idKinds: ReadonlyMap<string, "integer" | "uuid" | "string">;
  /** Collections without a create operation: filled with fixtures. */
  readonly readOnlyCollections: readonly string[];
  /** The validator of a response schema, compiled on its first call and kept (one per component for a bare `$ref`). */
  validateResponse(schema: unknown): ValidateFunction;
  /** ajv compilations so far: equal to the count right after compileSpec once every validator is built (tests check requests add none). */
  readonly compilations: number;
}

const METHODS = ["get", "put", "post", "patch", "delete"];
const DEFAULT_PAGE_SIZE = 10;
const DEFAULT_MAX_PAGE_SIZE = 100;

/** The three ajv setups validators come from: parameters (coercing strings), request bodies, responses. */
export type ValidatorSet = "param" | "req" | "res";

export interface CompileSpecOptions {
  /** Validators built ahead of time (the bundled spec's, at build: see tools/), by {@link validatorKey}. */
  readonly precompiled?: ReadonlyMap<string, ValidateFunction>;
  /** Added to every ajv instance's options (the build generates code with them). */
  readonly ajvOptions?: Options;
  /** Called for each validator compiled here, with the instance that compiled it (the build records them). */
  readonly onCompile?: (set: ValidatorSet, schema: object, ajv: Ajv) => void;
}

/** Names a validator by what it checks: the same key at build and at run time. */
export function validatorKey(set: ValidatorSet, schema: object): string {
  return `${set} ${JSON.stringify(schema)}`;
}

// One compilation per document: every handler built on the same (bundled) spec shares it.
const compiledSpecs = new WeakMap<JsonObject, CompiledSpec>();

/**
 * Compiles routes and every validator of the spec once, up front (requests then only look things
 * up); the result is shared by every mock built on the same document object.
 */
export function compileSpec(document: JsonObject, options: CompileSpecOptions = {}): CompiledSpec {
  let compiled = compiledSpecs.get(document);
  if (compiled === undefined) {
    compiled = compileDocument(document, options);
    compiledSpecs.set(document, compiled);
  }
  return compiled;
}

function compileDocument(document: JsonObject, options: CompileSpecOptions): CompiledSpec {
  const components = isObject(document["components"]) ? document["components"] : {};
  const schemas = isObject(components["schemas"]) ? components["schemas"] : {};
  const paths = isObject(document["paths"]) ? document["paths"] : {};
  // Compiled at start (another spec): ajv's optimisation passes cost about a third of the start-up
  // and save little per validation. The bundled spec's build-time code (ajvOptions given) keeps them.
  const extra = options.ajvOptions ?? { code: { optimize: false } };
  // Built on first use: with every validator precompiled, no ajv instance is built at all.
  // Parameters rarely reference components (this spec's never do): skip converting them all then.
  const paramsUseRefs = parametersUseRefs(paths);
  const instances: Record<ValidatorSet, () => Ajv> = {
    param: lazy(() => {
      const ajv = createAjv({ coerceTypes: "array", ...extra });
      return paramsUseRefs ? withDefinitions(ajv, "req", schemas, "request") : ajv;
    }),
    req: lazy(() => withDefinitions(createAjv(extra), "req", schemas, "request")),
    res: lazy(() => withDefinitions(createAjv(extra), "res", schemas, "response")),
  };
  let compilations = 0;
  const compile = (set: ValidatorSet, schema: object): ValidateFunction => {
    const ready = options.precompiled?.get(validatorKey(set, schema));
    if (ready !== undefined) return ready;
    compilations++;
    const ajv = instances[set]();
    const validate = ajv.compile(schema);
    options.onCompile?.(set, schema, ajv);
    return validate;
  };
  const bodyCompile = (schema: object): ValidateFunction => compile("req", schema);
  // Many operations share a parameter set (cursor + pageSize, one uuid): each set is compiled once.
  const paramValidators = new Map<string, () => ValidateFunction>();
  const compileParams = (schema: JsonObject): (() => ValidateFunction) => {
    const key = JSON.stringify(schema);
    let validator = paramValidators.get(key);
    if (validator === undefined) {
      validator = lazy(() => compile("param", schema));
      paramValidators.set(key, validator);
    }
    return validator;
  };

  const templates = Object.keys(paths);
  const getOf = (template: string): JsonObject | undefined => {
    const item = paths[template];
    return isObject(item) && isObject(item["get"]) ? item["get"] : undefined;
  };
  const isPaginated = (template: string): boolean => {
    const schema = jsonSchemaOf(successOf(getOf(template)), schemas);
    const properties = isObject(schema?.["properties"]) ? schema["properties"] : {};
    return isObject(properties["results"]) && "next" in properties && "previous" in properties;
  };
  const itemTemplates = new Set(templates.filter((t) => /\/\{[^}]+\}$/.test(t) && getOf(t) !== undefined));
  const collections = new Set(
    templates.filter((t) => isPaginated(t) || [...itemTemplates].some((item) => parentOf(item) === t)),
  );
  // Nested parameter paths like messages/{index}/audio make "messages" a collection too.
  for (const t of templates) {
    const segments = t.split("/");
    segments.forEach((segment, i) => {
      const prefix = segments.slice(0, i).join("/");
      if (isParam(segment) && getOf(prefix) !== undefined && isPaginated(prefix)) collections.add(prefix);
    });
  }

  const routes: Route[] = [];
  const operations: CompiledOperation[] = [];
  const idFields = new Map<string, string | undefined>();
  const idKinds = new Map<string, "integer" | "uuid" | "string">();
  for (const template of templates) {
    const pathItem = paths[template];
    if (!isObject(pathItem)) continue;
    const segments = template.split("/");
    const params = segments.flatMap((segment, i) => (isParam(segment) ? [i] : []));
    const parents = params.filter((i) => collections.has(segments.slice(0, i).join("/")));
    const byMethod = new Map<string, CompiledOperation>();
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const compiled = compileOperation({
        op,
        method: method.toUpperCase(),
        template,
        pathItem,
        document,
        schemas,
        bodyCompile,
        compileParams,
        kind: kindOf(method, template, pathItem, collections, itemTemplates),
        paginated: method === "get" && isPaginated(template),
      });
      byMethod.set(compiled.method, compiled);
      operations.push(compiled);
    }
    routes.push({ template, segments, params, parents, operations: byMethod, allow: [...byMethod.keys()].join(", ") });
  }
  for (const collection of collections) {
    // The item path, or a deeper one naming the item (messages/{index}/audio has no messages/{index}).
    const item =
      templates.find((t) => parentOf(t) === collection && isParam(t.split("/").pop() ?? "")) ??
      templates.find((t) => t.startsWith(`${collection}/{`));
    const list = getOf(collection);
    const itemSchema = list === undefined ? undefined : resultsItem(successOf(list), schemas);
    const paramName = (item?.slice(collection.length + 1).split("/")[0] ?? "{}").slice(1, -1);
    const paramSchema = item === undefined ? undefined : pathParamSchema(paths[item], paramName);
    idKinds.set(
      collection,
      paramSchema?.["type"] === "integer" ? "integer" : paramSchema?.["format"] === "uuid" ? "uuid" : "string",
    );
    const itemGet = item === undefined || parentOf(item) !== collection ? undefined : getOf(item);
    // A list with no item path (an agent's calls) is keyed by its singular id field when it has one.
    const singular = camelCase(`${(collection.split("/").pop() ?? "").replace(/s$/, "")}_id`);
    idFields.set(
      collection,
      item === undefined
        ? objectProperties(itemSchema, schemas).has(singular)
          ? singular
          : undefined
        : idFieldOf(paramName, itemGet === undefined ? itemSchema : jsonSchemaOf(successOf(itemGet), schemas), schemas),
    );
  }
  const readOnlyCollections = [...collections].filter((t) => {
    const item = paths[t];
    return !(isObject(item) && isObject(item["post"]));
  });

  const grouped = new Map<number, Route[]>();
  for (const route of routes) {
    const list = grouped.get(route.segments.length) ?? [];
    list.push(route);
    grouped.set(route.segments.length, list);
  }
  // Literal segments win over parameters (/api/agents/usage before /api/agents/{agent_id}).
  for (const list of grouped.values()) list.sort((a, b) => compareSpecificity(a.segments, b.segments));
  const responseValidators = new Map<unknown, ValidateFunction>();
  // A bare {$ref} names a component: one validator per component, whichever object refers to it.
  const componentValidators = new Map<string, ValidateFunction>();
  const validateResponse = (schema: unknown): ValidateFunction => {
    let validate = responseValidators.get(schema);
    if (validate !== undefined) return validate;
    const ref = isObject(schema) && Object.keys(schema).length === 1 && typeof schema["$ref"] === "string" ? schema["$ref"] : undefined;
    validate = ref === undefined ? undefined : componentValidators.get(ref);
    validate ??= compile("res", toJsonSchema(schema, "response", "res#/definitions/") as object);
    if (ref !== undefined) componentValidators.set(ref, validate);
    responseValidators.set(schema, validate);
    return validate;
  };
  // What every request needs, compiled now ("compiled once at start"): parameters and bodies. The
  // response schemas the mock checks its own writes against are the mock's to name (MockCore).
  for (const op of operations) {
    op.validatePath();
    op.validateQuery();
    op.body?.validator();
  }
  return {
    document,
    schemas,
    routes: grouped,
    operations,
    routeByTemplate: new Map(routes.map((route) => [route.template, route])),
    idFields,
    idKinds,
    readOnlyCollections,
    validateResponse,
    get compilations() {
      return compilations;
    },
  };
}

export function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

export function parentOf(template: string): string {
  return template.slice(0, template.lastIndexOf("/"));
}

function compareSpecificity(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const pa = isParam(a[i] ?? "");
    const pb = isParam(b[i] ?? "");
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

function withDefinitions(ajv: Ajv, id: string, schemas: JsonObject, mode: "request" | "response"): Ajv {
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = toJsonSchema(schema, mode, `${id}#/definitions/`);
  ajv.addSchema({ $id: id, definitions });
  return ajv;
}

function kindOf(
  method: string,
  template: string,
  pathItem: JsonObject,
  collections: ReadonlySet<string>,
  itemTemplates: ReadonlySet<string>,
): OperationKind {
  const isItem = itemTemplates.has(template) && collections.has(parentOf(template));
  if (collections.has(template)) {
    if (method === "get") return "list";
    if (method === "post") return "create";
  }
  if (isItem) {
    if (method === "get") return "retrieve";
    if (method === "put") return "replace";
    if (method === "patch") return "update";
    if (method === "delete") return "destroy";
  }
  const hasGet = isObject(pathItem["get"]);
  if (method === "get") return "singleton-get";
  if (method === "post") return hasGet ? "singleton-create" : "action";
  if (method === "delete") return "singleton-delete";
  return "singleton-update";
}

interface CompileInput {
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

function compileOperation(input: CompileInput): CompiledOperation {
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
  const objectQuery = new Set(
    queryParameters.filter((p) => isObject(p["schema"]) && p["schema"]["type"] === "object").map((p) => String(p["name"])),
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
  const patternProperties: JsonObject = {};
  const names: string[] = [];
  for (const parameter of parameters) {
    if (parameter["in"] !== location || typeof parameter["name"] !== "string") continue;
    const name = parameter["name"];
    const schema = toJsonSchema(parameter["schema"] ?? {}, "request", "req#/definitions/");
    properties[name] = location === "query" ? queryValueSchema(schema) : schema;
    if (location === "query" && isObject(schema) && schema["type"] === "object") {
      // An object filter (metadata) arrives key by key: `metadata.key=value` as its description
      // says, or `metadata[key]=value` as openapi-fetch's deepObject default sends it.
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      patternProperties[`^${escaped}(?:\\.[^.[\\]]+|\\[[^[\\]]+\\])$`] = isObject(schema["additionalProperties"]) ? schema["additionalProperties"] : { type: "string" };
    }
    if (required || parameter["required"] === true) names.push(name);
  }
  const object: JsonObject = { type: "object", properties, required: names, additionalProperties: false };
  if (Object.keys(patternProperties).length > 0) object["patternProperties"] = patternProperties;
  return object;
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

function pathParamSchema(pathItem: unknown, name: string): JsonObject | undefined {
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
  const json = content["application/json"] ?? content[mediaTypes[0] ?? ""];
  const schema = isObject(json) ? (json["schema"] ?? {}) : {};
  let validate: ValidateFunction | undefined;
  return {
    required: requestBody["required"] === true,
    mediaTypes,
    validator: () => (validate ??= compile(toJsonSchema(schema, "request", "req#/definitions/") as object)),
    schema,
  };
}

function successResponse(op: JsonObject): CompiledSuccess {
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

function successOf(op: JsonObject | undefined): unknown {
  return op === undefined ? undefined : successResponse(op).schema;
}

function jsonSchemaOf(schema: unknown, schemas: JsonObject): JsonObject | undefined {
  return resolveRef(schema, schemas);
}

function resultsItem(schema: unknown, schemas: JsonObject): unknown {
  const envelope = resolveRef(schema, schemas);
  const properties = isObject(envelope?.["properties"]) ? envelope["properties"] : {};
  const results = resolveRef(properties["results"], schemas);
  return results?.["items"];
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

function idFieldOf(paramName: string, itemSchema: unknown, schemas: JsonObject): string | undefined {
  const properties = objectProperties(itemSchema, schemas);
  const wanted = camelCase(paramName);
  if (properties.has(wanted)) return wanted;
  // api_key_prefix names the `prefix` property: the longest property the parameter ends with.
  const suffixes = [...properties.keys()].filter((name) => wanted.toLowerCase().endsWith(name.toLowerCase()));
  return suffixes.sort((a, b) => b.length - a.length)[0];
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

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function parametersUseRefs(paths: JsonObject): boolean {
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    const lists = [item["parameters"], ...METHODS.map((method) => (isObject(item[method]) ? item[method]["parameters"] : undefined))];
    for (const parameter of lists.flatMap((list) => asArray(list))) {
      if (!isObject(parameter) || typeof parameter["$ref"] === "string") return true;
      if (JSON.stringify(parameter["schema"] ?? {}).includes('"$ref"')) return true;
    }
  }
  return false;
}
