import { PageCache } from "./page-cache.js";
import { Prng } from "./prng.js";
import type { StoredItem } from "./stored-item.js";

/** Everything one API key sees: collections by concrete path, singletons, its own generator. */
export class TenantState {
  readonly rng: Prng;
  readonly collections = new Map<string, Map<string, StoredItem>>();
  readonly singletons = new Map<string, unknown>();
  /** List pages answered at `version` (see PageCache). */
  readonly pages = new PageCache();
  #seq = 0;
  #version = 0;

  constructor(seed: string) {
    this.rng = new Prng(seed);
  }

  /**
   * Moves on with every change to the tenant's resources. Writes happen in two places, and both say
   * so: the core's write operations (MockCore#write) and the batch lifecycle's store.
   */
  get version(): number {
    return this.#version;
  }

  /** Says the resources changed (or may have): answers cached before are no longer served. */
  changed(): void {
    this.#version++;
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  collection(path: string): Map<string, StoredItem> {
    let items = this.collections.get(path);
    if (items === undefined) {
      items = new Map();
      this.collections.set(path, items);
    }
    return items;
  }

  /** Removes a resource's children: every collection and singleton under `path/`. */
  removeChildren(path: string): void {
    const prefix = `${path}/`;
    for (const key of [...this.collections.keys()]) if (key.startsWith(prefix)) this.collections.delete(key);
    for (const key of [...this.singletons.keys()]) if (key === path || key.startsWith(prefix)) this.singletons.delete(key);
  }
}
