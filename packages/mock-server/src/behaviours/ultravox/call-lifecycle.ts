import { parseDuration } from "./filter-values.js";
import type { TimerClock } from "./clock-timers.js";
import {
  CallTransitionError,
  END_REASONS,
  callState,
  formatDuration,
  isSipCall,
  type CallAutomation,
  type CallEventName,
  type CallEventSink,
  type CallRecord,
  type CallState,
  type CallStore,
  type EndOptions,
  type JoinOptions,
} from "./call-model.js";

/*
 * A call's life as the Ultravox API tells it (Call schema; docs "Available Webhooks"):
 *   created ──join──▶ joined ──end──▶ ended ──(billing)──▶ billed
 *      └───────────── end (never joined) ──▶ ended
 * Fields set at each step (every other field of the Call is left as created):
 * - created: `joined`, `ended`, `endReason`, `clientVersion`, `billedDuration`,
 *   `billedSideInputTokens`, `billedSideOutputTokens`, `shortSummary`, `summary` null (nothing has
 *   happened yet); `billingStatus` BILLING_STATUS_PENDING ("ongoing calls"); `sipDetails`
 *   `{billedDuration: null, terminationReason: null}` for a SIP call (medium.sip), else null.
 *   Emits `call.started` at `created`.
 * - joined: `joined` (and `clientVersion` when the joining client gives one). Emits `call.joined`.
 * - ended: `ended`, `endReason` (EndReasonEnum), `shortSummary`/`summary` for a call that was joined
 *   (a conversation took place; null for an unjoined one), and a SIP call's
 *   `sipDetails.terminationReason`. Emits `call.ended` — also for an unjoined call when its
 *   `joinTimeout` passes (endReason `unjoined`, as the docs say).
 * - billed: `billingStatus` (BILLED; FREE_ZERO_EFFECTIVE_DURATION when it never joined or lasted 0 s;
 *   FREE_SYSTEM_ERROR when it ended with system_error), `billedDuration` (joined → ended, in the API's
 *   "12.5s" form; "0s" when free), `billedSideInputTokens`/`billedSideOutputTokens` 0 (no side model
 *   runs in the mock), a SIP call's `sipDetails.billedDuration`. Emits `call.billed`.
 * Timeouts from the call itself: `joinTimeout` (default "30s") ends an unjoined call with `unjoined`;
 * `maxDuration` (default "3600s") ends a joined one with `timeout`.
 */

const DEFAULT_JOIN_TIMEOUT_S = 30;
const DEFAULT_MAX_DURATION_S = 3600;

export interface CallLifecycleDeps {
  readonly clock: TimerClock;
  readonly store: CallStore;
  /** Receives every transition's event, synchronously, in order. */
  readonly events: CallEventSink;
  /** Automation for calls started without their own. */
  readonly defaults?: CallAutomation;
}

/**
 * Moves calls through created → joined → ended → billed, by hand (`join`, `end`) or on the mock's
 * clock (`CallAutomation`, joinTimeout, maxDuration). Every write goes through the store, so every
 * read sees the same state; each transition emits its event with a copy of the call.
 */
export class CallLifecycle {
  readonly #clock: TimerClock;
  readonly #store: CallStore;
  readonly #events: CallEventSink;
  #defaults: CallAutomation;
  readonly #automation = new Map<string, CallAutomation>();
  readonly #timers = new Map<string, Set<() => void>>();

  constructor(deps: CallLifecycleDeps) {
    this.#clock = deps.clock;
    this.#store = deps.store;
    this.#events = deps.events;
    this.#defaults = checkAutomation(deps.defaults ?? {});
  }

