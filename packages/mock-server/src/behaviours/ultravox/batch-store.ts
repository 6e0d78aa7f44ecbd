import type { JsonObject } from "../../internal/json.js";
import type { TenantStore } from "../../state/tenant-store.js";
import type { BatchLifecycleStore } from "./batch-lifecycle.js";
import type { LifecycleBatch, LifecycleScheduledCall, ScheduledCallStatus, ScheduledCallUpdate } from "./batch-model.js";

/** What the batch store needs from the mock: tenants, and Calls generated like the API's. */
export interface BatchStoreAccess {
  /** The store of an API key's tenant, if it has made a request yet. */
  tenant(apiKey: string): TenantStore | undefined;
  /** A new Call resource (readOnly fields generated, `values` merged in), not stored yet. */
  newCall(store: TenantStore, values: JsonObject): JsonObject;
  /** A Call a batch made for good (its scheduled call turned SUCCESS): it starts living (see LiveCalls). */
  callStarted?(apiKey: string, callId: string): void;
}

const SEP = "\u0000";

interface Located {
  readonly store: TenantStore;
  readonly agentId: string;
  /** The batch's path: `/api/agents/{agent_id}/scheduled_batches/{batch_id}`. */
  readonly path: string;
}

/**
 * The batch lifecycle's store over the tenants' stores. A ref names the tenant's key, the
 * batch's agent and the batch's path; refs stay in memory and are never shown. Created Calls go
 * to `/api/calls` and to the batch's `created_calls`.
 */
export class BatchStore implements BatchLifecycleStore<string> {
  readonly #access: BatchStoreAccess;

  constructor(access: BatchStoreAccess) {
    this.#access = access;
  }

  static ref(apiKey: string, agentId: string, batchPath: string): string {
    return [apiKey, agentId, batchPath].join(SEP);
  }

  batch(ref: string): LifecycleBatch | undefined {
    const found = this.#locate(ref);
    return found === undefined ? undefined : (batchItem(found)?.value as LifecycleBatch | undefined);
  }

  scheduledCalls(ref: string): readonly LifecycleScheduledCall[] {
    const found = this.#locate(ref);
    if (found === undefined) return [];
    const path = `${found.path}/scheduled_calls`;
    // Insertion order: the order of the batch's `calls`.
    return found.store.ids(path).flatMap((key) => {
      const value = found.store.item(path, key)?.value;
      return value === undefined ? [] : [{ key, status: value["status"] as ScheduledCallStatus, medium: value["medium"] }];
    });
  }

  updateScheduledCall(ref: string, key: string, update: ScheduledCallUpdate): void {
    const found = this.#locate(ref);
    if (found === undefined) return;
    const path = `${found.path}/scheduled_calls`;
    const item = found.store.item(path, key);
    if (item !== undefined) found.store.replace(path, key, { ...item.value, ...update });
    // Not at createCall: in webhook mode a call whose delivery to the batch's webhookUrl fails is discarded.
    if (update.status === "SUCCESS" && typeof update.callId === "string") this.#access.callStarted?.(ref.split(SEP)[0] ?? "", update.callId);
  }

  createCall(ref: string, call: LifecycleScheduledCall, at: Date): { readonly callId: string } & Readonly<Record<string, unknown>> {
    const found = this.#locate(ref);
    if (found === undefined) throw new Error("The batch of this scheduled call is gone.");
    const { store, path, agentId } = found;
    const scheduled = store.item(`${path}/scheduled_calls`, call.key)?.value ?? {};
    const values: JsonObject = { created: at.toISOString(), joined: null, ended: null, agentId };
    for (const field of ["medium", "metadata", "experimentalSettings"]) {
      if (scheduled[field] !== undefined && scheduled[field] !== null) values[field] = scheduled[field];
    }
    const value = this.#access.newCall(store, values);
    const callId = value["callId"];
    if (typeof callId !== "string") throw new Error("A generated Call has no callId.");
    store.add("/api/calls", callId, value);
    store.add(`${path}/created_calls`, callId, value);
    return { ...value, callId };
  }

  discardCall(ref: string, callId: string): void {
    const found = this.#locate(ref);
    if (found === undefined) return;
    found.store.remove("/api/calls", callId);
    found.store.remove(`${found.path}/created_calls`, callId);
  }

  updateBatch(ref: string, update: { readonly completedCount: number; readonly endedAt: string | null }): void {
    const found = this.#locate(ref);
    const item = found === undefined ? undefined : batchItem(found);
    if (found === undefined || item === undefined) return;
    const slash = found.path.lastIndexOf("/");
    found.store.replace(found.path.slice(0, slash), found.path.slice(slash + 1), { ...item.value, completedCount: update.completedCount, endedAt: update.endedAt });
  }

  #locate(ref: string): Located | undefined {
    const [apiKey = "", agentId = "", path = ""] = ref.split(SEP);
    const store = this.#access.tenant(apiKey);
    return store === undefined ? undefined : { store, agentId, path };
  }
}

function batchItem({ store, path }: Located): { readonly value: JsonObject } | undefined {
  const slash = path.lastIndexOf("/");
  return store.item(path.slice(0, slash), path.slice(slash + 1));
}
