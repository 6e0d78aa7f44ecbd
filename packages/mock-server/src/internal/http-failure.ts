import type { JsonObject } from "./json.js";

/** Thrown inside the core to answer with a 4xx; turned into a response at the single exit. */
export class HttpFailure extends Error {
  readonly status: number;
  readonly body: JsonObject;
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
