import { describe, expectTypeOf, it } from "vitest";
import type { SchemaTypes } from "../src/generated/schemas.js";
import type { Readable, Schema, SchemaName, components } from "../src/index.js";

/** Mutually assignable: the same shape, whatever the name. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe("named schema types", () => {
  it("names every schema of the spec", () => {
    expectTypeOf<keyof SchemaTypes>().toEqualTypeOf<SchemaName>();
  });

  it("each name has exactly the shape of Readable<schema>, for every schema", () => {
    type Mismatches = { [N in SchemaName]: Same<Schema<N>, Readable<components["schemas"][N]>> extends true ? never : N }[SchemaName];
    expectTypeOf<Mismatches>().toEqualTypeOf<never>();
  });

  it("keeps enums and unions as they are", () => {
    expectTypeOf<Schema<"ScheduledCall">["status"]>().toEqualTypeOf<"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR">();
    expectTypeOf<{ detail: string }>().toExtend<Schema<"BadRequestError">>();
    expectTypeOf<{ calls: string[] }>().toExtend<Schema<"BadRequestError">>();
  });
});
