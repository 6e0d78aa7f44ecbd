import type { TenantStore } from "../../state/tenant-store.js";
import type { DeliveryWebhook, WebhookHealth, WebhookRegistry } from "./webhook-model.js";

const WEBHOOKS = "/api/webhooks";

/**
 * The webhooks of a tenant (scope: its API key) as delivery reads them: those registered through
 * `POST /api/webhooks`. The fixtures a tenant is seeded with point at made-up URLs, so they are
 * listed but never delivered to. Health is merged into the stored item (its read-only fields).
 */
export class TenantWebhookRegistry implements WebhookRegistry<string> {
  readonly #tenant: (apiKey: string) => TenantStore | undefined;
  // apiKey → webhookIds created through the API.
  #registered = new Map<string, Set<string>>();

  constructor(tenant: (apiKey: string) => TenantStore | undefined) {
    this.#tenant = tenant;
  }

  /** A webhook just created by `POST /api/webhooks`: from now on it receives deliveries. */
  register(apiKey: string, webhookId: string): void {
    let ids = this.#registered.get(apiKey);
    if (ids === undefined) {
      ids = new Set();
      this.#registered.set(apiKey, ids);
    }
    ids.add(webhookId);
  }

  /** Whether a tenant has registered any webhook (a cheap test before building an event). */
  any(apiKey: string): boolean {
    return (this.#registered.get(apiKey)?.size ?? 0) > 0;
  }

  *webhooks(apiKey: string): Iterable<DeliveryWebhook> {
    for (const id of this.#registered.get(apiKey) ?? []) {
      const webhook = this.webhook(apiKey, id);
      if (webhook !== undefined) yield webhook;
    }
  }

  webhook(apiKey: string, webhookId: string): DeliveryWebhook | undefined {
    if (this.#registered.get(apiKey)?.has(webhookId) !== true) return undefined;
    const value = this.#tenant(apiKey)?.item(WEBHOOKS, webhookId)?.value;
    if (value === undefined || typeof value["url"] !== "string" || !Array.isArray(value["events"])) return undefined;
    return { ...(value as unknown as DeliveryWebhook), webhookId };
  }

  updateHealth(apiKey: string, webhookId: string, health: WebhookHealth): void {
    const store = this.#tenant(apiKey);
    const item = store?.item(WEBHOOKS, webhookId);
    if (store === undefined || item === undefined) return;
    store.replace(WEBHOOKS, webhookId, { ...item.value, status: health.status, lastStatusChange: health.lastStatusChange, recentFailures: [...health.recentFailures] });
  }

  /** Forgets every registration (the mock was reset: the tenants are reseeded). */
  clear(): void {
    this.#registered = new Map();
  }
}
