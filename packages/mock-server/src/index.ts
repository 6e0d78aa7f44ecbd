/**
 * The main entry: everything but the separate entries.
 * @module main
 */
export { createMockHandler } from "./create-mock-handler.js";
export { startMockServer, type MockServer, type MockServerOptions } from "./start-mock-server.js";
export type { ClockMode, MockClock, MockFaults, MockHandler, MockJournal, MockOptions } from "./mock-options.js";
export type { BehaviourHost, BehaviourSource, ChildRecord, ListRules, MockBehaviour, OperationBehaviour, OperationCall } from "./behaviour.js";
export { fail } from "./pipeline/http-failure.js";
export type { FaultRule, FaultRuleState, LatencyFault, ResetFault, RoutePattern, StatusFault } from "./fault-rule.js";
export type { JournalEntry, JournalFilter } from "./journal-entry.js";
export type { RateLimitOptions } from "./rate-limit-options.js";
export type { CallAutomation, EndReason } from "./behaviours/ultravox/call-model.js";
export { CallTransitionError } from "./behaviours/ultravox/call-model.js";
export type { MockCall, MockCalls, MockWebhooks } from "./mock-options.js";
