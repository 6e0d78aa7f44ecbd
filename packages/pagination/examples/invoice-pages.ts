import type { UltravoxClient } from "@ultravox-api/client";
import { collect, pages } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";

/** Invoice numbers, page by page (the invoices list allows pageSize 1-100 and sends no total). */
export async function invoiceNumbersByPage(client: UltravoxClient, signal: AbortSignal): Promise<string[][]> {
  const result: string[][] = [];
  for await (const page of pages(client, "/api/accounts/me/billing/invoices", undefined, { pageSize: 100, signal })) {
    result.push(page.items.map((invoice) => invoice.invoiceNumber));
  }
  return result;
}

/** At most `limit` agents, without reading more pages than needed. */
export function firstAgents(client: UltravoxClient, limit: number): Promise<Schema<"Agent">[]> {
  return collect(client, "/api/agents", undefined, { maxItems: limit });
}
