import { reachableOrigin } from "../../internal/reachable-origin.js";
import type { BehaviourHost, OperationBehaviour, OperationCall } from "../../behaviour.js";
import type { CoreResponse } from "../../pipeline/core-exchange.js";
import { fail } from "../../pipeline/http-failure.js";
import type { JournalRecord } from "../../pipeline/request-journal.js";
import { CallLifecycle, createdCall } from "./call-lifecycle.js";
import { CallTransitionError, type CallAutomation, type CallEvent, type CallRecord, type EndOptions, type JoinOptions } from "./call-model.js";
import { callKey, splitCallKey, TenantCallStore } from "./call-store.js";
import { parseCallAutomation } from "./call-controls.js";
import { ClockTimers } from "./clock-timers.js";
import { deliveryJournalRecord } from "./delivery-journal-record.js";
import { MockFiles } from "./mock-files.js";
import { dataMessageAnswer, fileAnswer, recordingAnswer, sipLogsAnswer, type MockAnswer } from "./recordings.js";
import { webhookCreateDefaults } from "./webhook-defaults.js";
import { WebhookDelivery } from "./webhook-delivery.js";
import { TenantWebhookRegistry } from "./webhook-registry.js";

/** The header a creation may carry to give its call its own automation (JSON, see parseCallAutomation). */
export const AUTOMATION_HEADER = "x-mock-call-automation";

export interface LiveCallsOptions {
  /** The accepted API keys, in order (tenant-1, tenant-2…): calls are looked up across them. */
  readonly apiKeys: readonly string[];
  /** Timers also fire as wall time passes (a "real" clock). */
  readonly wallTime: boolean;
  /** Automation of calls created without their own. Default: nobody joins; the call ends `unjoined` at its joinTimeout. */
  readonly automation?: CallAutomation;
  /** Used for webhook deliveries. Default `globalThis.fetch`. */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Wall-time limit of one delivery attempt, ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Where delivery attempts are journaled (the request journal). */
  readonly journal?: (record: JournalRecord) => void;
}

/**
 * Calls that live (created → joined → ended → billed, see call-lifecycle.ts) and webhooks that
 * receive their events (webhook-delivery.ts), wired to the tenants' stores: the operations that
 * create, delete and read calls and webhooks, the admin controls (`/__mock/calls/…`), and the files
 * (recordings, SIP logs) the mock serves in place of storage.
 */
export class LiveCalls {
  readonly timers: ClockTimers;
  readonly lifecycle: CallLifecycle;
  readonly delivery: WebhookDelivery<string>;
  readonly webhooks: TenantWebhookRegistry;
  readonly calls: TenantCallStore;
  readonly files = new MockFiles();
  /**
   * The origin of the files' URLs (a second port of the server); default: the request's own origin.
   * Bound to every interface (0.0.0.0, ::), its host comes from each request's Host header.
   */
  fileOrigin: string | undefined;
  readonly #host: BehaviourHost;
  readonly #apiKeys: readonly string[];

