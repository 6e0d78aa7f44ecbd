import type { JsonObject } from "./json.js";

/** One resource in a collection. */
export interface StoredItem {
  /** Insertion order: pages are keyed on it, so adding items never shifts a cursor. */
  readonly seq: number;
  /** Replace it to change the resource (`item.value = { ...item.value, status }`); never mutate it in place. */
  value: JsonObject;
}

// Keyed by the value object, so assigning a new value is what drops the cached text.
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
