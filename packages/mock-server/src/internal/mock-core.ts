import type { ErrorObject, ValidateFunction } from "ajv";
import {
  compileSpec,
  isParam,
  parentOf,
  objectProperties,
  requiredOf,
  type CompiledOperation,
  type CompiledSpec,
  type OperationKind,
  type Route,
} from "./compile-spec.js";
import { BatchLifecycle, validateBatchCreate, validateBatchPatch, type BatchLifecycleOptions, type BatchValidationOptions, type LifecycleBatch } from "./batch-lifecycle.js";
import type { CoreRequest, CoreResponse } from "./core-types.js";
import { afterCreate, MANAGED_COLLECTIONS } from "./create-hooks.js";
import { toFieldErrors } from "./drf-errors.js";
import { detail, HttpFailure } from "./http-failure.js";
import { asArray, bareObject, camelCase, isObject, type JsonObject } from "./json.js";
import { usageAnswer } from "./call-usage.js";
import { rememberDeletedCall } from "./deleted-calls.js";
import { NEWEST_FIRST, sortItems } from "./item-order.js";
import { viewList } from "./list-filters.js";
import { sortedPage } from "./sorted-page.js";
import { resolveRef, sampleValue } from "./sample-value.js";
import { itemJson, type StoredItem } from "./stored-item.js";
import type { FaultInjector } from "./fault-injector.js";
import { CoreBatchStore } from "./lifecycle-store.js";
import { instrument, type Answer } from "./mock-runtime.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { RequestJournal } from "./request-journal.js";
import { TenantState } from "./tenant-state.js";
import type { VirtualClock } from "./virtual-clock.js";

export interface CoreOptions {
  readonly document: JsonObject;
  /** Validators compiled ahead of time for `document` (the bundled spec's), by validatorKey. */
  readonly precompiled?: ReadonlyMap<string, ValidateFunction>;
  readonly seed: string;
  readonly apiKeys: readonly string[];
  readonly now: () => number;
  readonly maxBodyBytes: number;
  readonly maxUrlLength: number;
  readonly fixtures: number;
  readonly childFixtures: number;
  readonly strictQuery: boolean;
  /** The mock's time; `now` reads it (issue 6). */
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  readonly rateLimiter: RateLimiter | null;
  /** null: batches are stored as sent and never move (the default in code). */
  readonly lifecycle: (BatchLifecycleOptions & BatchValidationOptions) | null;
  /** Default true: list pages are served again while their tenant is unchanged (see PageCache); tests turn it off to compare. */
  readonly pageCache?: boolean;
}

const BATCH_CREATE = "agents_scheduled_batches_create";
const BATCH_UPDATE = "agents_scheduled_batches_partial_update";

/** A request path resolved for one operation (see MockCore#resolve). */
interface Target {
  readonly route: Route;
  readonly op: CompiledOperation;
  readonly params: Readonly<Record<string, string>>;
  /** The request path with decoded, re-encoded parameters: the store's key. */
  readonly path: string;
  /** Each parent that must exist: its collection's path and its id. */
  readonly parents: readonly (readonly [string, string])[];
}

/** Resolved paths kept (see MockCore#resolve); past this the cache starts over. */
const MAX_TARGETS = 4096;
/** Checked query strings kept per operation (see MockCore#query). */
const MAX_QUERIES = 256;

interface Call {
  readonly request: CoreRequest;
  readonly op: CompiledOperation;
  readonly route: Route;
  readonly tenant: TenantState;
  /** The request path with decoded, re-encoded parameters: the store's key. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** Shared between requests with the same query string (frozen): read it, never change it. */
  readonly query: Readonly<JsonObject>;
  readonly body: JsonObject;
}

const JSON_HEADERS = { "content-type": "application/json" };
const WAV = wavSilence();
const CALL_ITEM = "/api/calls/{call_id}";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The mock itself: one `dispatch` every request enters and every response leaves through. */
export class MockCore {
  readonly spec: CompiledSpec;
  readonly options: CoreOptions;
  readonly #keys: ReadonlySet<string>;
  #tenants = new Map<string, TenantState>();
  readonly #targets = new Map<string, Target>();
  readonly #queries = new Map<CompiledOperation, Map<string, JsonObject>>();

