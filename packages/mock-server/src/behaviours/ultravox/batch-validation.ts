/*
 * The API's checks on scheduled batches beyond their schema (docs.ultravox.ai/telephony/outbound-call-scheduler).
 */

import type { LifecycleBatch } from "./batch-model.js";

/** Media with an `outgoing` leg: Ultravox dials them itself, no webhook needed. */
export function isOutgoingMedium(medium: unknown): boolean {
  if (typeof medium !== "object" || medium === null) return false;
  for (const provider of ["twilio", "telnyx", "plivo", "sip"]) {
    const leg = (medium as Record<string, unknown>)[provider];
    if (typeof leg === "object" && leg !== null && typeof (leg as Record<string, unknown>)["outgoing"] === "object") return true;
  }
  return false;
}

export function parseTime(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface BatchValidationOptions {
  /** The shortest window accepted. Default 60 000 ms. */
  readonly minimumWindowMs?: number;
}

export type DrfErrors = Record<string, string[]>;

/**
 * The checks the API makes on a new batch beyond its schema (docs: webhookUrl "Required if any
 * call has a non-outgoing medium and not allowed otherwise"; a windowEnd "too close to windowStart
 * or the current time" is a 400 stating the minimum window). The API estimates that minimum from
 * the batch and its capacity; the mock uses a fixed one (`minimumWindowMs`), so a test can pick a
 * window too short for its calls and see them EXPIRE. Returns DRF field errors, or null.
 */
export function validateBatchCreate(body: Readonly<Record<string, unknown>>, now: number, options: BatchValidationOptions = {}): DrfErrors | null {
  const errors: DrfErrors = {};
  const calls = Array.isArray(body["calls"]) ? (body["calls"] as unknown[]) : [];
  const webhookUrl = body["webhookUrl"];
  const hasWebhook = typeof webhookUrl === "string" && webhookUrl !== "";
  const nonOutgoing = calls.filter((call) => !isOutgoingMedium(typeof call === "object" && call !== null ? (call as Record<string, unknown>)["medium"] : undefined)).length;
  if (nonOutgoing > 0 && !hasWebhook) {
    errors["webhookUrl"] = [`This field is required when a call has no outgoing medium (${nonOutgoing} of ${calls.length} calls).`];
  } else if (calls.length > 0 && nonOutgoing === 0 && hasWebhook) {
    errors["webhookUrl"] = ["This field is not allowed when every call has an outgoing medium."];
  }
  const windowErrors = checkWindow(body["windowStart"], body["windowEnd"], now, options);
  if (windowErrors !== null) errors["windowEnd"] = windowErrors;
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * The checks on a PATCH: a paused batch stays paused (the docs: no resume), and a changed window
 * must still make sense. Returns DRF field errors, or null.
 */
export function validateBatchPatch(
  current: LifecycleBatch,
  patch: Readonly<Record<string, unknown>>,
  now: number,
  options: BatchValidationOptions = {},
): DrfErrors | null {
  const errors: DrfErrors = {};
  if (current.paused === true && patch["paused"] === false) {
    errors["paused"] = ["A paused batch cannot be resumed."];
  }
  if ("windowStart" in patch || "windowEnd" in patch) {
    if (current.endedAt !== undefined && current.endedAt !== null) {
      errors["windowEnd"] = ["The batch has ended: its window cannot change."];
    } else {
      const start = "windowStart" in patch ? patch["windowStart"] : current.windowStart;
      const end = "windowEnd" in patch ? patch["windowEnd"] : current.windowEnd;
      const windowErrors = checkWindow(start, end, now, options, "windowEnd" in patch);
      if (windowErrors !== null) errors["windowEnd"] = windowErrors;
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function checkWindow(
  startValue: unknown,
  endValue: unknown,
  now: number,
  options: BatchValidationOptions,
  checkClose = true,
): string[] | null {
  const start = typeof startValue === "string" ? parseTime(startValue) : undefined;
  const end = typeof endValue === "string" ? parseTime(endValue) : undefined;
  if (end === undefined) return null;
  if (start !== undefined && end <= start) return ["windowEnd must be after windowStart."];
  if (!checkClose) return null;
  const needMs = options.minimumWindowMs ?? 60_000;
  const from = Math.max(now, start ?? now);
  if (end - from < needMs) {
    const anchor = start !== undefined && start > now ? "windowStart" : "the current time";
    return [`windowEnd is too close to ${anchor}: the window must be at least ${Math.ceil(needMs / 1000)} seconds long.`];
  }
  return null;
}
