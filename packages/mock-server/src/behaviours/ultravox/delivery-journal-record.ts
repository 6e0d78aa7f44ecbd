import type { JournalRecord } from "../../pipeline/request-journal.js";
import type { DeliveryAttempt } from "./webhook-delivery.js";

/**
 * A delivery attempt as a request-journal record, so deliveries show in `GET /__mock/journal`
 * beside the requests: `path` is the receiver's full URL, `status` 0 when no answer came, `fault`
 * `webhook#<attempt>` (delivered) or `webhook#<attempt>:<why it failed>`, `tenant` the account whose webhook it is.
 */
export function deliveryJournalRecord(attempt: DeliveryAttempt, tenant: string | null): JournalRecord {
  return {
    timeMs: attempt.time,
    method: attempt.method,
    path: attempt.url,
    search: "",
    status: attempt.status ?? 0,
    durationMs: attempt.durationMs,
    tenant,
    fault: attempt.error === undefined ? `webhook#${attempt.attempt}` : `webhook#${attempt.attempt}:${attempt.error}`,
  };
}
