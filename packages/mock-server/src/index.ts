/**
 * The main entry: everything but the separate entries.
 * @module main
 */
export { createMockHandler } from "./create-mock-handler.js";
export { startMockServer, type MockServer, type MockServerOptions } from "./start-mock-server.js";
export type { ClockMode, MockClock, MockFaults, MockHandler, MockJournal, MockOptions } from "./mock-options.js";
export type { BehaviourHost, BehaviourSource, ChildRecord, ListRules, MockBehaviour, OperationBehaviour, OperationCall, ResourceGenerator } from "./behaviour.js";
export { fail } from "./pipeline/http-failure.js";
export type { FaultRule, FaultRuleState, LatencyFault, ResetFault, RoutePattern, StatusFault } from "./fault-rule.js";
export type { JournalEntry, JournalFilter } from "./journal-entry.js";
export type { RateLimitOptions } from "./rate-limit-options.js";
export type { CallAutomation, EndReason } from "./behaviours/ultravox/call-model.js";
export { CallTransitionError } from "./behaviours/ultravox/call-model.js";
export type { MockCall, MockCalls, MockWebhooks } from "./mock-options.js";
export { HttpFailure } from "./pipeline/http-failure.js";
export type { Answer, CoreRequest, CoreResponse } from "./pipeline/core-exchange.js";
export type { JsonObject } from "./internal/json.js";
export type { Prng } from "./internal/prng.js";
export type { CompiledSpec } from "./spec/compile-spec.js";
export type { CompiledBody, CompiledOperation, CompiledSuccess, OperationKind } from "./spec/operation.js";
export type { Route, RouteTable } from "./spec/router.js";
export type { IdKind } from "./spec/resource-model.js";
export type { StoredItem } from "./state/stored-item.js";
export type { TenantStore } from "./state/tenant-store.js";
export type { ValueGenerator } from "./engine/value-generator.js";
export type { ItemOrder, SortValue } from "./behaviour.js";
export type { CallState } from "./behaviours/ultravox/call-model.js";
export { END_REASONS } from "./behaviours/ultravox/call-model.js";
