import type { $Read, $Write, Readable, Writable, components, operations, paths } from "./generated/openapi.js";
import type { ResponseTypes } from "./generated/responses.js";
import type { SchemaTypes } from "./generated/schemas.js";

export type { $Read, $Write, Readable, ResponseTypes, Writable, components, operations, paths };

/** Every schema name in the spec. */
export type SchemaName = keyof components["schemas"];

/**
 * A schema as the API returns it: readOnly fields are plain fields, writeOnly fields are absent.
 * Object schemas are named interfaces (`Schema<"ScheduledCall">` shows as `ScheduledCall` in hovers
 * and compiler messages). Each extends a mapped type, so unlike a hand-written interface it is
 * assignable to `Record<string, unknown>` (generic helpers over JSON records accept it).
 */
export type Schema<Name extends SchemaName> = SchemaTypes[Name];

/**
 * The JSON body of an API error answer, as Django REST Framework writes it: `{ detail }` (401, 403,
 * 404, 429, …) or field errors `{ field: [messages] }` (400). `ResponseTypes` prints the `error` of an
 * operation that may answer either by this name.
 */
export type ApiErrorBody = Schema<"ErrorDetail"> | Schema<"FieldErrors">;

/** A schema as you send it: readOnly fields are absent (and rejected), writeOnly fields present. */
export type SchemaInput<Name extends SchemaName> = Writable<components["schemas"][Name]>;

/** Every operationId in the spec, e.g. `"agents_scheduled_batches_scheduled_calls_list"`. */
export type OperationId = keyof operations;

type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponsesOf<Op extends OperationId> = operations[Op]["responses"];

/** The body a successful call answers with (for JSON operations, the parsed JSON). */
export type ResponseOf<Op extends OperationId> = Readable<
  ContentOf<ResponsesOf<Op>[Extract<keyof ResponsesOf<Op>, SuccessStatus>]>
>;

/** The body of a given status, e.g. `ResponseOfStatus<"agents_retrieve", 404>`. */
export type ResponseOfStatus<Op extends OperationId, Status extends keyof ResponsesOf<Op>> = Readable<
  ContentOf<ResponsesOf<Op>[Status]>
>;

/** The JSON request body an operation takes, as you send it (`never` when it takes none). */
export type RequestBodyOf<Op extends OperationId> = operations[Op] extends { requestBody?: infer B }
  ? Writable<ContentOf<NonNullable<B>>>
  : never;

/** Path, query and header parameters of an operation. */
export type ParametersOf<Op extends OperationId> = operations[Op]["parameters"];

/** The cursor-paginated envelope the API uses for lists (DRF cursor pagination). */
export interface CursorPage<Item> {
  /** The items of this page. */
  readonly results: Item[];
  /** Absolute URL of the next page (its `cursor` query parameter carries the position), or null on the last page. */
  readonly next?: string | null;
  /** Absolute URL of the previous page, or null on the first. */
  readonly previous?: string | null;
  /** Count of items across all pages, when the API reports it. */
  readonly total?: number;
}

type GetJson<P extends keyof paths> = paths[P] extends { get: infer G }
  ? G extends { responses: { 200: { content: { "application/json": infer Body } } } }
    ? Body
    : never
  : never;

type IsPaginated<Body> = [Body] extends [never]
  ? false
  : Body extends { results: unknown[]; next?: unknown; previous?: unknown }
    ? true
    : false;

/**
 * Paths whose GET answers with the cursor envelope `{ results, next, previous, total }`.
 * Derived from the generated types, so a list added upstream appears here on regeneration.
 */
export type PaginatedPath = {
  [P in keyof paths]: IsPaginated<GetJson<P>> extends true ? P : never;
}[keyof paths];

/** The item type a paginated path lists, as the API returns it. */
export type PaginatedItem<P extends PaginatedPath> = Readable<GetJson<P>> extends { results: (infer Item)[] }
  ? Item
  : never;

/** operationIds of the paginated list operations. */
export type PaginatedOperationId = {
  [P in PaginatedPath]: paths[P] extends { get: { operationId?: infer Id } } ? Id : OperationIdOfGet<P>;
}[PaginatedPath];

type OperationIdOfGet<P extends keyof paths> = {
  [Op in OperationId]: paths[P] extends { get: operations[Op] } ? (operations[Op] extends paths[P]["get"] ? Op : never) : never;
}[OperationId];