  /**
   * Takes over a call just stored by calls_create / agents_calls_create / a scheduled batch: sets
   * its lifecycle fields to "created", emits `call.started` and arms its automation and joinTimeout.
   */
  started(key: string, automation: CallAutomation = {}): CallRecord {
    const stored = this.#require(key);
    const auto = { ...this.#defaults, ...checkAutomation(automation) };
    this.#automation.set(key, auto);
    const createdMs = parseTime(stored["created"]) ?? this.#clock.now();
    const call = this.#write(key, createdCall(stored, createdMs));
    this.#emit("call.started", key, createdMs, call);
    const joinTimeoutMs = durationMs(call["joinTimeout"], DEFAULT_JOIN_TIMEOUT_S);
    this.#after(key, createdMs + joinTimeoutMs, (at) => {
      if (this.state(key) === "created") this.#end(key, at, { endReason: "unjoined" });
    });
    if (typeof auto.joinAfterMs === "number") {
      this.#after(key, createdMs + auto.joinAfterMs, (at) => {
        if (this.state(key) === "created") this.#join(key, at, {});
      });
    }
    return call;
  }

  /** Automation for calls started without their own (checked; throws RangeError for a bad one). */
  get defaults(): CallAutomation {
    return this.#defaults;
  }

  set defaults(automation: CallAutomation) {
    this.#defaults = checkAutomation(automation);
  }

  /** The simulated client joins now. Throws CallTransitionError unless the call is "created". */
  join(key: string, options: JoinOptions = {}): CallRecord {
    return this.#join(key, this.#clock.now(), options);
  }

  /** The call ends now. Throws CallTransitionError when it has already ended, or for a bad endReason. */
  end(key: string, options: EndOptions = {}): CallRecord {
    return this.#end(key, this.#clock.now(), options);
  }

  /** The call's state, or undefined when the store has no such call. */
  state(key: string): CallState | undefined {
    const call = this.#store.get(key);
    return call === undefined ? undefined : callState(call);
  }

  /** Stops driving a call (deleted): its pending automation is dropped. */
  forget(key: string): void {
    this.#cancel(key);
    this.#automation.delete(key);
  }

  /** Stops driving every call (the mock was reset). */
  clear(): void {
    for (const key of [...this.#timers.keys()]) this.forget(key);
  }

  /** Calls with automation still pending. */
  get active(): number {
    return this.#timers.size;
  }

  #join(key: string, at: number, options: JoinOptions): CallRecord {
    const current = this.#require(key);
    const state = callState(current);
    if (state !== "created") throw new CallTransitionError(key, state, `Call ${describe(current, key)} cannot join: it is ${state}.`);
    this.#cancel(key);
    const call = this.#write(key, { ...current, joined: new Date(at).toISOString(), clientVersion: options.clientVersion ?? current["clientVersion"] ?? null });
    this.#emit("call.joined", key, at, call);
    const auto = this.#automation.get(key) ?? this.#defaults;
    this.#after(key, at + durationMs(call["maxDuration"], DEFAULT_MAX_DURATION_S), (time) => {
      if (this.state(key) === "joined") this.#end(key, time, { endReason: "timeout" });
    });
    if (typeof auto.endAfterMs === "number") {
      const endReason = auto.endReason ?? "hangup";
      this.#after(key, at + auto.endAfterMs, (time) => {
        if (this.state(key) === "joined") this.#end(key, time, { endReason });
      });
    }
    return call;
  }

  #end(key: string, at: number, options: EndOptions): CallRecord {
    const current = this.#require(key);
    const state = callState(current);
    if (state === "ended" || state === "billed") throw new CallTransitionError(key, state, `Call ${describe(current, key)} has already ended.`);
    const joined = state === "joined";
    const endReason = options.endReason ?? (joined ? "hangup" : "unjoined");
    if (!(END_REASONS as readonly string[]).includes(endReason)) {
      throw new CallTransitionError(key, state, `"${endReason}" is not an end reason: use one of ${END_REASONS.join(", ")}.`);
    }
    if (joined && endReason === "unjoined") throw new CallTransitionError(key, state, `Call ${describe(current, key)} was joined: it cannot end "unjoined".`);
    this.#cancel(key);
    const seconds = joined ? (at - (parseTime(current["joined"]) ?? at)) / 1000 : 0;
    const sip = current["sipDetails"];
    const call = this.#write(key, {
      ...current,
      ended: new Date(at).toISOString(),
      endReason,
      shortSummary: joined ? (options.shortSummary ?? `A ${seconds} second call (${endReason}).`) : null,
      summary: joined ? (options.summary ?? `The call lasted ${seconds} seconds and ended with ${endReason}.`) : null,
      ...(isObject(sip) ? { sipDetails: { ...sip, terminationReason: joined ? "SIP_TERMINATION_NORMAL" : "SIP_TERMINATION_TIMEOUT" } } : {}),
    });
    this.#emit("call.ended", key, at, call);
    const auto = this.#automation.get(key) ?? this.#defaults;
    this.#after(key, at + (auto.billAfterMs ?? 0), (time) => {
      if (this.state(key) === "ended") this.#bill(key, time);
    });
    return call;
  }

  #bill(key: string, at: number): void {
    const current = this.#require(key);
    const joinedMs = parseTime(current["joined"]);
    const endedMs = parseTime(current["ended"]) ?? at;
    const ms = joinedMs === undefined ? 0 : endedMs - joinedMs;
    const billingStatus =
      current["endReason"] === "system_error" ? "BILLING_STATUS_FREE_SYSTEM_ERROR" : ms > 0 ? "BILLING_STATUS_BILLED" : "BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION";
    const billedDuration = billingStatus === "BILLING_STATUS_BILLED" ? formatDuration(ms) : "0s";
    const sip = current["sipDetails"];
    const call = this.#write(key, {
      ...current,
      billingStatus,
      billedDuration,
      billedSideInputTokens: 0,
      billedSideOutputTokens: 0,
      ...(isObject(sip) ? { sipDetails: { ...sip, billedDuration: formatDuration(ms) } } : {}),
    });
    this.#cancel(key);
    this.#automation.delete(key);
    this.#emit("call.billed", key, at, call);
  }

  #require(key: string): CallRecord {
    const call = this.#store.get(key);
    if (call === undefined) throw new CallTransitionError(key, "missing", `No call ${key}.`);
    return call;
  }

  #write(key: string, call: CallRecord): CallRecord {
    this.#store.set(key, call);
    return call;
  }

  #emit(event: CallEventName, key: string, at: number, call: CallRecord): void {
    this.#events({ event, key, at, call: structuredClone(call) });
  }

  #after(key: string, at: number, callback: (at: number) => void): void {
    let set = this.#timers.get(key);
    if (set === undefined) {
      set = new Set();
      this.#timers.set(key, set);
    }
    const timers = set;
    const cancel = this.#clock.schedule(at, (time) => {
      timers.delete(cancel);
      if (timers.size === 0 && this.#timers.get(key) === timers) this.#timers.delete(key);
      // The call may be gone (deleted without forget): nothing to drive then.
      if (this.#store.get(key) !== undefined) callback(time);
    });
    timers.add(cancel);
  }

  #cancel(key: string): void {
    const set = this.#timers.get(key);
    if (set === undefined) return;
    for (const cancel of set) cancel();
    this.#timers.delete(key);
  }
}

