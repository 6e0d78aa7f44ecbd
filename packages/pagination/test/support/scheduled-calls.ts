import type { Schema } from "@ultravox-api/types";

const STATUSES = ["FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR"] as const;

/** `count` scheduled calls of one batch, statuses cycling through the enum. */
export function scheduledCalls(count: number, batchId = "b-1"): Schema<"ScheduledCall">[] {
  return Array.from({ length: count }, (_, i) => ({
    status: STATUSES[i % STATUSES.length] ?? "FUTURE",
    batchId,
    callId: `call-${String(i).padStart(4, "0")}`,
    error: null,
  }));
}
