import type { ErrorObject } from "ajv";
import { bareObject, isObject, type JsonObject } from "../internal/json.js";
import type { CoreRequest } from "../pipeline/core-exchange.js";
import { detail, HttpFailure } from "../pipeline/http-failure.js";
import { toFieldErrors } from "../spec/drf-errors.js";
import { parseLikeDrf } from "../spec/drf-parse.js";
import { readPageSize } from "./page-size.js";
import { decodeUtf8LikeDrf, pythonJsonErrorText } from "../spec/python-json-error.js";
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

  /** `strict`: undeclared parameters and a `pageSize` not served as asked are a 400 (see MockOptions.strictQuery). */
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

  /**
   * As Django reads a query string: the last of repeated values (QueryDict), every value of an
   * array parameter, an object parameter's keys in the form the spec gives; then, unless strict,
   * an empty value is no value (no filter, the first page, the default page size), a `pageSize`
   * that is not a positive integer is the default, one above the maximum the maximum (see
   * readPageSize) and undeclared parameters are ignored. What is left to refuse is a 400 worded as
   * django-filter's form fields word it.
   */
  #check(url: URL, op: CompiledOperation): JsonObject {
    const query = bareObject();
    for (const [key, value] of url.searchParams) {
      const entry = objectEntry(op, key);
      if (entry !== undefined) {
        const [name, property] = entry;
        const object = isObject(query[name]) ? query[name] : (query[name] = bareObject());
        object[property] = value;
      } else if (op.arrayQuery.has(key)) {
        const list = Array.isArray(query[key]) ? (query[key] as string[]) : [];
        list.push(value);
        query[key] = list;
      } else {
        query[key] = value;
      }
    }
    if (!this.#strict) dropEmpty(query);
    const pageSizeError = this.#pageSize(query, op);
    const validateQuery = op.validateQuery();
    let errors = validateQuery(query) ? [] : (validateQuery.errors ?? []);
    // Unknown parameters: Django ignores them; strict mode names them.
    if (!this.#strict) errors = errors.filter((error: ErrorObject) => error.keyword !== "additionalProperties");
    if (errors.length === 0 && pageSizeError === undefined) return query;
    const fields = errors.length === 0 ? bareObject() : renameUnknown(toFieldErrors(errors, { form: true }));
    if (pageSizeError !== undefined) fields[PAGE_SIZE] = [pageSizeError];
    throw new HttpFailure(400, fields);
  }

  /**
   * A paginated list's `pageSize`, read once for every list whatever bounds its spec declares:
   * replaced by the size served (or removed for the default); in strict mode the 400 message of a
   * value the API would not serve as asked.
   */
  #pageSize(query: JsonObject, op: CompiledOperation): string | undefined {
    if (!op.paginated || !op.queryParams.has(PAGE_SIZE) || !(PAGE_SIZE in query)) return undefined;
    const reading = readPageSize(String(query[PAGE_SIZE]), op.pageSize.max, this.#strict);
    if ("error" in reading || reading.size === undefined) Reflect.deleteProperty(query, PAGE_SIZE);
    else query[PAGE_SIZE] = reading.size;
    return "error" in reading ? reading.error : undefined;
  }
}

const PAGE_SIZE = "pageSize";

/** The declared object parameter a query key writes to, with the property it names. */
function objectEntry(op: CompiledOperation, key: string): [string, string] | undefined {
  if (op.objectQuery.size === 0) return undefined;
  for (const [name, style] of op.objectQuery) {
    if (style === "dotted" && key.startsWith(`${name}.`) && key.length > name.length + 1) return [name, key.slice(name.length + 1)];
    if (style === "deepObject" && key.startsWith(`${name}[`) && key.endsWith("]") && key.length > name.length + 2) return [name, key.slice(name.length + 1, -1)];
  }
  return undefined;
}

/** Django's filters and paginator treat `?status=` as no value at all. */
function dropEmpty(query: JsonObject): void {
  for (const [key, value] of Object.entries(query)) {
    if (value === "") Reflect.deleteProperty(query, key);
    else if (Array.isArray(value)) {
      const kept = value.filter((item) => item !== "");
      if (kept.length === 0) Reflect.deleteProperty(query, key);
      else query[key] = kept;
    }
  }
}

/** An unknown query parameter (strictQuery) is a typo the real API would silently ignore: say so instead. */
function renameUnknown(errors: JsonObject): JsonObject {
  const out = bareObject();
  for (const [key, value] of Object.entries(errors)) out[key] = Array.isArray(value) && value.includes("Unknown field.") ? ["Unknown query parameter."] : value;
  return out;
}

/** Reads, parses and validates a request body against the operation's; `{}` when it declares none. */
export async function readRequestBody(request: CoreRequest, op: CompiledOperation, maxBodyBytes: number, schemas: JsonObject): Promise<JsonObject> {
  const declared = op.body;
  if (declared === undefined && (request.method === "GET" || request.method === "DELETE")) return {};
  const tooLarge = (): HttpFailure => detail(413, `Request body too large: the limit is ${maxBodyBytes} bytes.`, { connection: "close" });
  const length = Number(request.header("content-length") ?? "0");
  if (length > maxBodyBytes) throw tooLarge();
  const bytes = await request.readBody(maxBodyBytes);
  if (bytes === "too-large") throw tooLarge();
  if (declared === undefined) return {};
  let data: unknown = {};
  let media: string | undefined;
  if (bytes.length > 0) {
    const contentType = request.header("content-type") ?? "";
    media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!declared.mediaTypes.includes(media)) throw detail(415, `Unsupported media type "${media}" in request.`);
    data = await parseBody(bytes, media, contentType);
  }
  // DRF's answer to no data at all (a JSON null); a missing body where the spec requires one alike.
  const noData = (): HttpFailure => new HttpFailure(400, { non_field_errors: ["No data provided"] });
  if (data === null) throw noData();
  const schema = declared.schemaOf(media);
  data = parseLikeDrf(data, schema, schemas);
  const validate = declared.validator(media);
  if (!validate(data)) throw new HttpFailure(400, toFieldErrors(validate.errors ?? [], { schema, schemas, data }));
  if (bytes.length === 0 && declared.required) throw noData();
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
  let text: string;
  try {
    // The BOM is kept: Python's json refuses it, so DRF does.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const decoded = decodeUtf8LikeDrf(bytes);
    if ("error" in decoded) throw detail(400, decoded.error);
    text = decoded.text;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw detail(400, pythonJsonErrorText(text) ?? `JSON parse error - ${error instanceof Error ? error.message : String(error)}`);
  }
}