  /** Scheduled batches moving with the clock (issue 6). */
  readonly lifecycle: BatchLifecycle<string>;
  /**
   * Every request enters here: admin routes, batch progress, faults, rate limits and the journal
   * wrap the API itself. Rejects with ConnectionReset on an injected reset, for the shell to act on.
   */
  readonly dispatch: (request: CoreRequest) => Answer;

  constructor(options: CoreOptions) {
    this.options = options;
    this.spec = compileSpec(options.document, options.precompiled === undefined ? {} : { precompiled: options.precompiled });
    this.#compileMergeValidators();
    this.#keys = new Set(options.apiKeys);
    const store = new CoreBatchStore({ tenant: (key) => this.tenant(key), newCall: (tenant, values) => this.newCall(tenant, values) });
    this.lifecycle = new BatchLifecycle(store, options.lifecycle ?? {});
    options.clock.onChange(({ now }) => this.lifecycle.advanceTo(now));
    this.dispatch = instrument((request) => this.#dispatchApi(request), { ...options, lifecycle: this.lifecycle });
  }

  /**
   * Compiles now the response validators `#merge` uses (schemas of resources a request creates or
   * changes, scheduled calls, new and deleted calls), so that no request ever compiles one.
   */
  #compileMergeValidators(): void {
    const merged = new Set<OperationKind>(["create", "replace", "update", "singleton-create", "singleton-update"]);
    for (const op of this.spec.operations) {
      if (merged.has(op.kind) && op.success.schema !== undefined) this.spec.validateResponse(op.success.schema);
      const list = op.template.slice(op.template.lastIndexOf("/") + 1);
      if (op.kind === "list" && op.itemSchema !== undefined && MANAGED_COLLECTIONS.has(list)) this.spec.validateResponse(op.itemSchema);
    }
    const deleted = this.spec.routeByTemplate.get("/api/deleted_calls")?.operations.get("GET")?.itemSchema;
    if (deleted !== undefined) this.spec.validateResponse(deleted);
    const call = this.spec.routeByTemplate.get("/api/calls")?.operations.get("POST")?.success.schema;
    if (call !== undefined) this.spec.validateResponse(call);
  }

  /** The state of an API key's tenant, if it has made a request yet (for extensions such as the batch lifecycle). */
  tenant(apiKey: string): TenantState | undefined {
    return this.#tenants.get(apiKey);
  }

  /** A new Call as `POST /api/calls` would make it (`values` merged in, trusted), not stored. */
  newCall(tenant: TenantState, values: JsonObject): JsonObject {
    const schema = this.spec.routeByTemplate.get("/api/calls")?.operations.get("POST")?.success.schema;
    const value = this.#merge(schema, this.#generate(tenant, schema, {}), values, true);
    value["callId"] = tenant.rng.uuid();
    return value;
  }

  /** Back to the seeded state: tenants are rebuilt from the seed on their next request. */
  reset(): void {
    this.#tenants = new Map();
    this.lifecycle.clear();
    this.options.rateLimiter?.reset();
  }

