import { MockEngine } from "../engine/mock-engine.js";
import type { MockOptions } from "../mock-options.js";
import type { FaultInjector } from "../pipeline/fault-injector.js";
import { composePipeline, type Next } from "../pipeline/pipeline.js";
import type { RequestJournal } from "../pipeline/request-journal.js";
import { createStages } from "../pipeline/stages.js";
import type { VirtualClock } from "../pipeline/virtual-clock.js";
import type { LiveCalls } from "../behaviours/ultravox/live-calls.js";
import { resolveOptions } from "./resolve-options.js";

/** One mock: its engine, the pipeline every request goes through, and the controls around it. */
export interface MockInstance {
  readonly engine: MockEngine;
  /** Every request enters here (see createStages); rejects with ConnectionReset on an injected reset. */
  readonly dispatch: Next;
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  readonly apiKeys: readonly string[];
  /** The live calls and webhook deliveries of the Ultravox behaviours; undefined without them. */
  readonly live: LiveCalls | undefined;
  /** Forgets everything created and fills the rate limits (the clock, faults and journal stay). */
  reset(): void;
}

/** Builds a mock from its options; `pageCache: false` is for tests comparing against uncached answers. */
export function createMockInstance(options: MockOptions, extra: { readonly pageCache?: boolean } = {}): MockInstance {
  const { engine: engineOptions, clock, faults, journal, rateLimiter, liveCalls, cors } = resolveOptions(options, extra);
  const engine = new MockEngine(engineOptions);
  clock.onChange(({ now }) => engine.behaviours.advanceTo(now));
  const stages = createStages({
    clock,
    faults,
    journal,
    apiKeys: engineOptions.apiKeys,
    cors,
    advanceTo: (now) => engine.behaviours.advanceTo(now),
    routes: {
      publicRoute: (request) => engine.behaviours.publicRoute(request),
      adminRoute: (request, path, key) => engine.behaviours.adminRoute(request, path, key),
    },
  });
  return {
    engine,
    dispatch: composePipeline(stages, engine.handle),
    clock,
    faults,
    journal,
    apiKeys: engineOptions.apiKeys,
    live: liveCalls(),
    reset() {
      engine.reset();
      rateLimiter?.reset();
    },
  };
}
