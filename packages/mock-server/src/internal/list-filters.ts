import type { CompiledOperation } from "./compile-spec.js";
import { callFields } from "./deleted-calls.js";
import { callDuration, dateBound, parseDuration, parseTimeOfDay, timeOfDay } from "./filter-values.js";
import { HttpFailure } from "./http-failure.js";
import { textKey, timeKey, type ItemOrder, type SortValue } from "./item-order.js";
import { isObject, type JsonObject } from "./json.js";
import type { StoredItem } from "./stored-item.js";

/** What `viewList` reads of a compiled list operation. */
export type ListDescription = Pick<CompiledOperation, "filters" | "search" | "queryParams" | "queryDefaults" | "objectQuery" | "sortFields">;

export interface ListView {
  /** The items the query keeps, in storage order (oldest first). */
  readonly items: readonly StoredItem[];
  /** The order the query asks for; undefined: the default, newest first. */
  readonly order: ItemOrder | undefined;
}

type Predicate = (item: StoredItem) => boolean;

/** Parameters with a rule of their own below, never plain equality on an item property. */
const RULES = new Set([
  "agentIds",
  "fromDate",
  "toDate",
  "durationMin",
  "durationMax",
  "timeOfDayStart",
  "timeOfDayEnd",
  "voiceId",
  "metadata",
  "search",
  "sort",
  "sortOrder",
  "primaryLanguage",
  "minimum_severity",
  "mode",
]);
const SEVERITIES = ["debug", "info", "warning", "error"];

/**
 * Applies a list operation's filters and order to its items, as the spec's parameters describe
 * them (README, "Filters and sorting"). `query` is the validated query: enums, formats and types
 * are already checked; values only this module can judge (durations, sort fields) get a 400 here.
 */
export function viewList(op: ListDescription, query: JsonObject, items: readonly StoredItem[]): ListView {
  const given = (name: string): unknown => (op.queryParams.has(name) ? query[name] : undefined);
  const predicates: Predicate[] = [];

  for (const name of op.filters) {
    const wanted = query[name];
    if (wanted === undefined || RULES.has(name)) continue;
    if (Array.isArray(wanted)) {
      // An array parameter (voices' provider) keeps items matching any of its values.
      const choices = new Set(wanted.map(scalarText));
      predicates.push((item) => choices.has(scalarText(item.value[name])));
    } else {
      const text = scalarText(wanted);
      predicates.push((item) => scalarText(item.value[name]) === text);
    }
  }
  const search = given("search");
  if (op.search && typeof search === "string" && search !== "") {
    const needle = search.toLowerCase();
    predicates.push((item) =>
      Object.values(item.value).some((value) => typeof value === "string" && value.toLowerCase().includes(needle)),
    );
  }
  predicates.push(...callPredicates(op, query, given));

  const severity = given("minimum_severity") ?? op.queryDefaults["minimum_severity"];
  if (typeof severity === "string" && SEVERITIES.includes(severity)) {
    const minimum = SEVERITIES.indexOf(severity);
    predicates.push((item) => SEVERITIES.indexOf(String(item.value["severity"])) >= minimum);
  }
  const mode = given("mode") ?? op.queryDefaults["mode"];
  if (mode === "last_stage" && op.queryParams.has("mode")) {
    // The call's last stage is the stage of its newest message; in_call keeps every stage.
    const newest = items.reduce<StoredItem | undefined>((best, item) => (best === undefined || item.seq > best.seq ? item : best), undefined);
    const stage = newest?.value["callStageId"];
    if (typeof stage === "string") predicates.push((item) => item.value["callStageId"] === stage);
  }

  const language = given("primaryLanguage");
  let order: ItemOrder | undefined;
  if (typeof language === "string") {
    const wanted = language.toLowerCase();
    const base = primarySubtag(wanted);
    predicates.push((item) => {
      const tag = item.value["primaryLanguage"];
      return typeof tag === "string" && primarySubtag(tag.toLowerCase()) === base;
    });
    // Other regions or scripts of the same language come after the exact tag.
    order = {
      id: `primaryLanguage=${wanted}`,
      key: (item) => [textKey(item.value["primaryLanguage"]) === wanted ? 0 : 1],
      directions: [1],
      seqDirection: -1,
    };
  }
  const sort = given("sort");
  if (typeof sort === "string") order = sortOrderOf(sort, op.sortFields);
  const sortOrder = given("sortOrder") ?? op.queryDefaults["sortOrder"];
  if (op.queryParams.has("sortOrder") && typeof sortOrder === "string" && Object.prototype.hasOwnProperty.call(TOOL_ORDERS, sortOrder)) {
    order = TOOL_ORDERS[sortOrder];
  }

  const kept = predicates.length === 0 ? items : items.filter((item) => predicates.every((keep) => keep(item)));
  return { items: kept, order };
}