/** A call as it is at "created" (see the header): what `started` stores, for a creation to answer the same. */
export function createdCall(call: CallRecord, createdMs: number): CallRecord {
  return {
    ...call,
    created: new Date(createdMs).toISOString(),
    joined: null,
    ended: null,
    endReason: null,
    clientVersion: null,
    billedDuration: null,
    billedSideInputTokens: null,
    billedSideOutputTokens: null,
    billingStatus: "BILLING_STATUS_PENDING",
    shortSummary: null,
    summary: null,
    sipDetails: isSipCall(call) ? { billedDuration: null, terminationReason: null } : null,
  };
}

function checkAutomation(automation: CallAutomation): CallAutomation {
  for (const name of ["joinAfterMs", "endAfterMs", "billAfterMs"] as const) {
    const value = automation[name];
    if (value === undefined || (value === "never" && name !== "billAfterMs")) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a number of milliseconds >= 0${name === "billAfterMs" ? "" : ' or "never"'}, got ${String(value)}.`);
    }
  }
  if (automation.endReason !== undefined && !(END_REASONS as readonly string[]).includes(automation.endReason)) {
    throw new RangeError(`endReason must be one of ${END_REASONS.join(", ")}, got ${automation.endReason}.`);
  }
  return automation;
}

function durationMs(value: unknown, fallbackSeconds: number): number {
  const seconds = typeof value === "string" ? parseDuration(value) : undefined;
  return (seconds ?? fallbackSeconds) * 1000;
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(call: CallRecord, key: string): string {
  return typeof call["callId"] === "string" ? call["callId"] : key;
}
