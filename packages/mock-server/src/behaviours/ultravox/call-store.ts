import type { TenantStore } from "../../state/tenant-store.js";
import type { CallRecord, CallStore } from "./call-model.js";

const SEP = "\u0000";
/** `/api/calls`, `/api/agents/{agent_id}/calls`, `…/scheduled_batches/{batch_id}/created_calls`. */
const LISTS_OF_CALLS = /\/(?:created_)?calls$/;

/** The lifecycle's key of a call: the tenant's API key and the callId. */
export function callKey(apiKey: string, callId: string): string {
  return `${apiKey}${SEP}${callId}`;
}

/** The API key and callId of a call key. */
export function splitCallKey(key: string): { readonly apiKey: string; readonly callId: string } {
  const at = key.indexOf(SEP);
  return { apiKey: key.slice(0, at), callId: key.slice(at + 1) };
}

/**
 * The calls of every tenant as one CallStore: a call is read from the tenant's `/api/calls`, and a
 * write goes to every list of calls holding it (the agent's calls, a batch's created calls), so
 * `GET /api/calls/{id}`, the agent's list and the batch's list always show the same call.
 */
export class TenantCallStore implements CallStore {
  readonly #tenant: (apiKey: string) => TenantStore | undefined;

  constructor(tenant: (apiKey: string) => TenantStore | undefined) {
    this.#tenant = tenant;
  }

  get(key: string): CallRecord | undefined {
    const { apiKey, callId } = splitCallKey(key);
    return this.#tenant(apiKey)?.item("/api/calls", callId)?.value;
  }

  set(key: string, call: CallRecord): void {
    const { apiKey, callId } = splitCallKey(key);
    const store = this.#tenant(apiKey);
    if (store === undefined) return;
    for (const path of store.collectionPaths()) {
      if (LISTS_OF_CALLS.test(path) && store.has(path, callId)) store.replace(path, callId, call);
    }
  }
}
