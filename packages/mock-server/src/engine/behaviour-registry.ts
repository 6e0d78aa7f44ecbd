import type { BehaviourHost, BehaviourSource, ListRules, MockBehaviour, OperationBehaviour, OperationCall } from "../behaviour.js";
import type { JsonObject } from "../internal/json.js";
import type { Answer, CoreRequest } from "../pipeline/core-exchange.js";
import type { StoredItem } from "../state/stored-item.js";

const NONE: OperationBehaviour = Object.freeze({});

/** The operationIds whose resource schemas the sources generate (see BehaviourSource). */
export function generatedBy(sources: readonly BehaviourSource[]): string[] {
  return sources.flatMap((source) => ("create" in source ? (source.generates ?? []) : []));
}

/**
 * Behaviours by operationId, in the order they were registered: the one place the engine asks
 * what an operation does beyond its kind. Several behaviours for one operation are combined into
 * one: checks and preparations run in turn, each seeing the previous one's result.
 */
export class BehaviourRegistry {
  readonly #byOperation = new Map<string, OperationBehaviour>();
  readonly #sets: readonly MockBehaviour[];

  constructor(sources: readonly BehaviourSource[], host: BehaviourHost) {
    this.#sets = sources.map((source) => ("create" in source ? source.create(host) : source));
    const grouped = new Map<string, OperationBehaviour[]>();
    for (const set of this.#sets) {
      for (const [operationId, behaviour] of Object.entries(set.operations)) {
        const list = grouped.get(operationId) ?? [];
        list.push(behaviour);
        grouped.set(operationId, list);
      }
    }
    for (const [operationId, list] of grouped) this.#byOperation.set(operationId, list.length === 1 ? (list[0] ?? NONE) : combine(list));
  }

  /** The behaviour of an operation; an empty one when none is registered. */
  of(operationId: string): OperationBehaviour {
    return this.#byOperation.get(operationId) ?? NONE;
  }

  /** Brings every behaviour's time-driven work up to `now`. */
  advanceTo(now: number): Promise<void> {
    if (this.#sets.length === 1) return this.#sets[0]?.advanceTo?.(now) ?? SETTLED;
    const pending = this.#sets.map((set) => set.advanceTo?.(now)).filter((p) => p !== undefined);
    return pending.length === 0 ? SETTLED : Promise.all(pending).then(() => undefined);
  }

  reset(): void {
    for (const set of this.#sets) set.reset?.();
  }

  /** The first behaviour's answer to an admin route (see MockBehaviour.adminRoute). */
  adminRoute(request: CoreRequest, path: string, apiKey: string): Answer | undefined {
    for (const set of this.#sets) {
      const answer = set.adminRoute?.(request, path, apiKey);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** The first behaviour's answer to a route open without a key (see MockBehaviour.publicRoute). */
  publicRoute(request: CoreRequest): Answer | undefined {
    for (const set of this.#sets) {
      const answer = set.publicRoute?.(request);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }
}

const SETTLED = Promise.resolve();

/** Several behaviours of one operation as one: hooks run in the order given (see BehaviourRegistry). */
export function combine(list: readonly OperationBehaviour[]): OperationBehaviour {
  const has = (key: keyof OperationBehaviour): OperationBehaviour[] => list.filter((b) => b[key] !== undefined);
  const checks = has("check");
  const prepares = has("prepare");
  const children = has("children");
  const stored = has("stored");
  const answers = has("answer");
  const renders = has("render");
  const lists = has("list");
  return {
    ...(checks.length > 0 && {
      check: (call: OperationCall) => {
        let body: JsonObject | undefined;
        for (const b of checks) body = b.check?.(body === undefined ? call : { ...call, body }) ?? body;
        return body;
      },
    }),
    ...(prepares.length > 0 && { prepare: (call: OperationCall, value: JsonObject) => prepares.reduce((v, b) => b.prepare?.(call, v) ?? v, value) }),
    ...(children.length > 0 && { children: (call: OperationCall, value: JsonObject) => children.flatMap((b) => b.children?.(call, value) ?? []) }),
    ...(stored.length > 0 && {
      stored: (call: OperationCall, value: JsonObject) => {
        for (const b of stored) b.stored?.(call, value);
      },
    }),
    ...(answers.length > 0 && {
      answer: (call: OperationCall) => {
        for (const b of answers) {
          const answer = b.answer?.(call);
          if (answer !== undefined) return answer;
        }
        return undefined;
      },
    }),
    ...(renders.length > 0 && { render: (call: OperationCall) => renders.map((b) => b.render?.(call)).find((r) => r !== undefined) }),
    ...(lists.length > 0 && {
      list: (call: OperationCall, items: readonly StoredItem[]): ListRules => {
        const rules = lists.map((b) => b.list?.(call, items) ?? {});
        const order = rules.map((r) => r.order).filter((o) => o !== undefined).pop();
        const handles = new Set(rules.flatMap((r) => [...(r.handles ?? [])]));
        return { predicates: rules.flatMap((r) => r.predicates ?? []), handles, ...(order === undefined ? {} : { order }) };
      },
    }),
    createsCall: list.some((b) => b.createsCall === true),
    managed: list.some((b) => b.managed === true),
  };
}
