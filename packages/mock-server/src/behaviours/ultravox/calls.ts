import type { BehaviourHost, OperationBehaviour } from "../../behaviour.js";
import type { JsonObject } from "../../internal/json.js";
import { objectProperties } from "../../spec/json-schema.js";
import type { TenantStore } from "../../state/tenant-store.js";
import { rememberDeletedCall } from "./deleted-calls.js";

const CALL_ITEM = "/api/calls/{call_id}";
const CALLS_OR_CREATED_CALLS = /\/(?:created_)?calls$/;

/** The schema of a Call as `POST /api/calls` answers it, and of a deleted call's tombstone. */
function schemas(host: BehaviourHost): { call: unknown; tombstone: unknown } {
  return {
    call: host.spec.operationById.get("calls_create")?.success.schema,
    tombstone: host.spec.operationById.get("deleted_calls_list")?.itemSchema,
  };
}

/** A new Call as `POST /api/calls` would make it (`values` merged in, trusted), not stored. */
export function newCall(host: BehaviourHost, store: TenantStore, values: JsonObject): JsonObject {
  return { ...host.values.resource(store, schemas(host).call, values), callId: store.rng.uuid() };
}

/**
 * Calls: creating one counts against the call-creation rate limit; a call started through an
 * agent is listed and served under /api/calls like any other; a deleted call leaves every list
 * of calls and a tombstone in /api/deleted_calls.
 */
export function callBehaviours(host: BehaviourHost): Record<string, OperationBehaviour> {
  const { tombstone } = schemas(host);
  return {
    calls_create: { createsCall: true },
    agents_calls_create: {
      createsCall: true,
      stored(call, value) {
        const callId = value["callId"];
        if (typeof callId !== "string" || !host.spec.routeByTemplate.has(CALL_ITEM)) return;
        call.store.add("/api/calls", callId, value);
        host.fillChildren(call.store, CALL_ITEM, `/api/calls/${encodeURIComponent(callId)}`, { call_id: callId });
      },
    },
    calls_destroy: {
      stored(call, removed) {
        const id = call.path.slice(call.path.lastIndexOf("/") + 1);
        for (const path of call.store.collectionPaths()) if (CALLS_OR_CREATED_CALLS.test(path)) call.store.remove(path, id);
        if (tombstone === undefined) return;
        const copied: JsonObject = { deletionTime: new Date(host.now()).toISOString() };
        for (const name of objectProperties(tombstone, host.spec.schemas).keys()) {
          if (name !== "deletionTime" && Object.prototype.hasOwnProperty.call(removed, name)) copied[name] = removed[name];
        }
        const value = host.values.resource(call.store, tombstone, copied);
        rememberDeletedCall(value, removed);
        call.store.add("/api/deleted_calls", id, value);
      },
    },
  };
}

/** What an account creates is its own: `ownership=private` finds it, `public` never does. */
export function ownershipBehaviours(): Record<string, OperationBehaviour> {
  const own: OperationBehaviour = { prepare: (_call, value) => ("ownership" in value ? { ...value, ownership: "private" } : value) };
  return { tools_create: own, voices_create: own };
}
