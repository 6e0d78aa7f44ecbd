import { MockEngine } from "../engine/mock-engine.js";
import type { MockOptions } from "../mock-options.js";
import { composePipeline } from "../pipeline/pipeline.js";
import { createStages } from "../pipeline/stages.js";
import type { MockInstance } from "./mock-instance.js";
import { resolveOptions, type InstanceExtras } from "./resolve-options.js";

/**
 * Builds a mock from its options, with no validator compiler unless `extra.createAjv` gives one:
 * throws CompilerNeeded when the spec has a validator the build did not precompile. The CLI starts
 * with this (ajv's compiler is not loaded for the bundled spec); createMockInstance always passes it.
 */
export function buildMockInstance(options: MockOptions, extra: InstanceExtras = {}): MockInstance {
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
