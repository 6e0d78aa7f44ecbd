export {
  UltravoxWebhookVerificationError,
  type WebhookVerificationFailure,
} from "../errors/ultravox-webhook-verification-error.js";
export type { WebhookBody } from "../internal/webhook-body.js";
export type { WebhookHeaders } from "../internal/webhook-headers.js";
export { signWebhook, type SignedWebhookHeaders, type SignWebhookOptions } from "./sign-webhook.js";
export { verifyWebhook, type VerifyWebhookOptions } from "./verify-webhook.js";
export type { KnownWebhookEvent, UnknownWebhookEvent, WebhookCall, WebhookEvent, WebhookEventName } from "./webhook-event.js";
export { DEFAULT_WEBHOOK_TOLERANCE_MS, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./webhook-headers.js";
