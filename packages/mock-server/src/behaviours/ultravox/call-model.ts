/* The vocabulary of a Call's life (spec: EndReasonEnum, EventsEnum, Call fields) shared by the lifecycle, delivery and answers. */

/** Every end reason a call can have, in the spec's `EndReasonEnum` order. */
export const END_REASONS = ["unjoined", "hangup", "agent_hangup", "timeout", "connection_error", "system_error"] as const;
/** The spec's EndReasonEnum. */
export type EndReason = (typeof END_REASONS)[number];

export const CALL_EVENTS = ["call.started", "call.joined", "call.ended", "call.billed"] as const;
/** The spec's EventsEnum (webhook events). */
export type CallEventName = (typeof CALL_EVENTS)[number];

/**
 * Where a call is in its life: created (nobody joined yet), joined, ended (billing pending), billed.
 * Read from the Call's `joined`, `ended` and `billingStatus` fields.
 */
export type CallState = "created" | "joined" | "ended" | "billed";

/** A Call resource as stored (the spec's `Call`). */
export type CallRecord = Record<string, unknown>;

/** Where calls live; `key` is whatever identifies one call there (e.g. tenant + callId). */
export interface CallStore {
  get(key: string): CallRecord | undefined;
  set(key: string, call: CallRecord): void;
}

export interface CallEvent {
  readonly event: CallEventName;
  readonly key: string;
  /** When it happened, on the mock's clock (ms since the epoch). */
  readonly at: number;
  /** A copy of the call as stored right after the transition. */
  readonly call: CallRecord;
}

export type CallEventSink = (event: CallEvent) => void;

/** What happens to a call without anyone driving it, on the mock's clock. */
export interface CallAutomation {
  /** ms after creation a (simulated) client joins. Default "never": the call ends `unjoined` at its joinTimeout. */
  readonly joinAfterMs?: number | "never";
  /** ms after joining the call ends with `endReason`. Default "never": it ends with `timeout` at its maxDuration. */
  readonly endAfterMs?: number | "never";
  /** The reason of an automatic end after `endAfterMs`. Default "hangup". */
  readonly endReason?: EndReason;
  /** ms after the end the call is billed. Default 0. */
  readonly billAfterMs?: number;
}

export interface EndOptions {
  /** Default: "hangup" for a joined call, "unjoined" for one never joined. */
  readonly endReason?: EndReason;
  readonly summary?: string;
  readonly shortSummary?: string;
}

export interface JoinOptions {
  /** The joining client's version (the Call's `clientVersion`). Default: left null. */
  readonly clientVersion?: string;
}

/** A control that the call's state does not allow (joining an ended call…); the admin route answers 409. */
export class CallTransitionError extends Error {
  /** Always "CallTransitionError". */
  override readonly name = "CallTransitionError";
  constructor(
    /** The call as the call store knows it: its tenant and callId. */
    readonly key: string,
    /** The call's state when the move was refused; "missing" when there is no such call. */
    readonly state: CallState | "missing",
    message: string,
  ) {
    super(message);
  }
}


/** The state a stored call is in, read from its fields. */
export function callState(call: CallRecord): CallState {
  if (typeof call["ended"] === "string") return call["billingStatus"] === "BILLING_STATUS_PENDING" ? "ended" : "billed";
  return typeof call["joined"] === "string" ? "joined" : "created";
}

/** A call whose medium is SIP (`medium.sip`, incoming or outgoing). */
export function isSipCall(call: CallRecord): boolean {
  const medium = call["medium"];
  return typeof medium === "object" && medium !== null && typeof (medium as Record<string, unknown>)["sip"] === "object";
}

/** A duration in the API's form: seconds with up to millisecond precision, e.g. "12.5s", "0s". */
export function formatDuration(ms: number): string {
  return `${Math.round(Math.max(0, ms)) / 1000}s`;
}
