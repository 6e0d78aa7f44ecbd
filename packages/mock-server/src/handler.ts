// Web-only entry (no node: imports): for browsers, workers and MSW.
export { createMockHandler } from "./create-mock-handler.js";
export type { ClockMode, MockClock, MockFaults, MockHandler, MockJournal, MockOptions } from "./mock-options.js";
export type { BehaviourHost, BehaviourSource, ChildRecord, ListRules, MockBehaviour, OperationBehaviour, OperationCall } from "./behaviour.js";
export { fail } from "./pipeline/http-failure.js";
export type { CallAutomation, EndReason } from "./behaviours/ultravox/call-model.js";
export { CallTransitionError } from "./behaviours/ultravox/call-model.js";
export type { MockCall, MockCalls, MockWebhooks } from "./mock-options.js";
