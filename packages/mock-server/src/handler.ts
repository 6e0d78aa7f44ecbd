// Web-only entry (no node: imports): for browsers, workers and MSW.
export { createMockHandler } from "./create-mock-handler.js";
export type { MockClock, MockFaults, MockHandler, MockJournal, MockOptions } from "./mock-options.js";
export { verifyWebhookSignature, type VerifyWebhookSignatureOptions } from "./internal/webhook-signature.js";
