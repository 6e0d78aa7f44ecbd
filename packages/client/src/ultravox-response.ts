import type { ResponseSchemaNames, Schema, SchemaName, paths } from "@ultravox-api/types";
import type { FetchResponse, MaybeOptionalInit, ParseAsResponse } from "openapi-fetch";
import type { ApiErrorBody } from "./errors/api-error-body.js";

/** The methods the spec's operations use. */
type SpecMethod = "get" | "put" | "post" | "delete" | "patch";

/** Paths that have an operation for `Method` (openapi-fetch's `PathsWithMethod`). */
type PathWith<Method extends SpecMethod> = {
  [Path in keyof paths]: paths[Path] extends { [M in Method]: object } ? Path : never;
}[keyof paths];

type NamesOf<Path, Method> = Path extends keyof ResponseSchemaNames
  ? Method extends keyof ResponseSchemaNames[Path]
    ? ResponseSchemaNames[Path][Method]
    : { success: never; error: never }
  : { success: never; error: never };

/** openapi-fetch's own answer type: used where an answer is not one named JSON schema (no body, audio). */
type Computed<Path extends keyof paths, Method extends SpecMethod, Init> =
  paths[Path][Method] extends infer Operation extends Record<string | number, unknown> ? FetchResponse<Operation, Init, "application/json"> : never;

// The fallback (openapi-fetch's own computation) sits in the branch, so it is only computed where used.
type NamedData<Path extends keyof paths, Method extends SpecMethod, Init, Names = NamesOf<Path, Method>["success"]> = [Names] extends [never]
  ? Computed<Path, Method, Init>["data"]
  : Names extends SchemaName
    ? ParseAsResponse<Schema<Names>, Init>
    : Computed<Path, Method, Init>["data"];

// A 400 answers DRF field errors or a detail, every other error a detail: both print as ApiErrorBody.
type NamedError<Path extends keyof paths, Method extends SpecMethod, Init, Names = NamesOf<Path, Method>["error"]> = [Names] extends [never]
  ? Computed<Path, Method, Init>["error"]
  : [Names] extends ["ErrorDetail"]
    ? Schema<"ErrorDetail">
    : [Names] extends ["BadRequestError" | "ErrorDetail" | "FieldErrors"]
      ? ApiErrorBody
      : Names extends SchemaName
        ? Schema<Names>
        : Computed<Path, Method, Init>["error"];

/**
 * What a call resolves to: openapi-fetch's `{ data, error, response }`, with `data` and `error` typed
 * by the named schemas of @ultravox-api/types (`PaginatedScheduledCallList`, `ApiErrorBody`) so hovers
 * and compiler messages stay short; the same types openapi-fetch computes, by name. Answers that are
 * not one named JSON schema (204 No Content, audio, XML) keep openapi-fetch's type.
 */
export type UltravoxResponse<Path extends keyof paths, Method extends SpecMethod, Init> =
  | {
      /** The parsed success body (2xx). */
      data: NamedData<Path, Method, Init>;
      /** Absent on success. */
      error?: never;
      /** The HTTP response. */
      response: Response;
    }
  | {
      /** Absent on an error answer. */
      data?: never;
      /** The parsed error body (4xx/5xx), e.g. DRF's `{ detail }` or field errors. */
      error: NamedError<Path, Method, Init>;
      /** The HTTP response. */
      response: Response;
    };

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * A call method of the client (`GET`, `POST`…): openapi-fetch's signature, resolving to an
 * `UltravoxResponse`. `init` is required when the operation has required parameters or a body.
 */
export type UltravoxMethod<Method extends SpecMethod> = <Path extends PathWith<Method>, Init extends MaybeOptionalInit<paths[Path], Method>>(
  url: Path,
  ...init: RequiredKeys<Init> extends never ? [(Init & Record<string, unknown>)?] : [Init & Record<string, unknown>]
) => Promise<UltravoxResponse<Path, Method, Init>>;