/** The filters of the calls lists (calls, deleted calls): agentIds, dates, durations, times of day, voiceId, metadata. */
function callPredicates(op: ListDescription, query: JsonObject, given: (name: string) => unknown): Predicate[] {
  const predicates: Predicate[] = [];
  const agentIds = given("agentIds");
  if (Array.isArray(agentIds) && agentIds.length > 0) {
    const wanted = new Set(agentIds.map(scalarText));
    predicates.push((item) => wanted.has(scalarText(callFields(item.value)["agentId"])));
  }
  const from = dateParam(given("fromDate"), "fromDate", false);
  const to = dateParam(given("toDate"), "toDate", true);
  if (from !== undefined || to !== undefined) {
    predicates.push((item) => {
      const created = timeKey(item.value["created"]);
      return created !== null && (from === undefined || created >= from) && (to === undefined || created <= to);
    });
  }
  const min = durationParam(given("durationMin"), "durationMin");
  const max = durationParam(given("durationMax"), "durationMax");
  if (min !== undefined || max !== undefined) {
    predicates.push((item) => {
      const seconds = callDuration(callFields(item.value));
      return seconds !== undefined && (min === undefined || seconds >= min) && (max === undefined || seconds <= max);
    });
  }
  const startText = given("timeOfDayStart");
  const endText = given("timeOfDayEnd");
  if (startText !== undefined || endText !== undefined) {
    const start = timeParam(startText ?? op.queryDefaults["timeOfDayStart"] ?? "00:00:00", "timeOfDayStart");
    const end = timeParam(endText ?? op.queryDefaults["timeOfDayEnd"] ?? "23:59:59.999999", "timeOfDayEnd");
    predicates.push((item) => {
      const created = timeKey(item.value["created"]);
      if (created === null) return false;
      const at = timeOfDay(created);
      // A start after the end is a range across midnight (22:00 to 06:00).
      return start <= end ? at >= start && at <= end : at >= start || at <= end;
    });
  }
  const voiceId = given("voiceId");
  if (typeof voiceId === "string") predicates.push((item) => callFields(item.value)["voice"] === voiceId);
  const metadata = metadataParam(op, query);
  if (metadata.length > 0) {
    predicates.push((item) => {
      const values = callFields(item.value)["metadata"];
      return isObject(values) && metadata.every(([key, value]) => Object.prototype.hasOwnProperty.call(values, key) && values[key] === value);
    });
  }
  return predicates;
}

/** The metadata pairs of a query: `metadata.key=value` (the spec's wording) or `metadata[key]=value` (openapi-fetch's). */
function metadataParam(op: ListDescription, query: JsonObject): [string, string][] {
  if (!op.objectQuery.has("metadata")) return [];
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== "string") continue;
    if (name.startsWith("metadata.")) pairs.push([name.slice("metadata.".length), value]);
    else if (name.startsWith("metadata[") && name.endsWith("]")) pairs.push([name.slice("metadata[".length, -1), value]);
  }
  return pairs;
}

function dateParam(value: unknown, name: string, end: boolean): number | undefined {
  if (typeof value !== "string") return undefined;
  const bound = dateBound(value, end);
  if (bound === undefined) throw invalid(name, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
  return bound;
}

function durationParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === "string" ? parseDuration(value.trim()) : undefined;
  if (seconds === undefined) throw invalid(name, `Enter a valid duration such as "30s", "90.5s" or "hh:mm:ss".`);
  return seconds;
}

function timeParam(value: unknown, name: string): number {
  const ms = typeof value === "string" ? parseTimeOfDay(value) : undefined;
  if (ms === undefined) throw invalid(name, "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].");
  return ms;
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

const isPrivate = (item: StoredItem): boolean => item.value["ownership"] === "private";

/** The tools list's `sortOrder` values, as their descriptions in the spec define them. */
const TOOL_ORDERS: Readonly<Record<string, ItemOrder>> = {
  // Public tools by name first, then private tools, most recent first.
  display: {
    id: "sortOrder=display",
    key: (item) =>
      isPrivate(item) ? [1, "", timeKey(item.value["created"])] : [0, textKey(item.value["name"]), 0],
    directions: [1, 1, -1],
    seqDirection: -1,
  },
  alphabetic: { id: "sortOrder=alphabetic", key: (item) => [textKey(item.value["name"])], directions: [1], seqDirection: 1 },
  reverseAlphabetic: { id: "sortOrder=reverseAlphabetic", key: (item) => [textKey(item.value["name"])], directions: [-1], seqDirection: -1 },
  chronologic: { id: "sortOrder=chronologic", key: (item) => [timeKey(item.value["created"])], directions: [1], seqDirection: 1 },
  reverseChronologic: { id: "sortOrder=reverseChronologic", key: (item) => [timeKey(item.value["created"])], directions: [-1], seqDirection: -1 },
  // reverseChronologic with private tools first.
  default: {
    id: "sortOrder=default",
    key: (item) => [isPrivate(item) ? 0 : 1, timeKey(item.value["created"])],
    directions: [1, -1],
    seqDirection: -1,
  },
};

function primarySubtag(tag: string): string {
  return tag.split(/[-_]/)[0] ?? tag;
}

function invalid(name: string, message: string): HttpFailure {
  return new HttpFailure(400, { [name]: [message] });
}

export function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}
