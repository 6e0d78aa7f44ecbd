export { createMockHandler } from "./create-mock-handler.js";
export { startMockServer, type MockServer, type MockServerOptions } from "./start-mock-server.js";
export type { MockClock, MockFaults, MockHandler, MockJournal, MockOptions } from "./mock-options.js";
export { verifyWebhookSignature, type VerifyWebhookSignatureOptions } from "./internal/webhook-signature.js";
export type { FaultRule, FaultRuleState, LatencyFault, ResetFault, RoutePattern, StatusFault } from "./internal/fault-injector.js";
export type { JournalEntry, JournalFilter } from "./internal/request-journal.js";
export type { RateLimitOptions } from "./internal/rate-limiter.js";
export type { ClockMode } from "./internal/virtual-clock.js";
