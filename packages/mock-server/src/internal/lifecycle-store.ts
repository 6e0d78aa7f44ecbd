import type { BatchLifecycleStore, LifecycleBatch, LifecycleScheduledCall, ScheduledCallStatus, ScheduledCallUpdate } from "./batch-lifecycle.js";
import type { JsonObject } from "./json.js";
import type { StoredItem } from "./stored-item.js";
import type { TenantState } from "./tenant-state.js";

/** What the lifecycle store needs from the core: tenants, and Calls generated like the API's. */
export interface LifecycleCoreAccess {
  /** The tenant of an API key, if it has made a request yet. */
  tenant(apiKey: string): TenantState | undefined;
  /** A new Call resource (readOnly fields generated, `values` merged in), not stored yet. */
  newCall(tenant: TenantState, values: JsonObject): JsonObject;
}

const SEP = "\u0000";

/**
 * The batch lifecycle's store over the core's tenant collections. A ref is the tenant's key and
 * the batch's path (`/api/agents/{a}/scheduled_batches/{b}`); refs stay in memory and are never
 * shown. Created Calls go to `/api/calls` and to the batch's `created_calls`.
 */
export class CoreBatchStore implements BatchLifecycleStore<string> {
  readonly #access: LifecycleCoreAccess;

  constructor(access: LifecycleCoreAccess) {
    this.#access = access;
  }

  static ref(apiKey: string, batchPath: string): string {
    return `${apiKey}${SEP}${batchPath}`;
  }

  batch(ref: string): LifecycleBatch | undefined {
    const found = this.#batchItem(ref);
    return found === undefined ? undefined : (found.item.value as unknown as LifecycleBatch);
  }

  scheduledCalls(ref: string): readonly LifecycleScheduledCall[] {
    const found = this.#locate(ref);
    if (found === undefined) return [];
    const items = found.tenant.collections.get(`${found.path}/scheduled_calls`);
    if (items === undefined) return [];
    const out: LifecycleScheduledCall[] = [];
    // Map order is insertion order: the order of the batch's `calls`.
    for (const [key, item] of items) {
      out.push({ key, status: item.value["status"] as ScheduledCallStatus, medium: item.value["medium"] });
    }
    return out;
  }

  updateScheduledCall(ref: string, key: string, update: ScheduledCallUpdate): void {
    const found = this.#locate(ref);
    if (found === undefined) return;
    const item = found.tenant.collections.get(`${found.path}/scheduled_calls`)?.get(key);
    if (item === undefined) return;
    item.value = { ...item.value, ...update };
    found.tenant.changed();
  }

  createCall(ref: string, call: LifecycleScheduledCall, at: Date): { readonly callId: string } & Readonly<Record<string, unknown>> {
    const found = this.#locate(ref);
    if (found === undefined) throw new Error("The batch of this scheduled call is gone.");
    const { tenant, path } = found;
    const scheduled = tenant.collections.get(`${path}/scheduled_calls`)?.get(call.key)?.value ?? {};
    const agentId = decodeURIComponent(path.split("/")[3] ?? "");
    const values: JsonObject = { created: at.toISOString(), joined: null, ended: null, agentId };
    for (const field of ["medium", "metadata", "experimentalSettings"]) {
      if (scheduled[field] !== undefined && scheduled[field] !== null) values[field] = scheduled[field];
    }
    const value = this.#access.newCall(tenant, values);
    const callId = value["callId"];
    if (typeof callId !== "string") throw new Error("A generated Call has no callId.");
    tenant.collection("/api/calls").set(callId, { seq: tenant.nextSeq(), value });
    tenant.collection(`${path}/created_calls`).set(callId, { seq: tenant.nextSeq(), value });
    tenant.changed();
    return { ...value, callId };
  }

  discardCall(ref: string, callId: string): void {
    const found = this.#locate(ref);
    if (found === undefined) return;
    found.tenant.collections.get("/api/calls")?.delete(callId);
    found.tenant.collections.get(`${found.path}/created_calls`)?.delete(callId);
    found.tenant.changed();
  }

  updateBatch(ref: string, update: { readonly completedCount: number; readonly endedAt: string | null }): void {
    const found = this.#batchItem(ref);
    if (found === undefined) return;
    found.item.value = { ...found.item.value, completedCount: update.completedCount, endedAt: update.endedAt };
    found.tenant.changed();
  }

  #locate(ref: string): { tenant: TenantState; path: string } | undefined {
    const at = ref.indexOf(SEP);
    const tenant = this.#access.tenant(ref.slice(0, at));
    return tenant === undefined ? undefined : { tenant, path: ref.slice(at + 1) };
  }

  #batchItem(ref: string): { tenant: TenantState; item: StoredItem } | undefined {
    const found = this.#locate(ref);
    if (found === undefined) return undefined;
    const { tenant, path } = found;
    const slash = path.lastIndexOf("/");
    const item = tenant.collections.get(path.slice(0, slash))?.get(path.slice(slash + 1));
    return item === undefined ? undefined : { tenant, item };
  }
}
