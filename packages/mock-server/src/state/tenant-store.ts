import type { JsonObject } from "../internal/json.js";
import { Prng } from "../internal/prng.js";
import { PageCache } from "./page-cache.js";
import type { StoredItem } from "./stored-item.js";

/** A stored item the store may replace; handed out as the read-only StoredItem. */
interface Slot {
  readonly seq: number;
  value: JsonObject;
}

const NO_ITEMS: readonly StoredItem[] = [];

/**
 * Everything one API key sees: collections by concrete path, singletons, its own generator. Its
 * methods are the only way to change it, and each change moves `version` on, which the page
 * cache reads: a page cached before a change is never served after it.
 */
export class TenantStore {
  /** The tenant's seeded generator: values generated for it come from here, so a seed replays them. */
  readonly rng: Prng;
  /**
   * List pages answered at `version` (see PageCache): the pipeline's cache, not for behaviours.
   * @internal
   */
  readonly pages = new PageCache();
  readonly #collections = new Map<string, Map<string, Slot>>();
  readonly #singletons = new Map<string, unknown>();
  #seq = 0;
  #version = 0;

  constructor(seed: string) {
    this.rng = new Prng(seed);
  }

  /** Moves on with every change to the tenant's resources. */
  get version(): number {
    return this.#version;
  }

  /** The next number of the tenant's insertion order (items take theirs when added; ids of collections without an id field use one). */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** The item `id` of the collection at `path`. */
  item(path: string, id: string): StoredItem | undefined {
    return this.#collections.get(path)?.get(id);
  }

  /** Whether the collection at `path` holds the item `id`. */
  has(path: string, id: string): boolean {
    return this.#collections.get(path)?.has(id) === true;
  }

  /** The collection's items in insertion order. */
  items(path: string): readonly StoredItem[] {
    const items = this.#collections.get(path);
    return items === undefined ? NO_ITEMS : [...items.values()];
  }

  /** The collection's item ids in insertion order. */
  ids(path: string): readonly string[] {
    return [...(this.#collections.get(path)?.keys() ?? [])];
  }

  /** How many items the collection at `path` holds. */
  count(path: string): number {
    return this.#collections.get(path)?.size ?? 0;
  }

  /** Paths of the collections that hold items (or held some). */
  collectionPaths(): readonly string[] {
    return [...this.#collections.keys()];
  }

  /** The singleton resource at `path` (a telephony config…), undefined when none is stored. */
  singleton(path: string): unknown {
    return this.#singletons.get(path);
  }

  /** Adds (or replaces, with a new place in the order) the item `id` of the collection at `path`. */
  add(path: string, id: string, value: JsonObject): StoredItem {
    let items = this.#collections.get(path);
    if (items === undefined) {
      items = new Map();
      this.#collections.set(path, items);
    }
    const slot: Slot = { seq: this.nextSeq(), value };
    items.set(id, slot);
    this.#version++;
    return slot;
  }

  /** Replaces an item's value (its place in the order stays); undefined when there is no such item. */
  replace(path: string, id: string, value: JsonObject): StoredItem | undefined {
    const slot = this.#collections.get(path)?.get(id);
    if (slot === undefined) return undefined;
    slot.value = value;
    this.#version++;
    return slot;
  }

  /** Removes an item; returns it, or undefined when there was none. */
  remove(path: string, id: string): StoredItem | undefined {
    const items = this.#collections.get(path);
    const slot = items?.get(id);
    if (slot === undefined) return undefined;
    items?.delete(id);
    this.#version++;
    return slot;
  }

  /** Stores the singleton resource at `path`. */
  setSingleton(path: string, value: unknown): void {
    this.#singletons.set(path, value);
    this.#version++;
  }

  /** Removes a singleton and everything under it; false when there was none. */
  removeSingleton(path: string): boolean {
    if (!this.#singletons.has(path)) return false;
    this.removeChildren(path);
    return true;
  }

  /** Removes a resource's children: every collection and singleton under `path/` (and a singleton at `path`). */
  removeChildren(path: string): void {
    const prefix = `${path}/`;
    for (const key of [...this.#collections.keys()]) if (key.startsWith(prefix)) this.#collections.delete(key);
    for (const key of [...this.#singletons.keys()]) if (key === path || key.startsWith(prefix)) this.#singletons.delete(key);
    this.#version++;
  }
}
