import type { paths } from "@ultravox-api/types";
import type { FetchResponse } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { UltravoxResponse } from "../src/index.js";

type Method = "get" | "put" | "post" | "delete" | "patch";
type PathWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Computed<P extends keyof paths, M extends Method, Init> = paths[P][M] extends infer Op extends Record<string | number, unknown> ? FetchResponse<Op, Init, "application/json"> : never;
/** `path method part` of every operation whose named data or error differs from what openapi-fetch computes. */
type Differing<M extends Method, Init> = {
  [P in PathWith<M>]:
    | (Mutual<UltravoxResponse<P, M, Init>["data"], Computed<P, M, Init>["data"]> extends true ? never : `${P} ${M} data`)
    | (Mutual<UltravoxResponse<P, M, Init>["error"], Computed<P, M, Init>["error"]> extends true ? never : `${P} ${M} error`);
}[PathWith<M>];

describe("UltravoxResponse", () => {
  it("types data and error of every operation as openapi-fetch does, by name", () => {
    expectTypeOf<Differing<"get", object>>().toBeNever();
    expectTypeOf<Differing<"post", object>>().toBeNever();
    expectTypeOf<Differing<"put", object>>().toBeNever();
    expectTypeOf<Differing<"patch", object>>().toBeNever();
    expectTypeOf<Differing<"delete", object>>().toBeNever();
  });

  it("follows parseAs as openapi-fetch does", () => {
    expectTypeOf<Differing<"get", { parseAs: "text" }>>().toBeNever();
    expectTypeOf<Differing<"get", { parseAs: "blob" }>>().toBeNever();
  });
});
