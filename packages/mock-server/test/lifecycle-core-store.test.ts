import { describe, expect, it } from "vitest";
import { BatchLifecycle } from "../src/behaviours/ultravox/batch-lifecycle.js";
import type { JsonObject } from "../src/internal/json.js";
import { BatchStore as CoreBatchStore } from "../src/behaviours/ultravox/batch-store.js";
import { TenantStore } from "../src/state/tenant-store.js";

const KEY = "key-a.secret";
const AGENT = "11111111-1111-4111-8111-111111111111";
const BATCH = "22222222-2222-4222-8222-222222222222";
const BATCHES = `/api/agents/${AGENT}/scheduled_batches`;
const PATH = `${BATCHES}/${BATCH}`;
const T0 = Date.parse("2025-01-01T00:00:00Z");

function world(calls: JsonObject[]) {
  const tenant = new TenantStore("seed");
  tenant.add(BATCHES, BATCH, { batchId: BATCH, created: new Date(T0).toISOString(), windowStart: null, windowEnd: null, paused: false, totalCount: calls.length, completedCount: 0, endedAt: null });
  calls.forEach((call, i) => {
    tenant.add(`${PATH}/scheduled_calls`, `sc${i}`, { batchId: BATCH, status: "FUTURE", callId: null, error: null, ...call });
  });
  const tenants = new Map([[KEY, tenant]]);
  let made = 0;
  const store = new CoreBatchStore({
    tenant: (key) => tenants.get(key),
    newCall: (_tenant, values) => ({ callId: `c${++made}`, billingStatus: "BILLING_STATUS_PENDING", ...values }),
  });
  return { tenant, store, ref: CoreBatchStore.ref(KEY, AGENT, PATH) };
}

describe("CoreBatchStore over tenant collections", () => {
  it("lets the lifecycle create Calls listed by /api/calls and created_calls, and update the batch", async () => {
    const outgoing = { sip: { outgoing: { to: "sip:a@b" } } };
    const { tenant, store, ref } = world([
      { medium: outgoing, metadata: { who: "a" } },
      { medium: outgoing, metadata: { who: "b" } },
    ]);
    const lifecycle = new BatchLifecycle(store);
    lifecycle.track(ref);
    await lifecycle.advanceTo(T0 + 5000);
    const scheduled = tenant.items(`${PATH}/scheduled_calls`).map((item) => item.value);
    expect(scheduled.map((v) => [v["status"], v["callId"], v["batchId"]])).toEqual([
      ["SUCCESS", "c1", BATCH],
      ["SUCCESS", "c2", BATCH],
    ]);
    const calls = tenant.items("/api/calls").map((item) => item.value);
    expect(calls).toEqual([
      { callId: "c1", billingStatus: "BILLING_STATUS_PENDING", created: "2025-01-01T00:00:00.000Z", joined: null, ended: null, agentId: AGENT, medium: outgoing, metadata: { who: "a" } },
      { callId: "c2", billingStatus: "BILLING_STATUS_PENDING", created: "2025-01-01T00:00:01.000Z", joined: null, ended: null, agentId: AGENT, medium: outgoing, metadata: { who: "b" } },
    ]);
    expect(tenant.ids(`${PATH}/created_calls`)).toEqual(["c1", "c2"]);
    expect(tenant.item(BATCHES, BATCH)?.value).toMatchObject({ completedCount: 2, endedAt: "2025-01-01T00:00:01.000Z" });
  });

  it("discards a Call from both lists", () => {
    const { tenant, store, ref } = world([{}]);
    const made = store.createCall(ref, { key: "sc0", status: "PENDING" }, new Date(T0));
    store.discardCall(ref, made.callId);
    expect(tenant.count("/api/calls")).toBe(0);
    expect(tenant.count(`${PATH}/created_calls`)).toBe(0);
  });

  it("sees a deleted batch (and an unknown tenant) as gone", () => {
    const { tenant, store, ref } = world([{}]);
    expect(store.batch(CoreBatchStore.ref("other-key", AGENT, PATH))).toBeUndefined();
    expect(store.scheduledCalls(CoreBatchStore.ref("other-key", AGENT, PATH))).toEqual([]);
    tenant.remove(BATCHES, BATCH);
    tenant.removeChildren(PATH);
    expect(store.batch(ref)).toBeUndefined();
    expect(store.scheduledCalls(ref)).toEqual([]);
    expect(() => store.createCall(CoreBatchStore.ref("other-key", AGENT, PATH), { key: "sc0", status: "PENDING" }, new Date(T0))).toThrow(/gone/);
  });

  // Pages are cached per tenant version (PageCache): a write that left it alone would serve stale pages.
  it.each([
    { write: "updateScheduledCall", run: (store: CoreBatchStore, ref: string) => { store.updateScheduledCall(ref, "sc0", { status: "PENDING" }); } },
    { write: "createCall", run: (store: CoreBatchStore, ref: string) => store.createCall(ref, { key: "sc0", status: "PENDING" }, new Date(T0)) },
    { write: "discardCall", run: (store: CoreBatchStore, ref: string) => { store.discardCall(ref, "c1"); } },
    { write: "updateBatch", run: (store: CoreBatchStore, ref: string) => { store.updateBatch(ref, { completedCount: 1, endedAt: null }); } },
  ])("$write moves the tenant's version on", ({ run }) => {
    const { tenant, store, ref } = world([{ metadata: { who: "a" } }]);
    store.createCall(ref, { key: "sc0", status: "PENDING" }, new Date(T0));
    const before = tenant.version;
    run(store, ref);
    expect(tenant.version).toBeGreaterThan(before);
  });
});
