import type { JsonObject } from "./internal/json.js";
import type { Answer, CoreRequest, CoreResponse } from "./pipeline/core-exchange.js";
import type { CompiledSpec } from "./spec/compile-spec.js";
import type { CompiledOperation } from "./spec/operation.js";
import type { StoredItem } from "./state/stored-item.js";
import type { TenantStore } from "./state/tenant-store.js";

/**
 * One request reaching an operation, after routing, authentication and validation: what a
 * behaviour's hooks read. The store is the tenant's: change it only through its methods.
 */
export interface OperationCall {
  /** The operation called, as compiled from the spec (operationId, path template, schemas). */
  readonly operation: CompiledOperation;
  /** The request: method, URL and headers (its body is already read, validated, into `body`). */
  readonly request: CoreRequest;
  /** The API key of the tenant ("" for an operation without authentication called without a key). */
  readonly apiKey: string;
  /** The tenant's resources (see TenantStore). */
  readonly store: TenantStore;
  /** The request path with decoded, re-encoded parameters: the store's key. */
  readonly path: string;
  /** Decoded path parameters by their spec name (`agent_id`). */
  readonly params: Readonly<Record<string, string>>;
  /** The validated (coerced) query; shared between requests: never change it. */
  readonly query: Readonly<JsonObject>;
  /** The validated request body (`{}` when there is none). */
  readonly body: Readonly<JsonObject>;
}

/** Items to seed under a resource just created, in the named child collection. */
export interface ChildRecord {
  /** Collection name under the created resource, e.g. "scheduled_calls". */
  readonly collection: string;
  /** Values set on a generated item of that collection. */
  readonly values: JsonObject;
}

/** One component of a sort key; null sorts after every value, as PostgreSQL's default does. */
export type SortValue = string | number | null;

/** An order of a list other than the default newest first, for `sortedPage`. */
export interface ItemOrder {
  /** Names the order inside cursors: a cursor made under another order is refused. */
  readonly id: string;
  /** The item's sort key, compared component by component. */
  readonly key: (item: StoredItem) => readonly SortValue[];
  /** Per key component: 1 ascending, -1 descending. */
  readonly directions: readonly (1 | -1)[];
  /** Ties are broken by insertion order (`seq`) in this direction, so the order is total. */
  readonly seqDirection: 1 | -1;
}

/** What a list behaviour adds to the generic filters: more predicates, another order. */
export interface ListRules {
  /** More filters: an item is listed only when every predicate returns true. */
  readonly predicates?: readonly ((item: StoredItem) => boolean)[];
  /** Replaces the order the generic filters chose (default: newest first). */
  readonly order?: ItemOrder;
  /** Query parameters these rules interpret: the generic equality filter leaves them alone. */
  readonly handles?: ReadonlySet<string>;
}

/**
 * What an operation does beyond the generic one of its kind (list, create, update…). Every hook
 * is optional; throw an HttpFailure (see `fail`) from any of them to answer with an error.
 */
export interface OperationBehaviour {
  /** Checks the request beyond its schema, before anything changes; may return the body to use instead (server-chosen values added). */
  readonly check?: (call: OperationCall) => JsonObject | undefined;
  /** Create and update: the resource about to be stored, returned as it should be stored. */
  readonly prepare?: (call: OperationCall, value: JsonObject) => JsonObject;
  /** Create: child items to seed under the new resource. */
  readonly children?: (call: OperationCall, value: JsonObject) => readonly ChildRecord[];
  /** After a create, update or destroy changed the store: `value` is the resource stored (or removed). */
  readonly stored?: (call: OperationCall, value: JsonObject) => void;
  /** A read whose answer is computed (usage aggregates) rather than stored; undefined lets the generic one answer. */
  readonly answer?: (call: OperationCall) => unknown;
  /** Lists: filters and order beyond the generic ones (equality, search, sort). */
  readonly list?: (call: OperationCall, items: readonly StoredItem[]) => ListRules;
  /** The success answer when it is not JSON (audio, XML); undefined lets the generic rendering answer. */
  readonly render?: (call: OperationCall) => CoreResponse | undefined;
  /** Counted by the call-creation rate limit. */
  readonly createsCall?: boolean;
  /** Lists: the API fills this collection itself, so it starts empty (no fixtures). */
  readonly managed?: boolean;
}

/** New resources generated from the spec's schemas with a tenant's seeded generator, as a create makes them. */
export interface ResourceGenerator {
  /**
   * A generated resource of `schema` with `values` copied in as they are (the server's own, readOnly
   * fields too); `params` (the path's parameters) fill the properties named after the parent ids.
   */
  resource(store: TenantStore, schema: unknown, values: JsonObject, params?: Readonly<Record<string, string>>): JsonObject;
}

/** What the mock gives a behaviour when it is built. */
export interface BehaviourHost {
  /** The spec being served, compiled: operations by operationId, routes, schemas. */
  readonly spec: CompiledSpec;
  /** Generates new resources from the spec's schemas with a tenant's seeded generator. */
  readonly values: ResourceGenerator;
  /** The mock's clock, in milliseconds since the epoch. */
  now(): number;
  /** The store of an API key's tenant, if it has made a request yet. */
  tenant(apiKey: string): TenantStore | undefined;
  /** Seeds the read-only child lists of an item a behaviour stored itself (a call's stages), as a create does. */
  fillChildren(store: TenantStore, itemTemplate: string, itemPath: string, params: Readonly<Record<string, string>>): void;
}

/** A set of behaviours registered together: hooks by operationId, and time-driven work. */
export interface MockBehaviour {
  /** Hooks by operationId; operations the spec does not have are ignored. */
  readonly operations: Readonly<Record<string, OperationBehaviour>>;
  /** Brings time-driven work up to `now` (called before each request and on every clock move). */
  advanceTo?(now: number): Promise<void>;
  /** Forgets its state (the mock's `reset()`). */
  reset?(): void;
  /**
   * Its own admin routes under `/__mock` (`path` is what follows the prefix), asked once the API key
   * is known to be accepted; undefined when the path is not one of them.
   */
  adminRoute?(request: CoreRequest, path: string, apiKey: string): Answer | undefined;
  /** Routes under `/__mock` answered without an API key (files behind unguessable tokens); undefined when not one. */
  publicRoute?(request: CoreRequest): Answer | undefined;
}

/**
 * A behaviour, or a function building one per mock from the host (for behaviours with state).
 * `generates` names the operations whose resource schema (a list's item, else the success body)
 * the behaviour generates values of, so their validators are compiled at start.
 */
export type BehaviourSource =
  | MockBehaviour
  | {
      /** operationIds whose resource schema the behaviour generates values of (validators compiled at start). */
      readonly generates?: readonly string[];
      /** Builds the behaviour for one mock (called once per `createMockHandler`). */
      create(host: BehaviourHost): MockBehaviour;
    };
