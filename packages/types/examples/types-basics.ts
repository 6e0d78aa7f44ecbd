import type {
  PaginatedItem,
  PaginatedPath,
  RequestBodyOf,
  ResponseOf,
  Schema,
  SchemaInput,
} from "@ultravox-api/types";

// What the API returns: readOnly fields present, writeOnly fields absent.
export function describeCall(call: Schema<"ScheduledCall">): string {
  // status is "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR"; callId is string | null.
  return `${call.status}${call.callId === null ? "" : ` → call ${call.callId}`}`;
}

// What you send: readOnly fields (batchId, created, counts) are not allowed, `calls` is.
const start = Date.now() + 60 * 60 * 1000; // the window opens in an hour and lasts eight
export const batch: SchemaInput<"ScheduledCallBatch"> = {
  calls: [{ medium: { twilio: { outgoing: { to: "+15550100", from: "+15550101" } } } }],
  windowStart: new Date(start).toISOString(),
  windowEnd: new Date(start + 8 * 60 * 60 * 1000).toISOString(),
};

// The same shapes, keyed by operationId.
export type CreateBatchBody = RequestBodyOf<"agents_scheduled_batches_create">;
export type ScheduledCallsPage = ResponseOf<"agents_scheduled_batches_scheduled_calls_list">;

// Every cursor-paginated list, and the item each one yields.
export type SeedPath = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
export type SeedItem = PaginatedItem<SeedPath>; // = Schema<"ScheduledCall">
export const lists: PaginatedPath[] = ["/api/agents", "/api/calls", "/api/agents/{agent_id}/scheduled_batches"];
