import type { ValidateFunction } from "ajv";
import type { BehaviourHost, BehaviourSource, OperationCall } from "../behaviour.js";
import { BehaviourRegistry, generatedBy } from "./behaviour-registry.js";
import type { JsonObject } from "../internal/json.js";
import { apiKeyOf } from "../pipeline/api-key.js";
import type { Answer, CoreRequest, CoreResponse } from "../pipeline/core-exchange.js";
import { detail } from "../pipeline/http-failure.js";
import type { RateLimiter } from "../pipeline/rate-limiter.js";
import { failureResponse, json, jsonText, routingMiss, withAllow, withoutBody } from "../pipeline/respond.js";
import { compileSpec, type CompiledSpec } from "../spec/compile-spec.js";
import type { ValidatorOptions } from "../spec/validators.js";
import type { CompiledOperation } from "../spec/operation.js";
import { viewMetadata } from "../spec/view-metadata.js";
import { decodePathParams, matchRoute, parentOf, type Route } from "../spec/router.js";
import { TenantStore } from "../state/tenant-store.js";
import { runOperation, type OperationEnv } from "./operations.js";
import { QueryReader, readRequestBody } from "./request-input.js";
import { ResourceSeeder } from "./resource-seeder.js";
import { ValueGenerator } from "./value-generator.js";

export interface EngineOptions {
  readonly document: JsonObject;
  /** Validators compiled ahead of time for `document` (the bundled spec's), by validatorKey. */
  readonly precompiled?: ReadonlyMap<string, ValidateFunction>;
  /** Compiles the validators `precompiled` lacks (see ValidatorOptions.createAjv). */
  readonly createAjv?: ValidatorOptions["createAjv"];
  readonly behaviours: readonly BehaviourSource[];
  readonly seed: string;
  readonly apiKeys: readonly string[];
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly maxUrlLength: number;
  readonly fixtures: number;
  readonly childFixtures: number;
  readonly strictQuery: boolean;
  /** The API's rate limits, checked after authentication (null or absent: none). */
  readonly rateLimiter?: RateLimiter | null;
  /** Default true: list pages are served again while their tenant is unchanged; tests turn it off to compare. */
  readonly pageCache?: boolean;
}

/** A request path resolved to its route (see MockEngine#resolve). */
interface Target {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
  /** The request path with decoded, re-encoded parameters: the store's key. */
  readonly path: string;
  /** Each parent that must exist: its collection's path and its id. */
  readonly parents: readonly (readonly [string, string])[];
}

/** Resolved paths kept; past this the cache starts over. */
const MAX_TARGETS = 4096;

/**
 * The API itself, the pipeline's last stage: routes a request to its operation (router →
 * authentication → validation) and runs the generic operation of its kind with the behaviours
 * registered for its operationId.
 */
export class MockEngine implements BehaviourHost {
  readonly spec: CompiledSpec;
  readonly values: ValueGenerator;
  readonly behaviours: BehaviourRegistry;
  readonly #options: EngineOptions;
  readonly #keys: ReadonlySet<string>;
  readonly #queries: QueryReader;
  readonly #seeder: ResourceSeeder;
  readonly #env: OperationEnv;
  #tenants = new Map<string, TenantStore>();
  readonly #targets = new Map<string, Target>();
  readonly #metadataAnswers = new Map<string, CoreResponse>();

  constructor(options: EngineOptions) {
    this.#options = options;
    const precompiled = options.precompiled === undefined ? {} : { precompiled: options.precompiled };
    const compiler = options.createAjv === undefined ? {} : { createAjv: options.createAjv };
    this.spec = compileSpec(options.document, { ...precompiled, ...compiler, generates: generatedBy(options.behaviours) });
    this.values = new ValueGenerator(this.spec, options.now);
    this.#keys = new Set(options.apiKeys);
    this.#queries = new QueryReader(options.strictQuery);
    this.behaviours = new BehaviourRegistry(options.behaviours, this);
    this.#seeder = new ResourceSeeder(this.spec, this.values, options, (id) => this.behaviours.of(id));
    this.#env = { spec: this.spec, values: this.values, seeder: this.#seeder, pageCache: options.pageCache !== false };
  }

