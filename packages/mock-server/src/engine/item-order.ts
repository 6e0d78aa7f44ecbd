import type { ItemOrder, SortValue } from "../behaviour.js";
import type { StoredItem } from "../state/stored-item.js";

// Defined with the behaviour contract, which names them (ListRules.order); re-exported for the engine's sorting modules.
export type { ItemOrder, SortValue };

/** The API's default: newest first. */
export const NEWEST_FIRST: ItemOrder = { id: "", key: () => [], directions: [], seqDirection: -1 };

export interface KeyedItem {
  readonly key: readonly SortValue[];
  readonly seq: number;
}

/** A stored item with its sort key, computed once. */
export interface SortedEntry extends KeyedItem {
  readonly item: StoredItem;
}

/** `items` in `order`, each key computed once rather than per comparison. */
export function sortItems(items: readonly StoredItem[], order: ItemOrder): SortedEntry[] {
  const entries = items.map((item) => ({ item, key: order.key(item), seq: item.seq }));
  return entries.sort((a, b) => compareKeyed(order, a, b));
}

/** Negative when `a` comes before `b` in `order`. */
export function compareKeyed(order: ItemOrder, a: KeyedItem, b: KeyedItem): number {
  for (let i = 0; i < order.directions.length; i++) {
    const result = compareValues(a.key[i] ?? null, b.key[i] ?? null);
    if (result !== 0) return result * (order.directions[i] ?? 1);
  }
  return (a.seq - b.seq) * order.seqDirection;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : 1;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A date-time as milliseconds, or null: what date-time keys sort on. */
export function timeKey(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A name as it sorts: case-insensitive, as the API's collation does. */
export function textKey(value: unknown): string | null {
  return typeof value === "string" ? value.toLowerCase() : null;
}
