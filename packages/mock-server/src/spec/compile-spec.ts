import type { ValidateFunction } from "ajv";
import { isObject, type JsonObject } from "../internal/json.js";
import { compileOperation, METHODS, pathParamSchema, type CompiledOperation } from "./operation.js";
import { itemTemplateOf, resourceModel, type IdKind } from "./resource-model.js";
import { allowHeader, converterFor, isParam, routeTable, type Route, type RouteTable } from "./router.js";
import { createValidatorFactory, lazy, validatorManifest, type ValidatorOptions } from "./validators.js";

/** A spec ready to serve: its routes, operations, resource model and validators. */
export interface CompiledSpec {
  /** The OpenAPI 3.0 document served, as parsed. */
  readonly document: JsonObject;
  /** Its `components.schemas`, by name. */
  readonly schemas: JsonObject;
  /** Routes by segment count, most specific first: what a request path is matched against. */
  readonly routes: RouteTable;
  /** Every operation, in document order. */
  readonly operations: readonly CompiledOperation[];
  /** Routes by path template, e.g. `/api/agents/{agent_id}`. */
  readonly routeByTemplate: ReadonlyMap<string, Route>;
  /** Operations by operationId. */
  readonly operationById: ReadonlyMap<string, CompiledOperation>;
  /** Collection template → the property holding an item's id (undefined: ids are indexes). */
  readonly idFields: ReadonlyMap<string, string | undefined>;
  /** Collection template → the kind of id its item paths take. */
  readonly idKinds: ReadonlyMap<string, IdKind>;
  /** Collections without a create operation: filled with fixtures. */
  readonly readOnlyCollections: readonly string[];
  /** The item template under a collection and its parameter's name (see itemTemplateOf). */
  itemTemplate(collection: string):
    | {
        /** The item's path template, e.g. `/api/agents/{agent_id}` under `/api/agents`. */
        readonly template: string;
        /** Its id parameter, e.g. `agent_id`. */
        readonly param: string;
      }
    | undefined;
  /** The validator of a response schema, compiled on its first call and kept (one per component for a bare `$ref`). */
  validateResponse(schema: unknown): ValidateFunction;
  /** The header carrying the API key (the spec's apiKey security scheme in a header): named by a 401's `WWW-Authenticate`. */
  readonly apiKeyHeader: string;
  /** ajv compilations so far: equal to the count right after compileSpec once every validator is built (tests check requests add none). */
  readonly compilations: number;
}

export interface CompileSpecOptions extends ValidatorOptions {
  /**
   * operationIds whose resource (a list's item, else the success body) behaviours generate: their
   * response validators are compiled with the rest (see validatorManifest).
   */
  readonly generates?: readonly string[];
}

// One compilation per document and options: every handler built alike on the same (bundled) spec shares it.
const compiledSpecs = new WeakMap<JsonObject, Map<string, CompiledSpec>>();
// Options that are objects (a precompiled map, a callback) are told apart by identity.
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/**
 * Compiles routes and every validator the manifest names once, up front (requests then only look
 * things up); the result is shared by every mock built on the same document object and options.
 */
export function compileSpec(document: JsonObject, options: CompileSpecOptions = {}): CompiledSpec {
  let byOptions = compiledSpecs.get(document);
  if (byOptions === undefined) {
    byOptions = new Map();
    compiledSpecs.set(document, byOptions);
  }
  const key = optionsKey(options);
  let compiled = byOptions.get(key);
  if (compiled === undefined) {
    compiled = compileDocument(document, options);
    byOptions.set(key, compiled);
  }
  return compiled;
}

function optionsKey(options: CompileSpecOptions): string {
  const id = (value: object | undefined): number => {
    if (value === undefined) return 0;
    let known = identities.get(value);
    if (known === undefined) {
      known = ++nextIdentity;
      identities.set(value, known);
    }
    return known;
  };
  return JSON.stringify([id(options.precompiled), id(options.onCompile), options.ajvOptions ?? null, [...(options.generates ?? [])].sort()]);
}

function compileDocument(document: JsonObject, options: CompileSpecOptions): CompiledSpec {
  const components = isObject(document["components"]) ? document["components"] : {};
  const schemas = isObject(components["schemas"]) ? components["schemas"] : {};
  const paths = isObject(document["paths"]) ? document["paths"] : {};
  const validators = createValidatorFactory(schemas, paths, options);
  const model = resourceModel(paths, schemas);
  // Many operations share a parameter set (cursor + pageSize, one uuid): each set is compiled once.
  const paramValidators = new Map<string, () => ValidateFunction>();
  const compileParams = (schema: JsonObject): (() => ValidateFunction) => {
    const key = JSON.stringify(schema);
    let validator = paramValidators.get(key);
    if (validator === undefined) {
      validator = lazy(() => validators.compile("param", schema));
      paramValidators.set(key, validator);
    }
    return validator;
  };
  const routes: Route[] = [];
  const operations: CompiledOperation[] = [];
  for (const [template, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    const segments = template.split("/");
    const params = segments.flatMap((segment, i) => (isParam(segment) ? [i] : []));
    const parents = params.filter((i) => model.collections.has(segments.slice(0, i).join("/")));
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
        bodyCompile: (schema) => validators.compile("req", schema),
        compileParams,
        kind: model.kindOf(method, template),
        paginated: method === "get" && model.isPaginated(template),
      });
      byMethod.set(compiled.method, compiled);
      operations.push(compiled);
    }
    const converters = params.map((i) => converterFor(pathParamSchema(pathItem, (segments[i] ?? "").slice(1, -1))));
    const auth = [...byMethod.values()].some((op) => op.auth);
    routes.push({ template, segments, params, parents, operations: byMethod, allow: allowHeader(byMethod.keys()), converters, auth });
  }
  const routeByTemplate = new Map(routes.map((route) => [route.template, route]));
  const itemTemplates = new Map<string, { template: string; param: string } | undefined>();
  const hasGet = (template: string): boolean => routeByTemplate.get(template)?.operations.has("GET") === true;
  // Everything a request can need, compiled now: parameters, bodies, the response schemas of writes.
  const manifest = validatorManifest(operations, new Set(options.generates ?? []));
  for (const op of manifest.operations) {
    op.validatePath();
    op.validateQuery();
    for (const mediaType of op.body?.mediaTypes ?? []) op.body?.validator(mediaType);
  }
  for (const schema of manifest.responseSchemas) validators.validateResponse(schema);
  return {
    document,
    schemas,
    routes: routeTable(routes),
    operations,
    routeByTemplate,
    operationById: new Map(operations.map((op) => [op.operationId, op])),
    idFields: model.idFields,
    idKinds: model.idKinds,
    readOnlyCollections: model.readOnlyCollections,
    itemTemplate(collection) {
      if (!itemTemplates.has(collection)) itemTemplates.set(collection, itemTemplateOf(routeByTemplate.keys(), hasGet, collection));
      return itemTemplates.get(collection);
    },
    validateResponse: (schema) => validators.validateResponse(schema),
    apiKeyHeader: apiKeyHeader(components),
    get compilations() {
      return validators.compilations;
    },
  };
}

/** The name of the first apiKey security scheme sent in a header; X-API-Key (Ultravox's) when there is none. */
function apiKeyHeader(components: JsonObject): string {
  const schemes = isObject(components["securitySchemes"]) ? Object.values(components["securitySchemes"]) : [];
  for (const scheme of schemes) {
    if (isObject(scheme) && scheme["type"] === "apiKey" && scheme["in"] === "header" && typeof scheme["name"] === "string") return scheme["name"];
  }
  return "X-API-Key";
}