  now(): number {
    return this.#options.now();
  }

  /** The store of an API key's tenant, if it has made a request yet. */
  tenant(apiKey: string): TenantStore | undefined {
    return this.#tenants.get(apiKey);
  }

  /** Back to the seeded state: tenants are rebuilt from the seed on their next request. */
  reset(): void {
    this.#tenants = new Map();
    this.behaviours.reset();
  }

  /** The operation a method and path reach, if any (no authentication, no validation). */
  operationAt(method: string, pathname: string): CompiledOperation | undefined {
    return this.#targets.get(pathname)?.route.operations.get(method) ?? matchRoute(this.spec.routes, pathname)?.route.operations.get(method);
  }

  /**
   * Answers one API request in DRF's order: URL length (414), route and path converters (404,
   * Django's page, no Allow), then inside the view, every answer with DRF's `Allow`:
   * authentication (401), throttling (429), the method (OPTIONS metadata, 405), query (400),
   * parents (404), body (413/415/400), the operation. HEAD is GET without the body. Synchronous
   * unless there is a body to read.
   */
  readonly handle = (request: CoreRequest): Answer => {
    const { url } = request;
    if (url.href.length > this.#options.maxUrlLength) throw detail(414, "Request-URI too long.");
    let target = this.#targets.get(url.pathname);
    if (target === undefined) {
      const resolved = this.#resolve(url.pathname);
      if (resolved === undefined) return routingMiss();
      target = resolved;
      // Bounded: a client walking endless distinct paths only costs re-resolving them.
      if (this.#targets.size >= MAX_TARGETS) this.#targets.clear();
      this.#targets.set(url.pathname, target);
    }
    const allow = target.route.allow;
    // Failures become responses here (not only in the pipeline) so that they carry Allow too.
    let answer: Answer;
    try {
      answer = this.#view(request, target);
    } catch (error) {
      return withAllow(failureResponse(error), allow);
    }
    return answer instanceof Promise ? answer.then((response) => withAllow(response, allow), (error: unknown) => withAllow(failureResponse(error), allow)) : withAllow(answer, allow);
  };

  /** The view of a resolved path (see handle): runs with DRF's `initial()` order, then the handler. */
  readonly #view = (request: CoreRequest, target: Target): Answer => {
    const { route } = target;
    const { method, url } = request;
    const handlerMethod = method === "HEAD" ? "GET" : method;
    const op = route.operations.get(handlerMethod);
    // The method's own operation decides whether a key is needed (HEAD has none: the route's).
    const apiKey = this.#authenticate(request, (method === handlerMethod ? op?.auth : undefined) ?? route.auth);
    const store = this.#tenant(apiKey);
    const throttled = this.#throttle(apiKey, op);
    if (throttled !== undefined) return throttled;
    if (method === "OPTIONS") return this.#metadata(route, store.item(parentOf(target.path), target.path.slice(target.path.lastIndexOf("/") + 1)) !== undefined);
    if (op === undefined) throw detail(405, `Method "${method}" not allowed.`);
    const behaviour = this.behaviours.of(op.operationId);
    const query = this.#queries.read(url, op);
    for (const [collection, id] of target.parents) if (!store.has(collection, id)) throw detail(404, "Not found.");
    if (method === "HEAD") return withoutBody(runOperation(operationCall(op, request, apiKey, store, target, query, {}), behaviour, this.#env));
    if (op.body === undefined && (method === "GET" || method === "DELETE")) return runOperation(operationCall(op, request, apiKey, store, target, query, {}), behaviour, this.#env);
    return readRequestBody(request, op, this.#options.maxBodyBytes, this.spec.schemas).then((body): CoreResponse => runOperation(operationCall(op, request, apiKey, store, target, query, body), behaviour, this.#env));
  };

  /**
   * What a request path means: its route, decoded parameters, the store's key and the parents
   * that must exist; undefined for a routing miss (no route, a converter refusing a segment, a
   * parameter outside its schema). Depends on the path alone, so each distinct path is resolved once.
   */
  #resolve(pathname: string): Target | undefined {
    const match = matchRoute(this.spec.routes, pathname);
    if (match === undefined) return undefined;
    const { route } = match;
    const decoded = decodePathParams(route, match.raw);
    if (decoded === undefined) return undefined;
    const { params, concrete } = decoded;
    const op = route.operations.values().next().value;
    const validatePath = op?.validatePath();
    if (validatePath !== undefined && !validatePath({ ...params })) return undefined;
    const parents = route.parents.map((i) => [concrete.slice(0, i).join("/"), concrete[i] ?? ""] as const);
    return { route, params, path: concrete.join("/"), parents };
  }

  /** The tenant's API key ("" without one where none is needed), or DRF's 401: its stock texts, and `WWW-Authenticate` naming the key header (DRF sends 401 only with it). */
  #authenticate(request: CoreRequest, auth: boolean): string {
    const key = apiKeyOf(request);
    if (key !== null && this.#keys.has(key)) return key;
    if (!auth) return "";
    const challenge = { "www-authenticate": this.spec.apiKeyHeader };
    // Never echo the key: it may be a real one pasted by mistake.
    if (key === null || key === "") throw detail(401, "Authentication credentials were not provided.", challenge);
    throw detail(401, "Incorrect authentication credentials.", challenge);
  }

  /** DRF throttles after authentication and before the method check: a 405 counts, a 401 or a routing miss does not. */
  #throttle(apiKey: string, op: CompiledOperation | undefined): CoreResponse | undefined {
    const limiter = this.#options.rateLimiter;
    if (limiter === undefined || limiter === null || apiKey === "") return undefined;
    const createsCall = op !== undefined && op.method === "POST" && this.behaviours.of(op.operationId).createsCall === true;
    const verdict = limiter.check(apiKey, createsCall);
    if (verdict.allowed) return undefined;
    return { ...json(429, verdict.body, { "retry-after": String(verdict.retryAfterSeconds) }), fault: `rate-limit:${verdict.scope}` };
  }

  /** OPTIONS: DRF's SimpleMetadata body for the view (PUT's fields only when the item exists), built once per route. */
  #metadata(route: Route, itemExists: boolean): CoreResponse {
    const withPut = itemExists && route.operations.has("PUT");
    const key = `${route.template} ${withPut}`;
    let answer = this.#metadataAnswers.get(key);
    if (answer === undefined) {
      answer = jsonText(200, JSON.stringify(viewMetadata(route, this.spec.schemas, withPut)));
      this.#metadataAnswers.set(key, answer);
    }
    return answer;
  }

  #tenant(key: string): TenantStore {
    let store = this.#tenants.get(key);
    if (store === undefined) {
      store = new TenantStore(`${this.#options.seed}\u0000${key}`);
      this.#tenants.set(key, store);
      this.#seeder.seedTenant(store);
    }
    return store;
  }

  /** Seeds the read-only children of an item a behaviour stored itself (a call made by a batch). */
  fillChildren(store: TenantStore, itemTemplate: string, itemPath: string, params: Readonly<Record<string, string>>): void {
    this.#seeder.fillChildren(store, itemTemplate, itemPath, params);
  }
}

/** The call a behaviour and the generic operation see (a plain function: nothing allocated but the object). */
function operationCall(operation: CompiledOperation, request: CoreRequest, apiKey: string, store: TenantStore, target: Target, query: Readonly<JsonObject>, body: JsonObject): OperationCall {
  return { operation, request, apiKey, store, path: target.path, params: target.params, query, body };
}
