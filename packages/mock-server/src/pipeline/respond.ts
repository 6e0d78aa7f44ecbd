import { ConnectionReset } from "./connection-reset.js";
import type { Answer, CoreResponse } from "./core-exchange.js";
import { HttpFailure } from "./http-failure.js";

/** A JSON answer; header names are lower-cased (the adapters write them as given). */
export function json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): CoreResponse {
  return jsonText(status, JSON.stringify(body), headers);
}

/** A JSON answer whose text is already serialised (cached items and pages). */
export function jsonText(status: number, text: string, headers: Readonly<Record<string, string>> = {}): CoreResponse {
  const all: Record<string, string> = { "content-type": "application/json" };
  for (const [name, value] of Object.entries(headers)) all[name.toLowerCase()] = value;
  return { status, headers: all, body: text };
}

/** An answer without a body (204, a bare 200). */
export function empty(status: number, headers: Readonly<Record<string, string>> = {}): CoreResponse {
  return { status, headers, body: null };
}

/**
 * The one place a failure becomes a response: an HttpFailure is its HTTP error; anything else is a
 * 500 that says the mock is at fault (a bug must still answer, not crash the server). An injected
 * connection reset is no response at all: it goes on to the adapter, which drops the connection.
 */
export function failureResponse(error: unknown): CoreResponse {
  if (error instanceof HttpFailure) return json(error.status, error.body, error.headers);
  if (error instanceof ConnectionReset) throw error;
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  return json(500, { detail: `Mock server error: ${message}` });
}

/** Runs `answer` and turns what it throws or rejects with into a response (see failureResponse). */
export function settle<T>(run: (input: T) => Answer, input: T): Answer {
  try {
    const answer = run(input);
    return answer instanceof Promise ? answer.catch(failureResponse) : answer;
  } catch (error) {
    return failureResponse(error);
  }
}
