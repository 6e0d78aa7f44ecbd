import type { ListRules } from "../../behaviour.js";
import type { JsonObject } from "../../internal/json.js";
import { textKey, timeKey, type ItemOrder } from "../../engine/item-order.js";
import type { ListDescription } from "../../engine/list-filters.js";
import type { StoredItem } from "../../state/stored-item.js";

const SEVERITIES = ["debug", "info", "warning", "error"];

/** GET /api/calls/{call_id}/events: `minimum_severity` keeps events at or above it (default: the spec's). */
export function severityFilter(op: ListDescription, query: JsonObject): ListRules & { readonly handles: ReadonlySet<string> } {
  const severity = (op.queryParams.has("minimum_severity") ? query["minimum_severity"] : undefined) ?? op.queryDefaults["minimum_severity"];
  const handles = new Set(["minimum_severity"]);
  if (typeof severity !== "string" || !SEVERITIES.includes(severity)) return { handles };
  const minimum = SEVERITIES.indexOf(severity);
  return { predicates: [(item) => SEVERITIES.indexOf(String(item.value["severity"])) >= minimum], handles };
}

/** GET /api/calls/{call_id}/messages: `mode=last_stage` keeps the messages of the call's last stage (that of its newest message). */
export function messageModeFilter(op: ListDescription, query: JsonObject, items: readonly StoredItem[]): ListRules & { readonly handles: ReadonlySet<string> } {
  const mode = (op.queryParams.has("mode") ? query["mode"] : undefined) ?? op.queryDefaults["mode"];
  const handles = new Set(["mode"]);
  if (mode !== "last_stage" || !op.queryParams.has("mode")) return { handles };
  const newest = items.reduce<StoredItem | undefined>((best, item) => (best === undefined || item.seq > best.seq ? item : best), undefined);
  const stage = newest?.value["callStageId"];
  return typeof stage === "string" ? { predicates: [(item) => item.value["callStageId"] === stage], handles } : { handles };
}

/** GET /api/voices: `primaryLanguage` keeps voices of that language; other regions or scripts of it come after the exact tag. */
export function languageFilter(op: ListDescription, query: JsonObject): ListRules & { readonly handles: ReadonlySet<string> } {
  const language = op.queryParams.has("primaryLanguage") ? query["primaryLanguage"] : undefined;
  const handles = new Set(["primaryLanguage"]);
  if (typeof language !== "string") return { handles };
  const wanted = language.toLowerCase();
  const base = primarySubtag(wanted);
  const order: ItemOrder = {
    id: `primaryLanguage=${wanted}`,
    key: (item) => [textKey(item.value["primaryLanguage"]) === wanted ? 0 : 1],
    directions: [1],
    seqDirection: -1,
  };
  const predicate = (item: StoredItem): boolean => {
    const tag = item.value["primaryLanguage"];
    return typeof tag === "string" && primarySubtag(tag.toLowerCase()) === base;
  };
  // An explicit `sort` still wins over the language order, as before.
  return { predicates: [predicate], handles, ...(typeof query["sort"] === "string" && op.queryParams.has("sort") ? {} : { order }) };
}

/** GET /api/tools: `sortOrder` (default: the spec's) picks one of the orders its description defines. */
export function toolOrder(op: ListDescription, query: JsonObject): ListRules & { readonly handles: ReadonlySet<string> } {
  const sortOrder = (op.queryParams.has("sortOrder") ? query["sortOrder"] : undefined) ?? op.queryDefaults["sortOrder"];
  const handles = new Set(["sortOrder"]);
  if (!op.queryParams.has("sortOrder") || typeof sortOrder !== "string" || !Object.prototype.hasOwnProperty.call(TOOL_ORDERS, sortOrder)) return { handles };
  const order = TOOL_ORDERS[sortOrder];
  return order === undefined ? { handles } : { order, handles };
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

