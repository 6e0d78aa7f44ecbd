import type { StoredItem } from "./stored-item.js";
import { Prng } from "./prng.js";

/** Everything one API key sees: collections by concrete path, singletons, its own generator. */
export class TenantState {
  readonly rng: Prng;
  readonly collections = new Map<string, Map<string, StoredItem>>();
  readonly singletons = new Map<string, unknown>();
  #seq = 0;

  constructor(seed: string) {
    this.rng = new Prng(seed);
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
