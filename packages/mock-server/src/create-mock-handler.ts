import { toMockHandler } from "./adapters/web-request.js";
import { createMockInstance } from "./instance/mock-instance.js";
import type { MockHandler, MockOptions } from "./mock-options.js";

/**
 * Builds the mock in-process (web APIs only: works in Node, browsers, workers and MSW). The spec
 * is compiled once here; each call of `handler` then goes through the pipeline (see README, "How
 * it works").
 */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  return toMockHandler(createMockInstance(options));
}
