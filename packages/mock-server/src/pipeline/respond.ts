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
 * Django's stock 404 page (DEBUG off, no custom handler404), for a path no route matches: HTML,
 * and no Allow, since no view answered.
 */
const ROUTING_MISS_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
const ROUTING_MISS: CoreResponse = Object.freeze({ status: 404, headers: Object.freeze({ "content-type": "text/html; charset=utf-8" }), body: ROUTING_MISS_PAGE });

/** A routing miss, as Django answers it (see ROUTING_MISS_PAGE). */
export function routingMiss(): CoreResponse {
  return ROUTING_MISS;
}

// The same response object gets the same decorated one: a page served again from the cache
// keeps its identity, so adapters keep reusing the headers they built for it.
const allowed = new WeakMap<CoreResponse, CoreResponse>();

/** `response` with DRF's `Allow` header, as every answer of a view carries it. */
export function withAllow(response: CoreResponse, allow: string): CoreResponse {
  if (response.headers["allow"] === allow) return response;
  let decorated = allowed.get(response);
  if (decorated === undefined) {
    decorated = { ...response, headers: { ...response.headers, allow } };
    allowed.set(response, decorated);
  }
  return decorated;
}

/** A HEAD answer: GET's status and headers, no body (the adapters send what `content-length` says). */
export function withoutBody(answer: Answer): Answer {
  const strip = (response: CoreResponse): CoreResponse => {
    const { body } = response;
    const length = body === null ? 0 : typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
    return { ...response, headers: { ...response.headers, "content-length": String(length) }, body: null };
  };
  return answer instanceof Promise ? answer.then(strip) : strip(answer);
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
