import type { JsonObject } from "./json.js";

/** Collections filled by the API itself, never with fixtures: they start empty. */
export const MANAGED_COLLECTIONS = new Set(["scheduled_calls", "created_calls"]);

/** Creates whose resources carry an `ownership` (public ones are Ultravox's own). */
const OWNED = new Set(["tools_create", "voices_create"]);

export interface ChildRecord {
  /** Collection name under the created resource, e.g. "scheduled_calls". */
  readonly collection: string;
  /** Values to set on a generated item of that collection. */
  readonly values: JsonObject;
}

/**
 * What creating a resource does beyond storing it, by operationId. A scheduled batch counts its
 * calls and creates one FUTURE scheduled call per entry (the seed user story).
 */
export function afterCreate(operationId: string, request: JsonObject, created: JsonObject): ChildRecord[] {
  // What an account creates is its own: `ownership=private` finds it, `public` never does.
  if (OWNED.has(operationId) && "ownership" in created) created["ownership"] = "private";
  if (operationId !== "agents_scheduled_batches_create") return [];
  const calls = Array.isArray(request["calls"]) ? (request["calls"] as unknown[]) : [];
  created["totalCount"] = calls.length;
  created["completedCount"] = 0;
  created["endedAt"] = null;
  return calls.map((call) => ({
    collection: "scheduled_calls",
    values: {
      // Left out means none (the API's default medium is WebRTC), not a generated sample.
      medium: null,
      metadata: null,
      templateContext: null,
      experimentalSettings: null,
      ...pick(call, ["medium", "metadata", "templateContext", "experimentalSettings"]),
      status: "FUTURE",
      callId: null,
      error: null,
    },
  }));
}

function pick(value: unknown, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (typeof value !== "object" || value === null) return out;
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = (value as JsonObject)[key];
  }
  return out;
}
