// Web-only entry (no node: imports): for browsers, workers and MSW.
export { createMockHandler } from "./create-mock-handler.js";
export type { MockHandler, MockOptions } from "./mock-options.js";
