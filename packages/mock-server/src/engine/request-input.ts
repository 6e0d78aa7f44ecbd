import type { ErrorObject } from "ajv";
import { bareObject, isObject, type JsonObject } from "../internal/json.js";
import type { CoreRequest } from "../pipeline/core-exchange.js";
import { detail, HttpFailure } from "../pipeline/http-failure.js";
import { toFieldErrors } from "../spec/drf-errors.js";
import type { CompiledOperation } from "../spec/operation.js";

/** Checked query strings kept per operation; past this the operation's cache starts over. */
const MAX_QUERIES = 256;

/**
 * Reads and validates query strings. A query string validates (and coerces) the same every time,
 * so each is checked once per operation and the frozen result shared.
 */
export class QueryReader {
  readonly #strict: boolean;
  readonly #known = new Map<CompiledOperation, Map<string, Readonly<JsonObject>>>();

  /** `strict`: undeclared parameters are a 400 (see MockOptions.strictQuery). */
  constructor(strict: boolean) {
    this.#strict = strict;
  }

  read(url: URL, op: CompiledOperation): Readonly<JsonObject> {
    let known = this.#known.get(op);
    if (known === undefined) {
      known = new Map();
      this.#known.set(op, known);
    }
    const cached = known.get(url.search);
    if (cached !== undefined) return cached;
    // Frozen: requests share it, so none may change what the next one reads.
    const query = Object.freeze(this.#check(url, op));
    if (known.size >= MAX_QUERIES) known.clear();
    known.set(url.search, query);
    return query;
  }

  clear(): void {
    this.#known.clear();
  }

  #check(url: URL, op: CompiledOperation): JsonObject {
    const query = bareObject();
    for (const [key, value] of url.searchParams) {
      if (op.arrayQuery.has(key)) {
        const list = Array.isArray(query[key]) ? (query[key] as string[]) : [];
        list.push(value);
        query[key] = list;
      } else if (!(key in query)) {
        query[key] = value;
      }
    }
    const validateQuery = op.validateQuery();
    if (validateQuery(query)) return query;
    const errors = (validateQuery.errors ?? []).filter((error: ErrorObject) => this.#strict || error.keyword !== "additionalProperties");
    if (errors.length > 0) throw new HttpFailure(400, renameUnknown(toFieldErrors(errors)));
    return query;
  }
}

/** An unknown query parameter is a typo the real API would silently ignore: say so instead. */
function renameUnknown(errors: JsonObject): JsonObject {
  const out = bareObject();
  for (const [key, value] of Object.entries(errors)) out[key] = Array.isArray(value) && value.includes("Unknown field.") ? ["Unknown query parameter."] : value;
  return out;
}

/** Reads, parses and validates a request body against the operation's; `{}` when it declares none. */
export async function readRequestBody(request: CoreRequest, op: CompiledOperation, maxBodyBytes: number): Promise<JsonObject> {
  const declared = op.body;
  if (declared === undefined && (request.method === "GET" || request.method === "DELETE")) return {};
  const tooLarge = (): HttpFailure => detail(413, `Request body too large: the limit is ${maxBodyBytes} bytes.`, { connection: "close" });
  const length = Number(request.header("content-length") ?? "0");
  if (length > maxBodyBytes) throw tooLarge();
  const bytes = await request.readBody(maxBodyBytes);
  if (bytes === "too-large") throw tooLarge();
  if (declared === undefined) return {};
  let data: unknown = {};
  if (bytes.length > 0) {
    const contentType = request.header("content-type") ?? "";
    const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!declared.mediaTypes.includes(media)) throw detail(415, `Unsupported media type "${media}" in request.`);
    data = await parseBody(bytes, media, contentType);
  }
  const validate = declared.validator();
  if (!validate(data)) throw new HttpFailure(400, toFieldErrors(validate.errors ?? []));
  return isObject(data) ? data : {};
}

async function parseBody(bytes: Uint8Array, media: string, contentType: string): Promise<unknown> {
  if (media === "application/x-www-form-urlencoded") {
    return Object.assign(bareObject(), Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))));
  }
  if (media === "multipart/form-data") {
    try {
      const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
      const out = bareObject();
      for (const [key, value] of form) out[key] = typeof value === "string" ? value : value.name;
      return out;
    } catch {
      throw detail(400, "Multipart form parse error - the body is not valid multipart/form-data.");
    }
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : "invalid JSON";
    throw detail(400, `JSON parse error - ${message}`);
  }
}