  #dispatchApi(request: CoreRequest): Answer {
    try {
      const answer = this.#handle(request);
      return answer instanceof Promise ? answer.catch((error: unknown) => failure(error)) : answer;
    } catch (error) {
      return failure(error);
    }
  }

  /** Synchronous unless the request has a body to read: one promise less per GET. */
  #handle(request: CoreRequest): CoreResponse | Promise<CoreResponse> {
    const { url, method } = request;
    if (url.href.length > this.options.maxUrlLength) throw detail(414, "Request-URI too long.");
    const key = `${method} ${url.pathname}`;
    let target = this.#targets.get(key);
    let tenant: TenantState;
    if (target === undefined) {
      const match = this.#route(url.pathname);
      if (match === undefined) throw detail(404, "Not found.");
      const { route, raw } = match;
      const op = route.operations.get(method);
      if (op === undefined) throw detail(405, `Method "${method}" not allowed.`, { allow: route.allow });
      tenant = this.#authenticate(request, op);
      target = this.#resolve(route, op, raw);
      // Bounded: a client walking endless distinct paths only costs re-resolving them.
      if (this.#targets.size >= MAX_TARGETS) this.#targets.clear();
      this.#targets.set(key, target);
    } else {
      tenant = this.#authenticate(request, target.op);
    }
    const { route, op, params, path } = target;
    const query = this.#query(url, op);
    for (const [collection, id] of target.parents) {
      if (tenant.collections.get(collection)?.has(id) !== true) throw detail(404, "Not found.");
    }
    if (op.body === undefined && (method === "GET" || method === "DELETE")) {
      return this.#execute({ request, op, route, tenant, path, params, query, body: {} });
    }
    return this.#body(request, op).then((body) => this.#execute({ request, op, route, tenant, path, params, query, body }));
  }

  /**
   * What a request path means for an operation: its decoded parameters, the store's key and the
   * parents that must exist. Depends on the path alone, so each distinct path is resolved once.
   */
  #resolve(route: Route, op: CompiledOperation, raw: readonly string[]): Target {
    const params: Record<string, string> = {};
    const concrete = [...route.segments];
    for (const i of route.params) {
      let value: string;
      try {
        value = decodeURIComponent(raw[i] ?? "");
      } catch {
        throw detail(404, "Not found.");
      }
      params[(route.segments[i] ?? "").slice(1, -1)] = value;
      concrete[i] = encodeURIComponent(value);
    }
    const pathValues: JsonObject = { ...params };
    const validatePath = op.validatePath();
    if (!validatePath(pathValues)) throw new HttpFailure(400, toFieldErrors(validatePath.errors ?? []));
    const parents = route.parents.map((i) => [concrete.slice(0, i).join("/"), concrete[i] ?? ""] as const);
    return { route, op, params, path: concrete.join("/"), parents };
  }

  #route(pathname: string): { route: Route; raw: string[] } | undefined {
    const raw = pathname.split("/");
    for (const route of this.spec.routes.get(raw.length) ?? []) {
      let ok = true;
      for (let i = 0; i < raw.length && ok; i++) {
        const segment = route.segments[i] ?? "";
        ok = isParam(segment) ? (raw[i] ?? "") !== "" : segment === raw[i];
      }
      if (ok) return { route, raw };
    }
    return undefined;
  }

  #authenticate(request: CoreRequest, op: CompiledOperation): TenantState {
    const key = request.header("x-api-key") ?? request.header("x-unsafe-api-key");
    if (key !== null && this.#keys.has(key)) return this.#tenant(key);
    if (!op.auth) return this.#tenant("");
    // Never echo the key: it may be a real one pasted by mistake.
    if (key === null || key === "") throw detail(401, "Authentication credentials were not provided.");
    throw detail(401, "Invalid API key.");
  }

  #tenant(key: string): TenantState {
    let tenant = this.#tenants.get(key);
    if (tenant === undefined) {
      tenant = new TenantState(`${this.options.seed}\u0000${key}`);
      this.#tenants.set(key, tenant);
      for (const template of this.spec.readOnlyCollections) {
        if (!template.includes("{")) this.#fill(tenant, template, template, {}, this.options.fixtures);
      }
    }
    return tenant;
  }

  #query(url: URL, op: CompiledOperation): Readonly<JsonObject> {
    // A query string validates (and coerces) the same every time: each is checked once per operation.
    let known = this.#queries.get(op);
    if (known === undefined) {
      known = new Map();
      this.#queries.set(op, known);
    }
    const cached = known.get(url.search);
    if (cached !== undefined) return cached;
    // Frozen: requests share it, so none may change what the next one reads.
    const query = Object.freeze(this.#checkQuery(url, op));
    if (known.size >= MAX_QUERIES) known.clear();
    known.set(url.search, query);
    return query;
  }

  #checkQuery(url: URL, op: CompiledOperation): JsonObject {
    const query = bareObject();
    for (const [key, value] of url.searchParams) {
      if (op.arrayQuery.has(key)) {
        const list = Array.isArray(query[key]) ? (query[key] as string[]) : [];
        list.push(value);
        query[key] = list;
      } else if (!(key in query)) {
        query[key] = value;
      }
    }
    const validateQuery = op.validateQuery();
    if (validateQuery(query)) return query;
    const errors = (validateQuery.errors ?? []).filter(
      (error: ErrorObject) => this.options.strictQuery || error.keyword !== "additionalProperties",
    );
    if (errors.length > 0) throw new HttpFailure(400, renameUnknown(toFieldErrors(errors)));
    return query;
  }

  async #body(request: CoreRequest, op: CompiledOperation): Promise<JsonObject> {
    const declared = op.body;
    if (declared === undefined && (request.method === "GET" || request.method === "DELETE")) return {};
    const length = Number(request.header("content-length") ?? "0");
    if (length > this.options.maxBodyBytes) throw this.#tooLarge();
    const bytes = await request.readBody(this.options.maxBodyBytes);
    if (bytes === "too-large") throw this.#tooLarge();
    if (declared === undefined) return {};
    let data: unknown = {};
    if (bytes.length > 0) {
      const contentType = request.header("content-type") ?? "";
      const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!declared.mediaTypes.includes(media)) throw detail(415, `Unsupported media type "${media}" in request.`);
      data = await parseBody(bytes, media, contentType);
    }
    const validate = declared.validator();
    if (!validate(data)) throw new HttpFailure(400, toFieldErrors(validate.errors ?? []));
    return isObject(data) ? data : {};
  }

  #tooLarge(): HttpFailure {
    return detail(413, `Request body too large: the limit is ${this.options.maxBodyBytes} bytes.`, { connection: "close" });
  }

  #execute(call: Call): CoreResponse {
    const { kind } = call.op;
    if (kind === "list") return this.#list(call);
    if (kind === "retrieve") return this.#retrieve(call);
    try {
      return this.#write(call, kind);
    } finally {
      // Whatever it did, even when it failed halfway: pages cached before it are not served again.
      call.tenant.changed();
    }
  }

  #retrieve(call: Call): CoreResponse {
    const item = this.#item(call.tenant, call.path);
    return call.op.success.mediaType === "application/json" ? text(call.op.success.status, itemJson(item)) : this.#render(call, item.value);
  }

  /** Every operation that is not a plain read: creates, updates, deletes, singletons and actions. */
  #write(call: Call, kind: Exclude<OperationKind, "list" | "retrieve">): CoreResponse {
    const { op, tenant, path } = call;
    switch (kind) {
      case "create": {
        const batch = op.operationId === BATCH_CREATE && this.options.lifecycle !== null;
        if (batch) this.#checkBatch(call);
        const created = this.#create(call, path, op.template);
        if (batch) this.#trackBatch(call, `${path}/${encodeURIComponent(String(created["batchId"]))}`);
        return json(op.success.status, created);
      }
      case "replace":
      case "update": {
        const item = this.#item(tenant, path);
        const batch = op.operationId === BATCH_UPDATE && this.options.lifecycle !== null;
        if (batch) {
          const errors = validateBatchPatch(item.value as unknown as LifecycleBatch, call.body, this.options.now(), this.options.lifecycle);
          if (errors !== null) throw new HttpFailure(400, errors);
        }
        item.value = this.#merge(op.success.schema, item.value, call.body);
        if (batch) this.#trackBatch(call, path);
        return text(op.success.status, itemJson(item));
      }
      case "destroy": {
        const id = path.slice(path.lastIndexOf("/") + 1);
        const removed = tenant.collections.get(parentOf(path))?.get(id);
        tenant.collections.get(parentOf(path))?.delete(id);
        tenant.removeChildren(path);
        if (op.operationId === "calls_destroy" && removed !== undefined) {
          // A deleted call leaves every list of calls (an agent's, a batch's created calls).
          for (const [key, items] of tenant.collections) if (/\/(?:created_)?calls$/.test(key)) items.delete(id);
          this.#tombstone(tenant, id, removed.value);
        }
        return empty(204);
      }
      case "singleton-get": {
        // The usage endpoints aggregate the calls their filters keep, as the API does.
        const usage = usageAnswer(op, call.query, {
          calls: tenant.collections.get("/api/calls")?.values() ?? [],
          agents: tenant.collections.get("/api/agents")?.values() ?? [],
        });
        return this.#render(call, usage ?? this.#singleton(call));
      }
      case "singleton-create": {
        const value = this.#merge(op.success.schema, this.#fresh(tenant, op.success.schema, call), call.body);
        tenant.singletons.set(path, value);
        return json(op.success.status, value);
      }
      case "singleton-update": {
        const current = this.#singleton(call);
        const value = isObject(current) ? this.#merge(op.success.schema, current, call.body) : current;
        tenant.singletons.set(path, value);
        return json(op.success.status, value);
      }
      case "singleton-delete":
        if (!tenant.singletons.delete(path)) throw detail(404, "Not found.");
        tenant.removeChildren(path);
        return empty(204);
      case "action":
        return this.#render(call, this.#sample(tenant, op.success.schema, call.params));
    }
  }

  #list(call: Call): CoreResponse {
    const { tenant, request } = call;
    if (this.options.pageCache === false) return this.#page(call);
    const cached = tenant.pages.get(request.url.href, tenant.version);
    if (cached !== undefined) return cached;
    const version = tenant.version;
    const response = this.#page(call);
    tenant.pages.set(request.url.href, version, response);
    return response;
  }

  #page(call: Call): CoreResponse {
    const { op, query } = call;
    const { items, order } = viewList(op, query, [...(call.tenant.collections.get(call.path)?.values() ?? [])]);
    if (!op.paginated) {
      const sorted = order === undefined ? items : sortItems(items, order).map((entry) => entry.item);
      return json(200, sorted.map((item) => item.value));
    }
    // As DRF: a page size below 1 means the default, one above the maximum means the maximum.
    const asked = typeof query["pageSize"] === "number" ? query["pageSize"] : 0;
    const pageSize = asked < 1 ? op.pageSize.default : Math.min(asked, op.pageSize.max);
    const cursor = typeof query["cursor"] === "string" ? query["cursor"] : undefined;
    return text(200, sortedPage(items, order ?? NEWEST_FIRST, { cursor, pageSize, url: call.request.url, total: op.envelopeTotal }));
  }

  #item(tenant: TenantState, path: string): StoredItem {
    const item = tenant.collections.get(parentOf(path))?.get(path.slice(path.lastIndexOf("/") + 1));
    if (item === undefined) throw detail(404, "Not found.");
    return item;
  }

  #singleton(call: Call): unknown {
    const existing = call.tenant.singletons.get(call.path);
    if (existing !== undefined) return existing;
    // Resources the API creates on POST (telephony configs) do not exist until then.
    if (call.route.operations.has("POST")) throw detail(404, "Not found.");
    const value = this.#sample(call.tenant, call.route.operations.get("GET")?.success.schema, call.params);
    call.tenant.singletons.set(call.path, value);
    return value;
  }

  /** The API's checks on a new scheduled batch beyond its schema; chooses a webhook secret when none is given. */
  #checkBatch(call: Call): void {
    const errors = validateBatchCreate(call.body, this.options.now(), this.options.lifecycle ?? {});
    if (errors !== null) throw new HttpFailure(400, errors);
    const url = call.body["webhookUrl"];
    const secret = call.body["webhookSecret"];
    if (typeof url === "string" && url !== "" && (typeof secret !== "string" || secret === "")) {
      call.body["webhookSecret"] = call.tenant.rng.alnum(32);
    }
  }

  #trackBatch(call: Call, batchPath: string): void {
    for (const [key, tenant] of this.#tenants) {
      if (tenant === call.tenant) this.lifecycle.track(CoreBatchStore.ref(key, batchPath));
    }
    // A window already open starts now (its first call is due at once); deliveries run on their own.
    this.lifecycle.advanceTo(this.options.now()).catch(() => undefined);
  }

  /** Stores a new item in the collection at `collectionPath`, with its children. */
  #create(call: Call, collectionPath: string, template: string): JsonObject {
    const { tenant, op } = call;
    const value = this.#merge(op.success.schema, this.#fresh(tenant, op.success.schema, call), call.body);
    const id = this.#assignId(tenant, template, collectionPath, value);
    const itemPath = `${collectionPath}/${encodeURIComponent(id)}`;
    const itemTemplate = this.#itemTemplate(template);
    const params = { ...call.params, ...(itemTemplate === undefined ? {} : { [itemTemplate.param]: id }) };
    for (const child of afterCreate(op.operationId, call.body, value)) {
      const childTemplate = `${itemTemplate?.template ?? template}/${child.collection}`;
      this.#fill(tenant, childTemplate, `${itemPath}/${child.collection}`, params, 1, child.values);
    }
    tenant.collection(collectionPath).set(id, { seq: tenant.nextSeq(), value });
    if (itemTemplate !== undefined) this.#fillChildren(tenant, itemTemplate.template, itemPath, params);
    // A call started through an agent is a call like any other: listed and served under /api/calls.
    const callId = value["callId"];
    if (op.operationId === "agents_calls_create" && typeof callId === "string" && this.spec.routeByTemplate.has(CALL_ITEM)) {
      tenant.collection("/api/calls").set(callId, { seq: tenant.nextSeq(), value });
      this.#fillChildren(tenant, CALL_ITEM, `/api/calls/${encodeURIComponent(callId)}`, { call_id: callId });
    }
    return value;
  }

  /** A deleted call leaves a tombstone in /api/deleted_calls, as the API keeps one. */
  #tombstone(tenant: TenantState, id: string, call: JsonObject): void {
    const schema = this.spec.routeByTemplate.get("/api/deleted_calls")?.operations.get("GET")?.itemSchema;
    if (schema === undefined) return;
    const copied: JsonObject = { deletionTime: new Date(this.options.now()).toISOString() };
    for (const name of objectProperties(schema, this.spec.schemas).keys()) {
      if (name !== "deletionTime" && Object.prototype.hasOwnProperty.call(call, name)) copied[name] = call[name];
    }
    const value = this.#merge(schema, this.#generate(tenant, schema, {}), copied, true);
    rememberDeletedCall(value, call);
    tenant.collection("/api/deleted_calls").set(id, { seq: tenant.nextSeq(), value });
  }

  #itemTemplate(collection: string): { template: string; param: string } | undefined {
    for (const template of this.spec.routeByTemplate.keys()) {
      const last = template.slice(template.lastIndexOf("/") + 1);
      if (parentOf(template) === collection && isParam(last) && this.spec.routeByTemplate.get(template)?.operations.has("GET")) {
        return { template, param: last.slice(1, -1) };
      }
    }
    const nested = [...this.spec.routeByTemplate.keys()].find((t) => t.startsWith(`${collection}/{`));
    if (nested === undefined) return undefined;
    const segment = nested.slice(collection.length + 1).split("/")[0] ?? "";
    return { template: `${collection}/${segment}`, param: segment.slice(1, -1) };
  }

  #assignId(tenant: TenantState, template: string, collectionPath: string, value: JsonObject): string {
    const field = this.spec.idFields.get(template);
    const kind = this.spec.idKinds.get(template) ?? "string";
    if (kind === "integer") {
      const id = String(tenant.collection(collectionPath).size);
      if (field !== undefined) value[field] = Number(id);
      return id;
    }
    if (field === undefined) return `i${tenant.nextSeq()}`;
    const current = value[field];
    const isUuid = typeof current === "string" && UUID.test(current);
    // Ids must be unique and fit the item path: a uuid where the path takes one, else a token.
    const id = isUuid ? current : kind === "uuid" ? tenant.rng.uuid() : tenant.rng.alnum(12);
    value[field] = id;
    return id;
  }

  /** Seeds the read-only child collections of a new item (a call's stages, a tool's history…). */
  #fillChildren(tenant: TenantState, itemTemplate: string, itemPath: string, params: Readonly<Record<string, string>>): void {
    for (const collection of this.spec.readOnlyCollections) {
      const name = collection.slice(collection.lastIndexOf("/") + 1);
      if (parentOf(collection) !== itemTemplate || MANAGED_COLLECTIONS.has(name)) continue;
      this.#fill(tenant, collection, `${itemPath}/${name}`, params, this.options.childFixtures);
    }
  }

  #fill(
    tenant: TenantState,
    template: string,
    path: string,
    params: Readonly<Record<string, string>>,
    count: number,
    values: JsonObject = {},
  ): void {
    const list = this.spec.routeByTemplate.get(template)?.operations.get("GET");
    if (list === undefined) return;
    for (let i = 0; i < count; i++) {
      const value = this.#merge(list.itemSchema, this.#generate(tenant, list.itemSchema, params), values, true);
      const id = this.#assignId(tenant, template, path, value);
      tenant.collection(path).set(id, { seq: tenant.nextSeq(), value });
      const itemTemplate = this.#itemTemplate(template);
      if (itemTemplate !== undefined) {
        const childParams = { ...params, [itemTemplate.param]: id };
        this.#fillChildren(tenant, itemTemplate.template, `${path}/${encodeURIComponent(id)}`, childParams);
      }
    }
  }

  /**
   * A new resource before the request's fields are copied in: readOnly fields generated, writable
   * fields the request left out at their default (null when nullable, absent when optional).
   */
  #fresh(tenant: TenantState, schema: unknown, call: Call): JsonObject {
    const value = this.#generate(tenant, schema, call.params);
    const required = requiredOf(schema, this.spec.schemas);
    const properties = objectProperties(schema, this.spec.schemas);
    // Schemas converted from protobuf (ultravox.v1.*) mark nothing readOnly, so their server-set
    // fields (ids, created) cannot be told apart: keep them all generated.
    if (![...properties.values()].some((property) => property["readOnly"] === true)) return value;
    for (const [name, property] of properties) {
      if (property["readOnly"] === true) {
        this.#freshReadOnly(value, name, property);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(call.body, name)) continue;
      if (property["default"] !== undefined) value[name] = property["default"];
      else if (property["nullable"] === true) value[name] = null;
      else if (!required.has(name)) Reflect.deleteProperty(value, name);
    }
    return value;
  }

  #sample(tenant: TenantState, schema: unknown, params: Readonly<Record<string, string>>): unknown {
    const sampled = sampleValue(schema, { schemas: this.spec.schemas, rng: tenant.rng, now: this.options.now() });
    return isObject(sampled) ? this.#withParents(sampled, schema, params) : sampled;
  }

  /**
   * Server-set fields of something that just came to be: counts start at 0 (also inside a
   * statistics object), lists empty, and what has not happened yet (joined, ended, endedAt, an
   * end reason) is null.
   */
  #freshReadOnly(value: JsonObject, name: string, property: JsonObject): void {
    const resolved = resolveRef(property["allOf"] === undefined ? property : asArray(property["allOf"])[0], this.spec.schemas);
    const nullBranch = [...asArray(property["oneOf"]), ...asArray(property["anyOf"])].some((branch) => {
      const choices = asArray(resolveRef(branch, this.spec.schemas)?.["enum"]);
      return choices.length > 0 && choices.every((choice) => choice === null);
    });
    if (resolved?.["type"] === "integer") {
      value[name] = 0;
    } else if (resolved?.["type"] === "array") {
      value[name] = [];
    } else if (property["nullable"] === true && (resolved?.["format"] === "date-time" || nullBranch)) {
      value[name] = null;
    } else if (isObject(value[name]) && resolved !== undefined) {
      const inner = objectProperties(resolved, this.spec.schemas);
      const counts = [...inner.entries()].filter(([, p]) => p["type"] === "integer");
      if (counts.length > 0 && counts.length === inner.size) {
        value[name] = Object.fromEntries(counts.map(([key]) => [key, 0]));
      }
    }
  }

  #generate(tenant: TenantState, schema: unknown, params: Readonly<Record<string, string>>): JsonObject {
    const sampled = sampleValue(schema, { schemas: this.spec.schemas, rng: tenant.rng, now: this.options.now() });
    return this.#withParents(isObject(sampled) ? sampled : {}, schema, params);
  }

  #withParents(value: JsonObject, schema: unknown, params: Readonly<Record<string, string>>): JsonObject {
    // Parents' ids appear in children (a stage's callId, a scheduled call's batchId).
    const properties = objectProperties(schema, this.spec.schemas);
    for (const [name, id] of Object.entries(params)) {
      const field = camelCase(name);
      if (properties.has(field)) value[field] = id;
    }
    return value;
  }

  /**
   * Copies the writable fields of `input` onto `base`; a field the response schema would reject
   * (a request shape wider than the response's) keeps its previous value, so answers stay valid.
   */
  #merge(schema: unknown, base: JsonObject, input: JsonObject, trusted = false): JsonObject {
    const properties = objectProperties(schema, this.spec.schemas);
    const merged: JsonObject = { ...base };
    for (const key of Object.keys(input)) {
      const property = properties.get(key);
      if (property === undefined || property["writeOnly"] === true || (!trusted && property["readOnly"] === true)) continue;
      merged[key] = input[key];
    }
    // Generated values are valid by construction (the every-operation test checks it); only
    // copied-in values can break the response schema.
    if (schema === undefined || Object.keys(input).length === 0) return merged;
    const validate = this.spec.validateResponse(schema);
    // Through a plain boolean: ajv's type guard would narrow `merged` to never below.
    const check = (data: unknown): boolean => validate(data);
    if (check(merged)) return merged;
    for (const error of validate.errors ?? []) {
      const missing = (error.params as Record<string, unknown>)["missingProperty"];
      const key = error.instancePath === "" && typeof missing === "string" ? missing : error.instancePath.split("/")[1];
      if (key === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(base, key)) merged[key] = base[key];
      else Reflect.deleteProperty(merged, key);
    }
    return merged;
  }

  #render(call: Call, value: unknown): CoreResponse {
    const { success } = call.op;
    const media = success.mediaType;
    if (success.status === 302) {
      return { status: 302, headers: { location: `https://storage.example.com${call.path}` }, body: null };
    }
    if (success.status === 204) return empty(204);
    if (media === "text/xml") {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Connect><Stream url="wss://voice.example.com/calls/${call.tenant.rng.uuid()}"/></Connect></Response>\n`;
      return { status: success.status, headers: { "content-type": "text/xml" }, body: xml };
    }
    if (media?.startsWith("audio/") === true || (media === undefined && call.path.endsWith("/audio"))) {
      return { status: success.status, headers: { "content-type": media ?? "audio/wav" }, body: WAV };
    }
    if (media === "application/vnd.oai.openapi") {
      return { status: 200, headers: { "content-type": "application/vnd.oai.openapi+json" }, body: JSON.stringify(this.spec.document) };
    }
    if (media === undefined) return empty(success.status);
    return json(success.status, value);
  }
}

/** The answer to a request that failed: its HTTP error, or a 500 that says the mock is at fault. */
function failure(error: unknown): CoreResponse {
  if (error instanceof HttpFailure) return json(error.status, error.body, error.headers);
  // A bug in the mock must still answer (and say so) rather than crash the server.
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  return json(500, { detail: `Mock server error: ${message}` });
}

async function parseBody(bytes: Uint8Array, media: string, contentType: string): Promise<unknown> {
  if (media === "application/x-www-form-urlencoded") {
    return Object.assign(bareObject(), Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))));
  }
  if (media === "multipart/form-data") {
    try {
      const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
      const out = bareObject();
      for (const [key, value] of form) out[key] = typeof value === "string" ? value : value.name;
      return out;
    } catch {
      throw detail(400, "Multipart form parse error - the body is not valid multipart/form-data.");
    }
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : "invalid JSON";
    throw detail(400, `JSON parse error - ${message}`);
  }
}

/** An unknown query parameter is a typo the real API would silently ignore: say so instead. */
function renameUnknown(errors: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(errors)) {
    if (Array.isArray(value) && value.includes("Unknown field.")) errors[key] = ["Unknown query parameter."];
  }
  return errors;
}

export function json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): CoreResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function text(status: number, body: string): CoreResponse {
  return { status, headers: JSON_HEADERS, body };
}

function empty(status: number): CoreResponse {
  return { status, headers: {}, body: null };
}

/** A valid, tiny WAV file: 0.1 s of 8 kHz mono silence. */
function wavSilence(): Uint8Array {
  const samples = 800;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples * 2, true);
  return bytes;
}

