import type { ResponseTypes, paths } from "@ultravox-api/types";
import type { MaybeOptionalInit, ParseAsResponse } from "openapi-fetch";

/** The methods the spec can give an operation (openapi-fetch's `HttpMethod`). */
export type SpecMethod = keyof ResponseTypes;

/** Paths that have an operation for `Method` (openapi-fetch's `PathsWithMethod`). */
export type PathsWithMethod<Method extends SpecMethod> = {
  [Path in keyof paths]: paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof paths];

// openapi-fetch's InitParam and openapi-typescript-helpers' RequiredKeysOf, which openapi-fetch does not
// export: written the same way, so that openapi-fetch's own method type and ours relate both ways.
/** The keys of `T` that are not optional, as a union (openapi-typescript-helpers' `RequiredKeysOfHelper`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends Pick<T, K>` exactly as openapi-typescript-helpers writes it
export type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
/** The keys of `T` that are not optional, or `never` (openapi-typescript-helpers' `RequiredKeysOf`). */
export type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;

/** A call's `init` argument: required when the operation has required parameters or a body (openapi-fetch's `InitParam`). */
export type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/**
 * `ResponseTypes[Method][Path]`. Where `Path` is still generic (comparing this client's methods with
 * openapi-fetch's `Client`), its fallback `any` lets the comparison pass without computing openapi-fetch's
 * answer types; the entries themselves equal openapi-fetch's for every operation (client type tests).
 */
export type ResponseTypesOf<Method extends SpecMethod, Path> = [Path] extends [keyof ResponseTypes[Method]]
  ? ResponseTypes[Method][Path & keyof ResponseTypes[Method]]
  : AnyResponseTypes;

/** `ResponseTypesOf`'s fallback, only reached while `Path` is generic: any bodies. */
export interface AnyResponseTypes {
  /** Any body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- relates to any answer type (see ResponseTypesOf)
  data: any;
  /** Any body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- relates to any answer type (see ResponseTypesOf)
  error: any;
}

/**
 * What a call resolves to: openapi-fetch's `{ data, error, response }`, with `data` and `error` read from
 * `ResponseTypes` of @ultravox-api/types (`PaginatedScheduledCallList`, `ApiErrorBody`), the same types
 * openapi-fetch computes, by name. `parseAs` changes `data` as in openapi-fetch (`"text"`: string, …).
 */
// `Types[keyof Types & "data"]`: Types["data"] for a concrete entry, without a constraint that a
// deferred `ResponseTypesOf` cannot be shown to meet.
export type UltravoxResponse<Types, Init> =
  | {
      /** The parsed body of a 2xx answer. */
      data: ParseAsResponse<Types[keyof Types & "data"], Init>;
      /** Absent on success. */
      error?: never;
      /** The HTTP response. */
      response: Response;
    }
  | {
      /** Absent on an error answer. */
      data?: never;
      /** The parsed body of a 4xx/5xx answer, e.g. DRF's `{ detail }` or field errors. */
      error: Types[keyof Types & "error"];
      /** The HTTP response. */
      response: Response;
    };

// The five methods are written out with their method literal: a signature generic in the method made a
// consumer's check compute the request types of every operation (3.1× the types of one call).

/** `GET(path, init)`: openapi-fetch's signature, resolving to an `UltravoxResponse`. */
export type UltravoxGet = <Path extends PathsWithMethod<"get">, Init extends MaybeOptionalInit<paths[Path], "get">>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<UltravoxResponse<ResponseTypesOf<"get", Path>, Init>>;

/** `PUT(path, init)`: openapi-fetch's signature, resolving to an `UltravoxResponse`. */
export type UltravoxPut = <Path extends PathsWithMethod<"put">, Init extends MaybeOptionalInit<paths[Path], "put">>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<UltravoxResponse<ResponseTypesOf<"put", Path>, Init>>;

/** `POST(path, init)`: openapi-fetch's signature, resolving to an `UltravoxResponse`. */
export type UltravoxPost = <Path extends PathsWithMethod<"post">, Init extends MaybeOptionalInit<paths[Path], "post">>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<UltravoxResponse<ResponseTypesOf<"post", Path>, Init>>;

/** `DELETE(path, init)`: openapi-fetch's signature, resolving to an `UltravoxResponse`. */
export type UltravoxDelete = <Path extends PathsWithMethod<"delete">, Init extends MaybeOptionalInit<paths[Path], "delete">>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<UltravoxResponse<ResponseTypesOf<"delete", Path>, Init>>;

/** `PATCH(path, init)`: openapi-fetch's signature, resolving to an `UltravoxResponse`. */
export type UltravoxPatch = <Path extends PathsWithMethod<"patch">, Init extends MaybeOptionalInit<paths[Path], "patch">>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<UltravoxResponse<ResponseTypesOf<"patch", Path>, Init>>;
