import type { ListRules } from "../behaviour.js";
import type { JsonObject } from "../internal/json.js";
import { HttpFailure } from "../pipeline/http-failure.js";
import type { CompiledOperation } from "../spec/operation.js";
import type { StoredItem } from "../state/stored-item.js";
import { textKey, timeKey, type ItemOrder, type SortValue } from "./item-order.js";

/** What `viewList` reads of a compiled list operation. */
export type ListDescription = Pick<CompiledOperation, "filters" | "search" | "queryParams" | "queryDefaults" | "objectQuery" | "sortFields">;

export interface ListView {
  /** The items the query keeps, in storage order (oldest first). */
  readonly items: readonly StoredItem[];
  /** The order the query asks for; undefined: the default, newest first. */
  readonly order: ItemOrder | undefined;
}

type Predicate = (item: StoredItem) => boolean;

/** DRF's own list parameters: never equality on an item property. */
const GENERIC_RULES = new Set(["search", "sort"]);

/**
 * Applies a list operation's generic filters and order to its items, as DRF's filter backends
 * do: equality on a parameter naming an item property (any of several values for an array
 * parameter), `search` (a case-insensitive substring of any text field) and `sort` (an
 * OrderingFilter: comma-separated fields, "-" for descending). `rules` adds a behaviour's own
 * (see OperationBehaviour.list); the parameters it `handles` get no equality filter here.
 * `query` is the validated query; values only this module can judge (sort fields) get a 400 here.
 */
export function viewList(op: ListDescription, query: JsonObject, items: readonly StoredItem[], rules: ListRules = {}): ListView {
  const predicates: Predicate[] = [];
  for (const name of op.filters) {
    const wanted = query[name];
    if (wanted === undefined || GENERIC_RULES.has(name) || rules.handles?.has(name) === true) continue;
    if (Array.isArray(wanted)) {
      const choices = new Set(wanted.map(scalarText));
      predicates.push((item) => choices.has(scalarText(item.value[name])));
    } else {
      const text = scalarText(wanted);
      predicates.push((item) => scalarText(item.value[name]) === text);
    }
  }
  const search = op.queryParams.has("search") ? query["search"] : undefined;
  if (op.search && typeof search === "string" && search !== "") {
    const needle = search.toLowerCase();
    predicates.push((item) =>
      Object.values(item.value).some((value) => typeof value === "string" && value.toLowerCase().includes(needle)),
    );
  }
  predicates.push(...(rules.predicates ?? []));
  let order = rules.order;
  const sort = op.queryParams.has("sort") ? query["sort"] : undefined;
  // Checked even when a behaviour's order wins: a bad `sort` is a 400 either way.
  if (typeof sort === "string") {
    const asked = sortOrderOf(sort, op.sortFields);
    order = rules.order ?? asked;
  }
  const kept = predicates.length === 0 ? items : items.filter((item) => predicates.every((keep) => keep(item)));
  return { items: kept, order };
}

/**
 * A `sort` value: comma-separated item fields, each optionally prefixed with "-" for descending
 * (DRF's OrderingFilter syntax), among the list's date-time fields and `name`.
 */
function sortOrderOf(sort: string, fields: readonly string[]): ItemOrder {
  const terms = sort.split(",").map((term) => term.trim());
  const parsed = terms.map((term) => ({ field: term.replace(/^-/, ""), direction: term.startsWith("-") ? (-1 as const) : (1 as const) }));
  const unknown = parsed.find((term) => !fields.includes(term.field));
  if (unknown !== undefined || terms.length === 0) {
    const choices = fields.flatMap((field) => [field, `-${field}`]).join(", ");
    throw invalid("sort", `"${sort}" is not a valid ordering. Use one of: ${choices} (comma-separated for several).`);
  }
  return {
    id: `sort=${terms.join(",")}`,
    key: (item) => parsed.map(({ field }): SortValue => (field === "name" ? textKey(item.value[field]) : timeKey(item.value[field]))),
    directions: parsed.map((term) => term.direction),
    seqDirection: parsed[0]?.direction ?? -1,
  };
}

/** A field's 400, as DRF words field errors: `{"name": ["message"]}`. */
export function invalid(name: string, message: string): HttpFailure {
  return new HttpFailure(400, { [name]: [message] });
}

/** A query or item value as comparable text. */
export function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}
