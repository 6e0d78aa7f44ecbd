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

  it("is assignable to Record<string, unknown>, object schemas included (unlike a hand-written interface)", () => {
    type NotRecords = { [N in SchemaName]: Schema<N> extends Record<string, unknown> ? never : Schema<N> extends object ? N : never }[SchemaName];
    expectTypeOf<NotRecords>().toEqualTypeOf<never>();
    expectTypeOf<Schema<"Agent">>().toExtend<Record<string, unknown>>();
    expectTypeOf<Schema<"ScheduledCall">>().toExtend<Record<string, unknown>>();
    interface HandWritten {
      a: string;
    }
    expectTypeOf<HandWritten>().not.toExtend<Record<string, unknown>>();
  });

  it("keeps enums and unions as they are", () => {
    expectTypeOf<Schema<"ScheduledCall">["status"]>().toEqualTypeOf<"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR">();
    expectTypeOf<{ detail: string }>().toExtend<Schema<"BadRequestError">>();
    expectTypeOf<{ calls: string[] }>().toExtend<Schema<"BadRequestError">>();
  });
});
