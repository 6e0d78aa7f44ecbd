import type { JsonObject } from "../internal/json.js";

/** One resource in a collection, as the store hands it out (read it; change it through the store). */
export interface StoredItem {
  /** Insertion order: pages are keyed on it, so adding items never shifts a cursor. */
  readonly seq: number;
  /** The resource; the store replaces it on a change, never mutates it in place. */
  readonly value: JsonObject;
}

// Keyed by the value object, so a replaced value is what drops the cached text.
const texts = new WeakMap<JsonObject, string>();

/**
 * A resource's JSON text, computed once per value: a page joins these cached strings instead of
 * serialising every item on every request.
 */
export function itemJson(item: StoredItem): string {
  let text = texts.get(item.value);
  if (text === undefined) {
    text = JSON.stringify(item.value);
    texts.set(item.value, text);
  }
  return text;
}
