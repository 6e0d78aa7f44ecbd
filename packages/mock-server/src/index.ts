export { createMockHandler } from "./create-mock-handler.js";
export { startMockServer, type MockServer, type MockServerOptions } from "./start-mock-server.js";
export type { MockHandler, MockOptions } from "./mock-options.js";
