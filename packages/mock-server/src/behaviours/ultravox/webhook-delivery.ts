import { signWebhook } from "@ultravox-api/client/webhooks";
import type { TimerClock } from "./clock-timers.js";
import { WebhookHealthRecorder } from "./webhook-health.js";
import type { DeliveryWebhook, WebhookRegistry } from "./webhook-model.js";

/*
 * Deliveries of call events to registered webhooks (`/api/webhooks`), as the Ultravox docs describe
 * them ("Available Webhooks", "Error Handling & Retries", "Securing Webhooks"):
 * - Who: every webhook whose `events` holds the event and whose `agentId` is unset or the call's.
 * - What: POST `{"event": "<name>", "call": <the call as GET /api/calls/{id} returns it>}` (the call
 *   as it was at the event), JSON, signed with each of the webhook's `secrets` (comma-separated
 *   signatures) at the mock's current time. The webhook is re-read at every attempt, so a rotation,
 *   a new URL, an unsubscribed event or a deletion between retries is honoured.
 * - Success is any 2xx. A non-2xx answer, a network error or no answer within `timeoutMs` (wall
 *   time) is a failure, retried on the mock's clock: up to 10 retries, the first 30 s after the
 *   first attempt, each interval doubling (30 s, 1 min, 2 min … 256 min), times counted from when
 *   each attempt was due, so a virtual clock gives exact times.
 * - Health (the docs do not give the API's rule; the mock's is WebhookHealthRecorder's): after
 *   `unhealthyAfter` consecutive failed attempts (default 11: one delivery's whole schedule) the
 *   webhook turns `unhealthy`. Unhealthy webhooks still receive deliveries (that is how they recover).
 * - Every attempt is reported to the journal sink.
 */

/**
 * The headers that sign `body` with each of `secrets` at `timestamp`
 * (X-Ultravox-Webhook-Timestamp and X-Ultravox-Webhook-Signature).
 */
export type WebhookSigner = (body: string, secrets: readonly string[], timestamp: Date) => Promise<Record<string, string>>;

/** Signs with `signWebhook` of `@ultravox-api/client/webhooks`: the same code receivers verify with. */
export const clientSigner: WebhookSigner = async (body, secrets, timestamp) => ({ ...(await signWebhook({ body, secrets, timestamp })) });

/** One delivery attempt, as reported to the journal. */
export interface DeliveryAttempt {
  /** When the attempt was due, on the mock's clock (ms since the epoch). */
  readonly time: number;
  readonly method: "POST";
  readonly url: string;
  /** The receiver's HTTP status; null when none came (network error, timeout). */
  readonly status: number | null;
  /** 1 for the first attempt, 2… for the retries. */
  readonly attempt: number;
  /** Why it failed; absent when it was delivered. */
  readonly error?: string;
  readonly webhookId: string;
  readonly event: string;
  readonly callId: string | null;
  /** Wall time the attempt took. */
  readonly durationMs: number;
}

/** What to deliver: a call lifecycle event. */
export interface DeliveryEvent {
  readonly event: string;
  /** When it happened, on the mock's clock (ms since the epoch): the first attempt is due then. */
  readonly at: number;
  readonly call: Readonly<Record<string, unknown>>;
}

export interface RetrySchedule {
  /** Retries after the first attempt. Default 10. */
  readonly retries: number;
  /** Delay of the first retry, ms. Default 30 000. */
  readonly firstDelayMs: number;
  /** Each next delay is the previous one times this. Default 2. */
  readonly factor: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { retries: 10, firstDelayMs: 30_000, factor: 2 };

export interface WebhookDeliveryDeps<Scope> {
  readonly clock: TimerClock;
  readonly registry: WebhookRegistry<Scope>;
  /** Default `clientSigner`. */
  readonly sign?: WebhookSigner;
  /** Every attempt, with the scope (tenant) whose webhook it was. */
  readonly journal?: (attempt: DeliveryAttempt, scope: Scope) => void;
  /** Default `globalThis.fetch`. */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Wall-time limit of one attempt, ms. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetrySchedule>;
  /** Consecutive failed attempts that make a webhook unhealthy. Default 11. */
  readonly unhealthyAfter?: number;
  /** Failures kept in `recentFailures`. Default 10. */
  readonly recentFailuresLimit?: number;
}

interface Delivery<Scope> {
  readonly scope: Scope;
  readonly webhookId: string;
  readonly event: string;
  readonly callId: string | null;
  readonly body: string;
}

export class WebhookDelivery<Scope> {
  readonly #clock: TimerClock;
  readonly #registry: WebhookRegistry<Scope>;
  readonly #sign: WebhookSigner;
  readonly #journal: (attempt: DeliveryAttempt, scope: Scope) => void;
  readonly #fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly #timeoutMs: number;
  readonly #retry: RetrySchedule;
  readonly #health: WebhookHealthRecorder<Scope>;
  readonly #cancels = new Set<() => void>();

