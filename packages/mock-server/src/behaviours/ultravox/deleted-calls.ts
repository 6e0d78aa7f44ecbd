import type { JsonObject } from "../../internal/json.js";

// A tombstone's schema keeps few of the call's fields; the calls filters (agentIds, voiceId,
// metadata, durations) still apply to deleted calls through the call it was made from.
const sources = new WeakMap<JsonObject, JsonObject>();

/** Records the call a tombstone (an item of /api/deleted_calls) was made from. */
export function rememberDeletedCall(tombstone: JsonObject, call: JsonObject): void {
  sources.set(tombstone, call);
}

/** The fields the calls filters read: the deleted call's own, then the tombstone's. */
export function callFields(value: JsonObject): JsonObject {
  const source = sources.get(value);
  return source === undefined ? value : { ...source, ...value };
}
