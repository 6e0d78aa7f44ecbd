/*
 * The webhook fields delivery reads and the health it writes back (the spec's Webhook and
 * WebhookFailure), and where webhooks live: the contract between delivery and the store.
 */

export type WebhookStatus = "normal" | "unhealthy";

/** The spec's WebhookFailure. */
export interface WebhookFailure {
  /** ISO 8601. */
  readonly timestamp: string;
  readonly failure: string;
}

/** The fields of a Webhook resource delivery reads. */
export interface DeliveryWebhook {
  readonly webhookId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secrets?: readonly string[] | null;
  readonly agentId?: string | null;
  readonly status?: WebhookStatus;
  readonly lastStatusChange?: string | null;
  readonly recentFailures?: readonly WebhookFailure[] | null;
}

/** The read-only health fields delivery writes back. */
export interface WebhookHealth {
  readonly status: WebhookStatus;
  readonly lastStatusChange: string | null;
  readonly recentFailures: readonly WebhookFailure[];
}

/** Where webhooks live; `Scope` is whatever holds one account's webhooks (e.g. a tenant). */
export interface WebhookRegistry<Scope> {
  webhooks(scope: Scope): Iterable<DeliveryWebhook>;
  /** One webhook, or undefined once deleted. */
  webhook(scope: Scope, webhookId: string): DeliveryWebhook | undefined;
  updateHealth(scope: Scope, webhookId: string, health: WebhookHealth): void;
}
