import type { ListRules } from "../../behaviour.js";
import { isObject, type JsonObject } from "../../internal/json.js";
import { invalid, scalarText, type ListDescription } from "../../engine/list-filters.js";
import { timeKey } from "../../engine/item-order.js";
import type { StoredItem } from "../../state/stored-item.js";
import { callFields } from "./deleted-calls.js";
import { callDuration, dateBound, parseDuration, parseTimeOfDay, timeOfDay } from "./filter-values.js";

type Predicate = (item: StoredItem) => boolean;

/** The calls filters' parameters: interpreted here, never plain equality. */
export const CALL_FILTERS: ReadonlySet<string> = new Set(["agentIds", "fromDate", "toDate", "durationMin", "durationMax", "timeOfDayStart", "timeOfDayEnd", "voiceId", "metadata"]);

/** The calls lists' rules (calls, deleted calls, usage), as the spec's parameter descriptions state them. */
export function callFilters(op: ListDescription, query: JsonObject): ListRules & { readonly handles: ReadonlySet<string> } {
  const given = (name: string): unknown => (op.queryParams.has(name) ? query[name] : undefined);
  return { predicates: callPredicates(op, query, given), handles: CALL_FILTERS };
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

/** The metadata pairs of a query, gathered by QueryReader from the form the spec gives (`metadata.key=value`). */
function metadataParam(op: ListDescription, query: JsonObject): [string, string][] {
  const metadata = op.objectQuery.has("metadata") ? query["metadata"] : undefined;
  if (!isObject(metadata)) return [];
  return Object.entries(metadata).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : []));
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

