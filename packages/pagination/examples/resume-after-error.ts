import { isUltravoxApiError } from "@ultravox-api/client";
import type { UltravoxClient } from "@ultravox-api/client";
import { paginate } from "@ultravox-api/pagination";
import type { Walker } from "@ultravox-api/pagination";
import type { Schema } from "@ultravox-api/types";

/** Visits every agent once, picking up where it failed instead of starting over. */
export async function forEachAgent(
  client: UltravoxClient,
  visit: (agent: Schema<"Agent">) => Promise<void>,
  attempts = 3,
): Promise<void> {
  let startCursor: string | null = null;
  for (let attempt = 1; ; attempt += 1) {
    const walker: Walker<Schema<"Agent">> = paginate(client, "/api/agents", undefined, { startCursor, prefetch: true });
    try {
      for await (const agent of walker) await visit(agent);
      return;
    } catch (error) {
      if (attempt >= attempts || !isUltravoxApiError(error)) throw error;
      // Every agent before this cursor has been visited; resume there.
      startCursor = walker.cursor;
    }
  }
}