  constructor(host: BehaviourHost, options: LiveCallsOptions) {
    this.#host = host;
    this.#apiKeys = options.apiKeys;
    const tenant = (apiKey: string) => host.tenant(apiKey);
    // Moves of the clock reach the timers through advanceTo (the behaviour's hook), not onChange.
    this.timers = new ClockTimers({ now: () => host.now(), onChange: () => () => undefined }, { wallTime: options.wallTime });
    this.calls = new TenantCallStore(tenant);
    this.webhooks = new TenantWebhookRegistry(tenant);
    const names = new Map(options.apiKeys.map((key, i) => [key, `tenant-${i + 1}`]));
    const journal = options.journal;
    this.delivery = new WebhookDelivery({
      clock: this.timers,
      registry: this.webhooks,
      ...(journal === undefined ? {} : { journal: (attempt, apiKey) => { journal(deliveryJournalRecord(attempt, names.get(apiKey) ?? null)); } }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    this.lifecycle = new CallLifecycle({
      clock: this.timers,
      store: this.calls,
      events: (event) => {
        this.#deliver(event);
      },
      ...(options.automation === undefined ? {} : { defaults: options.automation }),
    });
  }

  /** Runs the timers that are due; nothing at all when none is (the request path stays as it was). */
  advanceTo(now: number): Promise<void> | undefined {
    const next = this.timers.next;
    return next !== undefined && next <= now ? this.timers.run() : undefined;
  }

  /** Settles when every due timer (deliveries included) has run. */
  idle(): Promise<void> {
    return this.timers.idle();
  }

  reset(): void {
    this.timers.clear();
    this.lifecycle.clear();
    this.delivery.clear();
    this.webhooks.clear();
    this.files.clear();
  }

  /** A call taken over by the lifecycle now that it is stored (created by a scheduled batch). */
  started(apiKey: string, callId: string, automation?: CallAutomation): void {
    this.lifecycle.started(callKey(apiKey, callId), automation);
  }

  /** The key of a call by id: the given tenant's, else the first tenant holding it. */
  find(callId: string, apiKey?: string): string | undefined {
    const keys = apiKey === undefined ? this.#apiKeys : [apiKey, ...this.#apiKeys.filter((k) => k !== apiKey)];
    for (const key of keys) if (this.#host.tenant(key)?.has("/api/calls", callId) === true) return callKey(key, callId);
    return undefined;
  }

  /** Joins a call by id (see CallLifecycle.join); resolves once the deliveries due are done. */
  async join(callId: string, options: JoinOptions & { readonly apiKey?: string } = {}): Promise<CallRecord> {
    const call = this.lifecycle.join(this.#require(callId, options.apiKey), options);
    await this.idle();
    return call;
  }

  /** Ends a call by id (see CallLifecycle.end); resolves once the deliveries due are done. */
  async end(callId: string, options: EndOptions & { readonly apiKey?: string } = {}): Promise<CallRecord> {
    const call = this.lifecycle.end(this.#require(callId, options.apiKey), options);
    await this.idle();
    return call;
  }

  /** The Ultravox operations this wiring adds to, by operationId. */
  operations(): Record<string, OperationBehaviour> {
    const create: OperationBehaviour = {
      check: (call) => {
        this.#automationOf(call);
        return undefined;
      },
      prepare: (call, value) => {
        const agentId = call.params["agent_id"];
        return createdCall(agentId === undefined ? value : { ...value, agentId }, this.#host.now());
      },
      stored: (call, value) => {
        if (typeof value["callId"] === "string") this.lifecycle.started(callKey(call.apiKey, value["callId"]), this.#automationOf(call));
      },
    };
    const keepHealth: OperationBehaviour = {
      prepare: (call, value) => {
        const id = call.path.slice(call.path.lastIndexOf("/") + 1);
        const before = call.store.item("/api/webhooks", id)?.value ?? {};
        return { ...value, status: before["status"] ?? "normal", lastStatusChange: before["lastStatusChange"] ?? null, recentFailures: before["recentFailures"] ?? [] };
      },
    };
    const answer = (fn: (call: OperationCall) => MockAnswer): OperationBehaviour => ({ render: (call) => coreResponse(fn(call)) });
    return {
      calls_create: create,
      agents_calls_create: create,
      calls_destroy: {
        stored: (call, removed) => {
          if (typeof removed["callId"] !== "string") return;
          const key = callKey(call.apiKey, removed["callId"]);
          this.lifecycle.forget(key);
          this.files.revoke(key);
        },
      },
      webhooks_create: {
        prepare: (call, value) => ({ ...value, ...webhookCreateDefaults(call.body) }),
        stored: (call, value) => {
          if (typeof value["webhookId"] === "string") this.webhooks.register(call.apiKey, value["webhookId"]);
        },
      },
      webhooks_update: keepHealth,
      webhooks_partial_update: keepHealth,
      calls_recording_retrieve: answer((call) => recordingAnswer(this.#ref(call), this.#links(call))),
      calls_sip_logs_retrieve: answer((call) => sipLogsAnswer(this.#ref(call), this.#links(call))),
      send_data_message_to_call: answer((call) => dataMessageAnswer(this.#ref(call))),
    };
  }

  /** GET/HEAD `/__mock/files/…`: no API key, like a signed storage URL. Undefined for any other path. */
  fileRoute(method: string, pathname: string): CoreResponse | undefined {
    const found = fileAnswer(method, pathname, this.files, (key) => this.calls.get(key));
    return found === undefined ? undefined : coreResponse(found);
  }

  #deliver(event: CallEvent): void {
    const { apiKey } = splitCallKey(event.key);
    // Nothing registered: no event to build (most tests never register a webhook).
    if (this.webhooks.any(apiKey)) this.delivery.dispatch(apiKey, event);
  }

  #require(callId: string, apiKey: string | undefined): string {
    const key = this.find(callId, apiKey);
    if (key === undefined) throw new CallTransitionError(callId, "missing", `No call ${callId} in any tenant of the mock.`);
    return key;
  }

  #ref(call: OperationCall): { key: string; call: CallRecord | undefined } {
    const key = callKey(call.apiKey, call.params["call_id"] ?? "");
    return { key, call: this.calls.get(key) };
  }

  #links(call: OperationCall): { fileOrigin: string; files: MockFiles } {
    // Bound to every interface, the files' own address is unreachable: the host the client used instead.
    const fileOrigin = this.fileOrigin === undefined ? call.request.url.origin : reachableOrigin(this.fileOrigin, call.request.header("host"));
    return { fileOrigin, files: this.files };
  }

  #automationOf(call: OperationCall): CallAutomation | undefined {
    const header = call.request.header(AUTOMATION_HEADER);
    if (header === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(header);
    } catch {
      throw fail(400, { detail: `${AUTOMATION_HEADER} must be a JSON object of call automation.` });
    }
    const result = parseCallAutomation(parsed);
    if ("errors" in result) throw fail(400, result.errors);
    return result.automation;
  }
}

/** An answer of recordings.ts / call-controls.ts as the pipeline's response (lower-case header names). */
export function coreResponse(answer: MockAnswer): CoreResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) headers[name.toLowerCase()] = value;
  return { status: answer.status, headers, body: answer.body };
}
