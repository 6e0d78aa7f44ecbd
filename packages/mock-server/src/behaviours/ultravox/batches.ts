import type { ChildRecord, OperationBehaviour, OperationCall } from "../../behaviour.js";
import type { JsonObject } from "../../internal/json.js";
import { HttpFailure } from "../../pipeline/http-failure.js";
import type { BatchLifecycle } from "./batch-lifecycle.js";
import type { LifecycleBatch } from "./batch-model.js";
import { BatchStore } from "./batch-store.js";
import { validateBatchCreate, validateBatchPatch, type BatchValidationOptions } from "./batch-validation.js";

/** What the batch behaviours work with: the lifecycle (null: off, batches stay as sent) and the clock. */
export interface BatchEnv {
  readonly lifecycle: BatchLifecycle<string> | null;
  readonly validation: BatchValidationOptions;
  now(): number;
}

/**
 * Scheduled batches (POST and PATCH /api/agents/{agent_id}/scheduled_batches…): a new batch counts
 * its calls and gets one FUTURE scheduled call per entry; with the lifecycle on, the API's checks
 * apply (webhookUrl by medium, the window) and the batch moves with the clock.
 */
export function batchBehaviours(env: BatchEnv): Record<string, OperationBehaviour> {
  const track = (call: OperationCall, batchPath: string): void => {
    if (env.lifecycle === null) return;
    env.lifecycle.track(BatchStore.ref(call.apiKey, call.params["agent_id"] ?? "", batchPath));
    // A window already open starts now (its first call is due at once); deliveries run on their own.
    env.lifecycle.advanceTo(env.now()).catch(() => undefined);
  };
  return {
    agents_scheduled_batches_create: {
      check(call) {
        if (env.lifecycle === null) return undefined;
        const errors = validateBatchCreate(call.body, env.now(), env.validation);
        if (errors !== null) throw new HttpFailure(400, errors);
        const url = call.body["webhookUrl"];
        const secret = call.body["webhookSecret"];
        // The API chooses a secret when a webhook is given without one.
        if (typeof url === "string" && url !== "" && (typeof secret !== "string" || secret === "")) {
          return { ...call.body, webhookSecret: call.store.rng.alnum(32) };
        }
        return undefined;
      },
      prepare: (call, value) => ({ ...value, totalCount: callsOf(call.body).length, completedCount: 0, endedAt: null }),
      children: (call) => callsOf(call.body).map(scheduledCall),
      stored(call, value) {
        track(call, `${call.path}/${encodeURIComponent(String(value["batchId"]))}`);
      },
    },
    agents_scheduled_batches_partial_update: {
      check(call) {
        if (env.lifecycle === null) return undefined;
        const slash = call.path.lastIndexOf("/");
        const current = call.store.item(call.path.slice(0, slash), call.path.slice(slash + 1))?.value;
        const errors = current === undefined ? null : validateBatchPatch(current as unknown as LifecycleBatch, call.body, env.now(), env.validation);
        if (errors !== null) throw new HttpFailure(400, errors);
        return undefined;
      },
      stored(call) {
        track(call, call.path);
      },
    },
    // Filled by the lifecycle: they start empty.
    agents_scheduled_batches_scheduled_calls_list: { managed: true },
    agents_scheduled_batches_created_calls_list: { managed: true },
  };
}

function callsOf(body: Readonly<JsonObject>): unknown[] {
  return Array.isArray(body["calls"]) ? (body["calls"] as unknown[]) : [];
}

function scheduledCall(call: unknown): ChildRecord {
  return {
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
  };
}

function pick(value: unknown, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (typeof value !== "object" || value === null) return out;
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = (value as JsonObject)[key];
  }
  return out;
}
