import type { MockEngine } from "../engine/mock-engine.js";
import type { MockOptions } from "../mock-options.js";
import type { FaultInjector } from "../pipeline/fault-injector.js";
import type { Next } from "../pipeline/pipeline.js";
import type { RequestJournal } from "../pipeline/request-journal.js";
import type { VirtualClock } from "../pipeline/virtual-clock.js";
import type { LiveCalls } from "../behaviours/ultravox/live-calls.js";
import { createAjv } from "../spec/create-ajv.js";
import { buildMockInstance } from "./build-mock-instance.js";

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
  return buildMockInstance(options, { ...extra, createAjv });
}
