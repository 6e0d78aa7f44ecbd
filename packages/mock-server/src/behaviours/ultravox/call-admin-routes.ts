import type { Answer, CoreRequest, CoreResponse } from "../../pipeline/core-exchange.js";
import { json } from "../../pipeline/respond.js";
import { callControlAnswer, parseCallAutomation } from "./call-controls.js";
import type { LiveCalls } from "./live-calls.js";
import { coreResponse } from "./live-calls.js";

/*
 * The calls' admin routes (under /__mock, an accepted API key required like every admin route):
 *   POST /__mock/calls/{call_id}/join  {"clientVersion"?}                       → 200 the call
 *   POST /__mock/calls/{call_id}/end   {"endReason"?, "summary"?, "shortSummary"?} → 200 the call
 *        404 no such call (the caller's tenant first, then any), 409 the state forbids it, 400 bad body;
 *        answered once the webhook deliveries the move made due are done.
 *   GET  /__mock/calls/automation  → the automation of calls created without their own
 *   PUT  /__mock/calls/automation  {"joinAfterMs"?, "endAfterMs"?, "endReason"?, "billAfterMs"?} → replaces it
 */

const CONTROL = /^\/calls\/([^/]+)\/(join|end)$/;

/** Answers a calls admin route (`path` after /__mock), or undefined when the path is not one. */
export function callAdminRoute(live: LiveCalls, request: CoreRequest, path: string, apiKey: string): Answer | undefined {
  if (path === "/calls/automation") {
    if (request.method === "GET") return json(200, live.lifecycle.defaults);
    if (request.method !== "PUT") return json(405, { detail: `Method "${request.method}" not allowed.` }, { allow: "GET, PUT" });
    return readJson(request).then((body): CoreResponse => {
      if ("errors" in body) return json(400, body.errors);
      const parsed = parseCallAutomation(body.value ?? {});
      if ("errors" in parsed) return json(400, parsed.errors);
      live.lifecycle.defaults = parsed.automation;
      return json(200, live.lifecycle.defaults);
    });
  }
  const match = CONTROL.exec(path);
  if (match === null) return undefined;
  if (request.method !== "POST") return json(405, { detail: `Method "${request.method}" not allowed.` }, { allow: "POST" });
  const callId = decodeURIComponent(match[1] ?? "");
  const control = match[2] === "join" ? "join" : "end";
  return readJson(request).then(async (body): Promise<CoreResponse> => {
    if ("errors" in body) return json(400, body.errors);
    const key = live.find(callId, apiKey);
    if (key === undefined) return json(404, { detail: "Not found." });
    const answer = coreResponse(callControlAnswer(live.lifecycle, control, key, body.value));
    await live.idle();
    return answer;
  });
}

async function readJson(request: CoreRequest): Promise<{ value: unknown } | { errors: Record<string, unknown> }> {
  const bytes = await request.readBody(64 * 1024);
  if (bytes === "too-large") return { errors: { detail: "Request body too large." } };
  if (bytes.length === 0) return { value: undefined };
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  } catch (error) {
    return { errors: { detail: `JSON parse error - ${error instanceof Error ? error.message : "invalid JSON"}` } };
  }
}
