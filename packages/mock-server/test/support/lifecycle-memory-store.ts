import type { BatchLifecycleStore } from "../../src/behaviours/ultravox/batch-lifecycle.js";
import type { LifecycleBatch, LifecycleScheduledCall, ScheduledCallUpdate } from "../../src/behaviours/ultravox/batch-model.js";

export interface StoredScheduledCall extends LifecycleScheduledCall {
  readonly callId: string | null;
  readonly error: string | null;
}

type MutableBatch = { -readonly [K in keyof LifecycleBatch]: LifecycleBatch[K] } & { completedCount: number; totalCount: number };

/** A plain in-memory store behind the lifecycle's interface, for unit tests. */
export class MemoryBatchStore implements BatchLifecycleStore<string> {
  readonly batches = new Map<string, MutableBatch>();
  readonly scheduled = new Map<string, StoredScheduledCall[]>();
  readonly calls = new Map<string, { callId: string; created: string; batch: string; metadata: unknown }>();
  #ids = 0;
  /** Every store read of a batch, to check the lifecycle's fast path. */
  reads = 0;

  add(id: string, batch: LifecycleBatch, calls: readonly { medium?: unknown }[]): void {
    this.batches.set(id, { completedCount: 0, totalCount: calls.length, endedAt: null, ...batch });
    this.scheduled.set(
      id,
      calls.map((call, i) => ({ key: `${id}/${i}`, status: "FUTURE", callId: null, error: null, medium: call.medium })),
    );
  }

  remove(id: string): void {
    this.batches.delete(id);
    this.scheduled.delete(id);
  }

  statuses(id: string): string[] {
    return (this.scheduled.get(id) ?? []).map((c) => c.status);
  }

  count(id: string, status: string): number {
    return this.statuses(id).filter((s) => s === status).length;
  }

  batch(ref: string): LifecycleBatch | undefined {
    this.reads++;
    return this.batches.get(ref);
  }

  scheduledCalls(ref: string): readonly LifecycleScheduledCall[] {
    return this.scheduled.get(ref) ?? [];
  }

  updateScheduledCall(ref: string, key: string, update: ScheduledCallUpdate): void {
    const list = this.scheduled.get(ref);
    if (list === undefined) throw new Error(`no batch ${ref}`);
    const index = list.findIndex((c) => c.key === key);
    const current = list[index];
    if (current === undefined) throw new Error(`no call ${key}`);
    list[index] = { ...current, ...update };
  }

  createCall(ref: string, _call: LifecycleScheduledCall, at: Date): { callId: string; created: string } {
    const callId = `call-${++this.#ids}`;
    const created = { callId, created: at.toISOString(), batch: ref, metadata: null };
    this.calls.set(callId, created);
    return { callId, created: created.created };
  }

  discardCall(_ref: string, callId: string): void {
    this.calls.delete(callId);
  }

  updateBatch(ref: string, update: { completedCount: number; endedAt: string | null }): void {
    const batch = this.batches.get(ref);
    if (batch === undefined) throw new Error(`no batch ${ref}`);
    batch.completedCount = update.completedCount;
    batch.endedAt = update.endedAt;
  }
}
