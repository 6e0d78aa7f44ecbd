import type { JsonObject } from "../internal/json.js";

/** Thrown anywhere in the pipeline to answer with an HTTP error; turned into a response in one place (respond.ts). */
export class HttpFailure extends Error {
  /** The HTTP status answered, e.g. 400, 404, 409. */
  readonly status: number;
  /** The JSON body answered, as DRF shapes errors: `{ "detail": "…" }` or field errors `{ field: ["…"] }`. */
  readonly body: JsonObject;
  /** Headers added to the answer (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: JsonObject, headers: Readonly<Record<string, string>> = {}) {
    super(typeof body["detail"] === "string" ? body["detail"] : `HTTP ${status}`);
    this.name = "HttpFailure";
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function detail(status: number, message: string, headers?: Readonly<Record<string, string>>): HttpFailure {
  return new HttpFailure(status, { detail: message }, headers);
}

/**
 * An error answer for a behaviour to throw: `throw fail(400, { name: ["This field is required."] })`.
 * The body is sent as JSON, as DRF shapes it (`{"detail": …}` or field errors).
 */
export function fail(status: number, body: Readonly<Record<string, unknown>>, headers?: Readonly<Record<string, string>>): HttpFailure {
  return new HttpFailure(status, { ...body }, headers);
}
