import type { DeliveryWebhook, WebhookRegistry } from "./webhook-model.js";

/**
 * A webhook's health, as the mock rules it (the docs do not give the API's rule): every failed
 * attempt appends `{timestamp, failure}` to `recentFailures` (the last `failuresLimit`, oldest
 * first); after `unhealthyAfter` consecutive failed attempts the webhook turns `unhealthy`, and the
 * next successful attempt turns it back to `normal`. `lastStatusChange` is the time of the attempt
 * that changed it.
 */
export class WebhookHealthRecorder<Scope> {
  readonly #registry: WebhookRegistry<Scope>;
  readonly #unhealthyAfter: number;
  readonly #failuresLimit: number;
  // Consecutive failed attempts per webhook, by scope.
  readonly #streaks = new Map<Scope, Map<string, number>>();

  constructor(registry: WebhookRegistry<Scope>, unhealthyAfter: number, failuresLimit: number) {
    this.#registry = registry;
    this.#unhealthyAfter = unhealthyAfter;
    this.#failuresLimit = failuresLimit;
  }

  /** Forgets every failure streak (the mock was reset). */
  clear(): void {
    this.#streaks.clear();
  }

  /** Records one attempt on `webhook` at `at` (ms since the epoch): failed with `error`, or delivered when it is undefined. */
  record(scope: Scope, webhook: DeliveryWebhook, at: number, error: string | undefined): void {
    let streaks = this.#streaks.get(scope);
    if (streaks === undefined) {
      streaks = new Map();
      this.#streaks.set(scope, streaks);
    }
    // Re-read: the webhook may have changed while the attempt was in flight.
    const current = this.#registry.webhook(scope, webhook.webhookId);
    if (current === undefined) return;
    const status = current.status ?? "normal";
    const recentFailures = current.recentFailures ?? [];
    const time = new Date(at).toISOString();
    if (error === undefined) {
      streaks.set(webhook.webhookId, 0);
      if (status === "unhealthy") {
        this.#registry.updateHealth(scope, webhook.webhookId, { status: "normal", lastStatusChange: time, recentFailures });
      }
      return;
    }
    const streak = (streaks.get(webhook.webhookId) ?? 0) + 1;
    streaks.set(webhook.webhookId, streak);
    const turns = status === "normal" && streak >= this.#unhealthyAfter;
    this.#registry.updateHealth(scope, webhook.webhookId, {
      status: turns ? "unhealthy" : status,
      lastStatusChange: turns ? time : (current.lastStatusChange ?? null),
      recentFailures: [...recentFailures, { timestamp: time, failure: error }].slice(-this.#failuresLimit),
    });
  }
}