  constructor(deps: WebhookDeliveryDeps<Scope>) {
    this.#clock = deps.clock;
    this.#registry = deps.registry;
    this.#sign = deps.sign ?? clientSigner;
    this.#journal =
      deps.journal ??
      (() => {
        /* no journal */
      });
    this.#fetch = deps.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.#timeoutMs = positive(deps.timeoutMs ?? 10_000, "timeoutMs");
    this.#retry = { ...DEFAULT_RETRY_SCHEDULE, ...deps.retry };
    positive(this.#retry.firstDelayMs, "retry.firstDelayMs");
    positive(this.#retry.factor, "retry.factor");
    if (!Number.isInteger(this.#retry.retries) || this.#retry.retries < 0) {
      throw new RangeError(`retry.retries must be an integer >= 0, got ${this.#retry.retries}.`);
    }
    const unhealthyAfter = positive(deps.unhealthyAfter ?? 11, "unhealthyAfter");
    this.#health = new WebhookHealthRecorder(deps.registry, unhealthyAfter, positive(deps.recentFailuresLimit ?? 10, "recentFailuresLimit"));
  }

  /** Delays of the retries in ms, in order (30 s, 60 s, 120 s … with the defaults). */
  get retryDelays(): number[] {
    const { retries, firstDelayMs, factor } = this.#retry;
    return Array.from({ length: retries }, (_, i) => firstDelayMs * factor ** i);
  }

  /** Schedules `event` to every matching webhook of `scope` (first attempt at `event.at`); returns their ids. */
  dispatch(scope: Scope, event: DeliveryEvent): string[] {
    const agentId = event.call["agentId"];
    const callId = typeof event.call["callId"] === "string" ? event.call["callId"] : null;
    const body = JSON.stringify({ event: event.event, call: event.call });
    const ids: string[] = [];
    for (const webhook of this.#registry.webhooks(scope)) {
      if (!matches(webhook, event.event, agentId)) continue;
      ids.push(webhook.webhookId);
      this.#schedule({ scope, webhookId: webhook.webhookId, event: event.event, callId, body }, 1, event.at);
    }
    return ids;
  }

  /** Attempts waiting for their time. */
  get pending(): number {
    return this.#cancels.size;
  }

  /** Drops every waiting attempt and the failure streaks (the mock was reset). */
  clear(): void {
    for (const cancel of this.#cancels) cancel();
    this.#cancels.clear();
    this.#health.clear();
  }

  #schedule(delivery: Delivery<Scope>, attempt: number, at: number): void {
    const cancel = this.#clock.schedule(at, async (due) => {
      this.#cancels.delete(cancel);
      await this.#attempt(delivery, attempt, due);
    });
    this.#cancels.add(cancel);
  }

  async #attempt(delivery: Delivery<Scope>, attempt: number, at: number): Promise<void> {
    const webhook = this.#registry.webhook(delivery.scope, delivery.webhookId);
    // Deleted, or no longer subscribed to this event: the delivery is dropped.
    if (webhook === undefined || !webhook.events.includes(delivery.event)) return;
    const secrets = (webhook.secrets ?? []).filter((secret) => secret.length > 0);
    const started = performance.now();
    let status: number | null = null;
    let error: string | undefined;
    try {
      // Signed at the mock's current time, so a receiver checking freshness against that clock accepts it.
      const signed = secrets.length > 0 ? await this.#sign(delivery.body, secrets, new Date(Math.max(this.#clock.now(), at))) : {};
      const response = await this.#fetch(webhook.url, {
        method: "POST",
        headers: { ...signed, "Content-Type": "application/json" },
        body: delivery.body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (caught) {
      error =
        caught instanceof Error && caught.name === "TimeoutError"
          ? `No answer within ${this.#timeoutMs} ms`
          : `Network error: ${describeError(caught)}`;
    }
    this.#journal({
      time: at,
      method: "POST",
      url: webhook.url,
      status,
      attempt,
      ...(error === undefined ? {} : { error }),
      webhookId: delivery.webhookId,
      event: delivery.event,
      callId: delivery.callId,
      durationMs: performance.now() - started,
    }, delivery.scope);
    this.#health.record(delivery.scope, webhook, at, error);
    if (error !== undefined && attempt <= this.#retry.retries) {
      const delay = this.#retry.firstDelayMs * this.#retry.factor ** (attempt - 1);
      this.#schedule(delivery, attempt + 1, at + delay);
    }
  }
}

/** Whether `webhook` subscribes to `event` for a call of `agentId`. */
export function matches(webhook: DeliveryWebhook, event: string, agentId: unknown): boolean {
  if (!webhook.events.includes(event)) return false;
  return webhook.agentId === undefined || webhook.agentId === null || webhook.agentId === agentId;
}

function positive(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a number > 0, got ${String(value)}.`);
  }
  return value;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the cause names the socket error.
  const cause = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
