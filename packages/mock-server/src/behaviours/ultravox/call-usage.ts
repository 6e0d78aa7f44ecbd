import type { OperationBehaviour } from "../../behaviour.js";
import { viewList } from "../../engine/list-filters.js";
import type { JsonObject } from "../../internal/json.js";
import type { CompiledOperation } from "../../spec/operation.js";
import type { StoredItem } from "../../state/stored-item.js";
import { callFilters } from "./call-filters.js";
import { callDuration, parseDuration } from "./filter-values.js";


const ERROR_REASONS = new Set(["connection_error", "system_error"]);

export interface UsageSources {
  /** The tenant's `/api/calls` collection. */
  readonly calls: Iterable<StoredItem>;
  /** The tenant's `/api/agents` collection. */
  readonly agents: Iterable<StoredItem>;
}

/**
 * The answer of a usage operation, aggregated from the calls its filters keep (the same filters
 * as GET /api/calls).
 */
export function usageAnswer(op: CompiledOperation, query: JsonObject, sources: UsageSources): unknown {
  const calls = viewList(op, query, [...sources.calls], callFilters(op, query)).items.map((item) => item.value);
  if (op.operationId === "accounts_me_usage_calls_retrieve") return callUsage(calls);
  return agentsUsage(calls, [...sources.agents].map((item) => item.value));
}

/** `CallUsage`: all-time totals, then per UTC day and per UTC hour, oldest first. */
export function callUsage(calls: readonly JsonObject[]): JsonObject {
  const daily = new Map<string, JsonObject[]>();
  const hourly = new Map<string, JsonObject[]>();
  for (const call of calls) {
    const created = typeof call["created"] === "string" ? call["created"] : "";
    if (created.length < 13) continue;
    push(daily, created.slice(0, 10), call);
    push(hourly, created.slice(0, 13), call);
  }
  return {
    allTime: statistics(calls),
    daily: [...daily.keys()].sort().map((date) => ({ ...statistics(daily.get(date) ?? []), date })),
    hourly: [...hourly.keys()].sort().map((key) => ({ ...statistics(hourly.get(key) ?? []), date: key.slice(0, 10), hour: Number(key.slice(11, 13)) })),
  };
}

/** `AgentUsage[]`: for each agent with matching calls (in creation order), its calls and billed minutes per UTC day. */
export function agentsUsage(calls: readonly JsonObject[], agents: readonly JsonObject[]): JsonObject[] {
  return agents.flatMap((agent) => {
    const days = new Map<string, JsonObject[]>();
    for (const call of calls) {
      if (call["agentId"] !== agent["agentId"] || typeof call["created"] !== "string") continue;
      push(days, call["created"].slice(0, 10), call);
    }
    if (days.size === 0) return [];
    const usage = [...days.keys()].sort().map((date) => {
      const list = days.get(date) ?? [];
      return { date, billedMinutes: billedMinutes(list), calls: list.length };
    });
    return [{ agent: { agentId: agent["agentId"], name: typeof agent["name"] === "string" ? agent["name"] : "" }, usage }];
  });
}

function statistics(calls: readonly JsonObject[]): JsonObject {
  let seconds = 0;
  for (const call of calls) seconds += callDuration(call) ?? 0;
  return {
    totalCount: calls.length,
    errorCount: calls.filter((call) => ERROR_REASONS.has(String(call["endReason"]))).length,
    duration: `${Math.round(seconds * 1000) / 1000}s`,
    joinedCount: calls.filter((call) => typeof call["joined"] === "string").length,
    billedMinutes: billedMinutes(calls),
  };
}

function billedMinutes(calls: readonly JsonObject[]): number {
  let seconds = 0;
  for (const call of calls) {
    const billed = call["billedDuration"];
    seconds += (typeof billed === "string" ? parseDuration(billed) : undefined) ?? 0;
  }
  return Math.round((seconds / 60) * 1000) / 1000;
}

function push(groups: Map<string, JsonObject[]>, key: string, call: JsonObject): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [call]);
  else list.push(call);
}

/** The usage operations aggregate the account's calls (and agents) the calls filters keep. */
export function usageBehaviours(): Record<string, OperationBehaviour> {
  const usage: OperationBehaviour = {
    answer: (call) => usageAnswer(call.operation, call.query, { calls: call.store.items("/api/calls"), agents: call.store.items("/api/agents") }),
  };
  return { accounts_me_usage_calls_retrieve: usage, agents_usage_list: usage };
}
