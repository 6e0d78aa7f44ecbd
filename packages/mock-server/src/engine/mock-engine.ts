import type { ValidateFunction } from "ajv";
import type { BehaviourHost, BehaviourSource, OperationBehaviour, OperationCall } from "../behaviour.js";
import { BehaviourRegistry, generatedBy } from "../behaviours/registry.js";
import type { JsonObject } from "../internal/json.js";
import { apiKeyOf } from "../pipeline/api-key.js";
import type { Answer, CoreRequest, CoreResponse } from "../pipeline/core-exchange.js";
import { detail, HttpFailure } from "../pipeline/http-failure.js";
import { compileSpec, type CompiledSpec } from "../spec/compile-spec.js";
import { toFieldErrors } from "../spec/drf-errors.js";
import type { CompiledOperation } from "../spec/operation.js";
import { decodePathParams, matchRoute, type Route } from "../spec/router.js";
import { TenantStore } from "../state/tenant-store.js";
import { runOperation, type OperationEnv } from "./operations.js";
import { QueryReader, readRequestBody } from "./request-input.js";
import { ResourceSeeder } from "./resource-seeder.js";
import { ValueGenerator } from "./value-generator.js";

export interface EngineOptions {
  readonly document: JsonObject;
  /** Validators compiled ahead of time for `document` (the bundled spec's), by validatorKey. */
  readonly precompiled?: ReadonlyMap<string, ValidateFunction>;
  readonly behaviours: readonly BehaviourSource[];
  readonly seed: string;
  readonly apiKeys: readonly string[];
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly maxUrlLength: number;
  readonly fixtures: number;
  readonly childFixtures: number;
  readonly strictQuery: boolean;
  /** Default true: list pages are served again while their tenant is unchanged; tests turn it off to compare. */
  readonly pageCache?: boolean;
}

/** A request path resolved for one operation (see MockEngine#target). */
interface Target {
  readonly route: Route;
  readonly op: CompiledOperation;
  readonly behaviour: OperationBehaviour;
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

  constructor(options: EngineOptions) {
    this.#options = options;
    const precompiled = options.precompiled === undefined ? {} : { precompiled: options.precompiled };
    this.spec = compileSpec(options.document, { ...precompiled, generates: generatedBy(options.behaviours) });
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
    return this.#targets.get(`${method} ${pathname}`)?.op ?? matchRoute(this.spec.routes, pathname)?.route.operations.get(method);
  }

  /**
   * Answers one API request. The checks run in this order, each a line below: URL length (414),
   * route (404), method (405), authentication (401), path parameters (400), query (400), parents
   * (404), body (413/415/400), then the operation. Synchronous unless there is a body to read.
   */
  readonly handle = (request: CoreRequest): Answer => {
    const { url, method } = request;
    if (url.href.length > this.#options.maxUrlLength) throw detail(414, "Request-URI too long.");
    const key = `${method} ${url.pathname}`;
    let target = this.#targets.get(key);
    let store: TenantStore;
    let apiKey: string;
    if (target === undefined) {
      const match = matchRoute(this.spec.routes, url.pathname);
      if (match === undefined) throw detail(404, "Not found.");
      const op = match.route.operations.get(method);
      if (op === undefined) throw detail(405, `Method "${method}" not allowed.`, { allow: match.route.allow });
      [apiKey, store] = this.#authenticate(request, op);
      target = this.#target(match.route, op, match.raw);
      // Bounded: a client walking endless distinct paths only costs re-resolving them.
      if (this.#targets.size >= MAX_TARGETS) this.#targets.clear();
      this.#targets.set(key, target);
    } else {
      [apiKey, store] = this.#authenticate(request, target.op);
    }
    const { op, params, path, behaviour } = target;
    const query = this.#queries.read(url, op);
    for (const [collection, id] of target.parents) if (!store.has(collection, id)) throw detail(404, "Not found.");
    const call = (body: JsonObject): OperationCall => ({ operation: op, request, apiKey, store, path, params, query, body });
    if (op.body === undefined && (method === "GET" || method === "DELETE")) return runOperation(call({}), behaviour, this.#env);
    return readRequestBody(request, op, this.#options.maxBodyBytes).then((body): CoreResponse => runOperation(call(body), behaviour, this.#env));
  };

  /**
   * What a request path means for an operation: its decoded parameters, the store's key and the
   * parents that must exist. Depends on the path alone, so each distinct path is resolved once.
   */
  #target(route: Route, op: CompiledOperation, raw: readonly string[]): Target {
    const decoded = decodePathParams(route, raw);
    if (decoded === undefined) throw detail(404, "Not found.");
    const { params, concrete } = decoded;
    const validatePath = op.validatePath();
    if (!validatePath({ ...params })) throw new HttpFailure(400, toFieldErrors(validatePath.errors ?? []));
    const parents = route.parents.map((i) => [concrete.slice(0, i).join("/"), concrete[i] ?? ""] as const);
    return { route, op, behaviour: this.behaviours.of(op.operationId), params, path: concrete.join("/"), parents };
  }

  #authenticate(request: CoreRequest, op: CompiledOperation): [string, TenantStore] {
    const key = apiKeyOf(request);
    if (key !== null && this.#keys.has(key)) return [key, this.#tenant(key)];
    if (!op.auth) return ["", this.#tenant("")];
    // Never echo the key: it may be a real one pasted by mistake.
    if (key === null || key === "") throw detail(401, "Authentication credentials were not provided.");
    throw detail(401, "Invalid API key.");
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
