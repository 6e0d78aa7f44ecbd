/*
 * The shape of a scheduled batch and its calls as the Ultravox behaviours read and write them
 * (the spec's ScheduledCallBatch and ScheduledCall, reduced to the fields the lifecycle and the checks use).
 */

export type ScheduledCallStatus = "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR";

/** The fields of a batch the lifecycle reads. */
export interface LifecycleBatch {
  readonly created: string;
  readonly windowStart?: string | null;
  readonly windowEnd?: string | null;
  readonly paused?: boolean;
  readonly webhookUrl?: string | null;
  readonly webhookSecret?: string | null;
  readonly endedAt?: string | null;
}

/** One scheduled call, in the batch's order. `key` is whatever the store identifies it by. */
export interface LifecycleScheduledCall {
  readonly key: string;
  readonly status: ScheduledCallStatus;
  readonly medium?: unknown;
}

export interface ScheduledCallUpdate {
  readonly status: ScheduledCallStatus;
  readonly callId?: string | null;
  readonly error?: string | null;
}
