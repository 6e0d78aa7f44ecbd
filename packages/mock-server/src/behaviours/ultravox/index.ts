import type { BehaviourSource, OperationBehaviour } from "../../behaviour.js";
import { combine } from "../../engine/behaviour-registry.js";
import { BatchLifecycle, SETTLED as SETTLED_BATCHES, type BatchLifecycleOptions } from "./batch-lifecycle.js";
import { BatchStore } from "./batch-store.js";
import type { BatchValidationOptions } from "./batch-validation.js";
import { batchBehaviours } from "./batches.js";
import { callFilters } from "./call-filters.js";
import { corpusBehaviours } from "./corpora.js";
import { usageBehaviours } from "./call-usage.js";
import { callAdminRoute } from "./call-admin-routes.js";
import { callBehaviours, newCall, ownershipBehaviours } from "./calls.js";
import { LiveCalls, type LiveCallsOptions } from "./live-calls.js";
import { languageFilter, messageModeFilter, severityFilter, toolOrder } from "./list-rules.js";
import { mediaBehaviours } from "./media-answers.js";

/** The Ultravox behaviours' settings: the scheduled-batch lifecycle, null for off (batches stay as sent). */
export interface UltravoxOptions {
  readonly lifecycle: (BatchLifecycleOptions & BatchValidationOptions) | null;
  /** Calls that live and webhooks that receive them (see live-calls.ts). */
  readonly calls: LiveCallsOptions;
  /** Receives the mock's LiveCalls when it is built (the handle's `calls`/`webhooks` controls use it). */
  readonly onLiveCalls?: (live: LiveCalls) => void;
}

/** Resources the Ultravox behaviours generate themselves, by the operation whose schema they follow. */
export const ULTRAVOX_GENERATES: readonly string[] = [
  "calls_create",
  "deleted_calls_list",
  "agents_scheduled_batches_scheduled_calls_list",
  "agents_scheduled_batches_created_calls_list",
];

/** The list rules of the Ultravox lists, by operationId (see list-rules.ts and call-filters.ts). */
export const ULTRAVOX_LISTS: Readonly<Record<string, OperationBehaviour>> = {
  calls_list: { list: (call) => callFilters(call.operation, call.query) },
  deleted_calls_list: { list: (call) => callFilters(call.operation, call.query) },
  tools_list: { list: (call) => toolOrder(call.operation, call.query) },
  voices_list: { list: (call) => languageFilter(call.operation, call.query) },
  calls_events_list: { list: (call) => severityFilter(call.operation, call.query) },
  calls_messages_list: { list: (call, items) => messageModeFilter(call.operation, call.query, items) },
};

/**
 * Everything the mock knows about Ultravox beyond its spec, registered by operationId: scheduled
 * batches and their lifecycle, calls and their usage, the calls filters, tool orders, deleted
 * calls, non-JSON answers. The engine itself knows none of it.
 */
export function ultravoxBehaviours(options: UltravoxOptions): BehaviourSource {
  return {
    generates: ULTRAVOX_GENERATES,
    create(host) {
      const live = new LiveCalls(host, options.calls);
      options.onLiveCalls?.(live);
      const store = new BatchStore({
        tenant: (key) => host.tenant(key),
        newCall: (tenant, values) => newCall(host, tenant, values),
        callStarted: (apiKey, callId) => {
          live.started(apiKey, callId);
        },
      });
      const driven = new BatchLifecycle(store, options.lifecycle ?? {});
      // Off: the clock still drives it, but no batch is ever tracked (batches stay as sent).
      const lifecycle = options.lifecycle === null ? null : driven;
      return {
        operations: merge([
          ULTRAVOX_LISTS,
          usageBehaviours(),
          callBehaviours(host),
          ownershipBehaviours(),
          mediaBehaviours(),
          corpusBehaviours(),
          batchBehaviours({ lifecycle, validation: options.lifecycle ?? {}, now: () => host.now() }),
          // After the calls' own hooks: a call is in /api/calls before it starts living.
          live.operations(),
        ]),
        advanceTo: (now) => {
          const batches = driven.advanceTo(now);
          // After the batches: the calls they just made have their call.started due.
          const calls = live.advanceTo(now);
          if (batches === SETTLED_BATCHES) return calls ?? batches;
          // Batches still delivering to their webhookUrl make their calls once that is done.
          return Promise.all([batches, calls]).then(() => live.advanceTo(now));
        },
        reset: () => {
          driven.clear();
          live.reset();
        },
        adminRoute: (request, path, apiKey) => callAdminRoute(live, request, path, apiKey),
        publicRoute: (request) => live.fileRoute(request.method, request.url.pathname),
      };
    },
  };
}

/** Hooks of several groups by operationId; an operation in more than one group gets them all, in order. */
function merge(groups: readonly Readonly<Record<string, OperationBehaviour>>[]): Record<string, OperationBehaviour> {
  const out: Record<string, OperationBehaviour> = {};
  for (const group of groups) {
    for (const [operationId, behaviour] of Object.entries(group)) {
      const existing = out[operationId];
      out[operationId] = existing === undefined ? behaviour : combine([existing, behaviour]);
    }
  }
  return out;
}
