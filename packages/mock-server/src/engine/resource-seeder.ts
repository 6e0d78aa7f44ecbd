import type { ChildRecord, OperationBehaviour } from "../behaviour.js";
import type { JsonObject } from "../internal/json.js";
import type { CompiledSpec } from "../spec/compile-spec.js";
import { parentOf } from "../spec/router.js";
import type { TenantStore } from "../state/tenant-store.js";
import type { ValueGenerator } from "./value-generator.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SeederOptions {
  /** Items seeded in each read-only top-level list. */
  readonly fixtures: number;
  /** Items seeded in each read-only child list of a new resource. */
  readonly childFixtures: number;
}

/**
 * Puts resources into a tenant's store: the fixtures of read-only lists (a new tenant's models,
 * a new call's stages), and new items with their ids and children.
 */
export class ResourceSeeder {
  readonly #spec: CompiledSpec;
  readonly #values: ValueGenerator;
  readonly #options: SeederOptions;
  readonly #behaviourOf: (operationId: string) => OperationBehaviour;

  constructor(spec: CompiledSpec, values: ValueGenerator, options: SeederOptions, behaviourOf: (operationId: string) => OperationBehaviour) {
    this.#spec = spec;
    this.#values = values;
    this.#options = options;
    this.#behaviourOf = behaviourOf;
  }

  /** A new tenant's top-level read-only lists, filled with fixtures. */
  seedTenant(store: TenantStore): void {
    for (const template of this.#spec.readOnlyCollections) {
      if (!template.includes("{")) this.fill(store, template, template, {}, this.#options.fixtures);
    }
  }

  /** Stores `value` as a new item of the collection at `collectionPath` (of `template`), with its children; returns its id. */
  store(store: TenantStore, template: string, collectionPath: string, params: Readonly<Record<string, string>>, value: JsonObject, children: readonly ChildRecord[] = []): { id: string; value: JsonObject } {
    const { id, value: identified } = this.#identify(store, template, collectionPath, value);
    const itemPath = `${collectionPath}/${encodeURIComponent(id)}`;
    const itemTemplate = this.#spec.itemTemplate(template);
    const childParams = { ...params, ...(itemTemplate === undefined ? {} : { [itemTemplate.param]: id }) };
    for (const child of children) {
      const childTemplate = `${itemTemplate?.template ?? template}/${child.collection}`;
      this.fill(store, childTemplate, `${itemPath}/${child.collection}`, childParams, 1, child.values);
    }
    store.add(collectionPath, id, identified);
    if (itemTemplate !== undefined) this.fillChildren(store, itemTemplate.template, itemPath, childParams);
    return { id, value: identified };
  }

  /** Seeds the read-only child collections of a new item (a call's stages, a tool's history…), except those behaviours fill. */
  fillChildren(store: TenantStore, itemTemplate: string, itemPath: string, params: Readonly<Record<string, string>>): void {
    for (const collection of this.#spec.readOnlyCollections) {
      if (parentOf(collection) !== itemTemplate) continue;
      const list = this.#spec.routeByTemplate.get(collection)?.operations.get("GET");
      if (list !== undefined && this.#behaviourOf(list.operationId).managed === true) continue;
      this.fill(store, collection, `${itemPath}/${collection.slice(collection.lastIndexOf("/") + 1)}`, params, this.#options.childFixtures);
    }
  }

  /** Adds `count` generated items (with `values` copied in) to the collection at `path`. */
  fill(store: TenantStore, template: string, path: string, params: Readonly<Record<string, string>>, count: number, values: JsonObject = {}): void {
    const list = this.#spec.routeByTemplate.get(template)?.operations.get("GET");
    if (list === undefined) return;
    for (let i = 0; i < count; i++) {
      const generated = this.#values.resource(store, list.itemSchema, values, params);
      const { id, value } = this.#identify(store, template, path, generated);
      store.add(path, id, value);
      const itemTemplate = this.#spec.itemTemplate(template);
      if (itemTemplate !== undefined) {
        this.fillChildren(store, itemTemplate.template, `${path}/${encodeURIComponent(id)}`, { ...params, [itemTemplate.param]: id });
      }
    }
  }

  /** The id a new item gets, and the item with it in its id field. */
  #identify(store: TenantStore, template: string, collectionPath: string, value: JsonObject): { id: string; value: JsonObject } {
    const field = this.#spec.idFields.get(template);
    const kind = this.#spec.idKinds.get(template) ?? "string";
    if (kind === "integer") {
      const id = String(store.count(collectionPath));
      return { id, value: field === undefined ? value : { ...value, [field]: Number(id) } };
    }
    if (field === undefined) return { id: `i${String(store.nextSeq())}`, value };
    const current = value[field];
    const isUuid = typeof current === "string" && UUID.test(current);
    // Ids must be unique and fit the item path: a uuid where the path takes one, else a token.
    const id = isUuid ? current : kind === "uuid" ? store.rng.uuid() : store.rng.alnum(12);
    return { id, value: { ...value, [field]: id } };
  }
}
