import { describe, expect, it } from "vitest";
import { normalizeOpenApi } from "../src/normalize-openapi.js";
import type { OpenApiDocument } from "../src/internal/parse-openapi.js";

/** A document with the given schema as `components.schemas.S`, plus the components the rows refer to. */
function docWith(schema: unknown, openapi = "3.0.3"): OpenApiDocument {
  return {
    openapi,
    info: { title: "t", version: "1" },
    paths: {},
    components: {
      schemas: {
        S: schema,
        Thing: { type: "object", properties: { id: { type: "string" } } },
        NullEnum: { enum: [null] },
        NullType: { type: "null" },
      },
    },
  };
}

function normalized(schema: unknown, openapi?: string): unknown {
  const out = normalizeOpenApi(docWith(schema, openapi)) as unknown as { components: { schemas: Record<string, unknown> } };
  return out.components.schemas["S"];
}

const thing = { $ref: "#/components/schemas/Thing" };
const nullableThing = { allOf: [thing], nullable: true };

describe("normalizeOpenApi: every encoding of a nullable X is 3.0's", () => {
  const table: { name: string; given: unknown; want: unknown }[] = [
    { name: "3.0 nullable stays", given: { type: "string", nullable: true }, want: { type: "string", nullable: true } },
    { name: "3.1 type array", given: { type: ["string", "null"] }, want: { type: "string", nullable: true } },
    { name: "3.1 type array, null first", given: { type: ["null", "integer"] }, want: { type: "integer", nullable: true } },
    { name: "several types keep the array", given: { type: ["string", "integer", "null"] }, want: { type: ["string", "integer"], nullable: true } },
    { name: "type null beside allOf (the 3.2.0 snapshots)", given: { type: "null", allOf: [thing] }, want: nullableThing },
    { name: "3.0 nullable allOf wrapper stays", given: nullableThing, want: nullableThing },
    { name: "oneOf with a type-null branch", given: { oneOf: [thing, { type: "null" }] }, want: nullableThing },
    { name: "anyOf with a type-null branch", given: { anyOf: [{ type: "null" }, thing] }, want: nullableThing },
    { name: "oneOf with a $ref to a null enum (DRF NullEnum)", given: { oneOf: [thing, { $ref: "#/components/schemas/NullEnum" }] }, want: nullableThing },
    { name: "oneOf with a $ref to type null", given: { oneOf: [thing, { $ref: "#/components/schemas/NullType" }] }, want: nullableThing },
    { name: "oneOf with an inline null enum", given: { oneOf: [thing, { enum: [null] }] }, want: nullableThing },
    {
      name: "the 3.2.0 snapshots' nullable enum reference",
      given: { type: "null", oneOf: [thing, { $ref: "#/components/schemas/NullEnum" }] },
      want: nullableThing,
    },
    {
      name: "3.0's nullable oneOf of the same",
      given: { nullable: true, oneOf: [thing, { $ref: "#/components/schemas/NullEnum" }] },
      want: nullableThing,
    },
    { name: "null in an enum with other values", given: { type: "string", enum: ["a", "b", null] }, want: { type: "string", enum: ["a", "b"], nullable: true } },
    { name: "a null-only enum keeps its value", given: { enum: [null] }, want: { enum: [null], nullable: true } },
    { name: "bare type null is 3.0's bare nullable", given: { type: "null", description: "d", readOnly: true }, want: { description: "d", readOnly: true, nullable: true } },
    { name: "nullable: false is the default", given: { type: "string", nullable: false }, want: { type: "string" } },
    {
      name: "two real branches and a null one stay a union, nullable",
      given: { oneOf: [thing, { type: "string" }, { type: "null" }] },
      want: { oneOf: [thing, { type: "string" }], nullable: true },
    },
    { name: "a union of null only", given: { oneOf: [{ type: "null" }] }, want: { enum: [null], nullable: true } },
  ];
  it.each(table)("$name", ({ given, want }) => {
    expect(normalized(given)).toEqual(want);
  });
});

describe("normalizeOpenApi: single-allOf wrappers", () => {
  const table: { name: string; given: unknown; want: unknown }[] = [
    { name: "a bare wrapper is its $ref", given: { allOf: [thing] }, want: thing },
    { name: "a wrapper with docs stays (3.0 ignores $ref siblings)", given: { allOf: [thing], description: "d" }, want: { allOf: [thing], description: "d" } },
    { name: "a $ref with siblings (3.1) becomes a wrapper", given: { ...thing, description: "d" }, want: { allOf: [thing], description: "d" } },
    { name: "a wrapper of an inline schema merges", given: { allOf: [{ type: "object" }], nullable: true }, want: { type: "object", nullable: true } },
    {
      name: "an inline wrapper whose keys clash stays",
      given: { allOf: [{ type: "object", description: "in" }], description: "out" },
      want: { allOf: [{ type: "object", description: "in" }], description: "out" },
    },
    { name: "a union left with one branch becomes a wrapper, then its $ref", given: { oneOf: [thing] }, want: thing },
    { name: "two allOf parts stay", given: { allOf: [thing, { type: "object" }] }, want: { allOf: [thing, { type: "object" }] } },
  ];
  it.each(table)("$name", ({ given, want }) => {
    expect(normalized(given)).toEqual(want);
  });
});

describe("normalizeOpenApi: where it looks", () => {
  it("normalises nested schemas: properties, items, additionalProperties, union branches", () => {
    const given = {
      type: "object",
      properties: { a: { type: ["string", "null"] } },
      additionalProperties: { type: "null", allOf: [thing] },
      items: { anyOf: [{ type: "null" }, { type: "integer" }] },
      oneOf: [{ type: "object", properties: { b: { type: ["null", "boolean"] } } }, { type: "string" }],
    };
    expect(normalized(given)).toEqual({
      type: "object",
      properties: { a: { type: "string", nullable: true } },
      additionalProperties: nullableThing,
      items: { type: "integer", nullable: true },
      oneOf: [{ type: "object", properties: { b: { type: "boolean", nullable: true } } }, { type: "string" }],
    });
  });

  it("normalises schemas of parameters, bodies, responses and headers, not examples or extensions", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          parameters: [{ in: "query", name: "q", schema: { type: ["string", "null"] } }],
          post: {
            requestBody: { content: { "application/json": { schema: { type: "null", allOf: [thing] }, example: { type: ["x", "null"] } } } },
            responses: {
              "200": {
                description: "",
                headers: { "X-A": { schema: { type: ["integer", "null"] } } },
                content: { "application/json": { schema: { anyOf: [thing, { type: "null" }] } } },
              },
            },
            "x-extra": { schema: { type: ["string", "null"] } },
          },
        },
      },
      components: { schemas: { Thing: { type: "object" } } },
    };
    const before = structuredClone(doc);
    const out = normalizeOpenApi(doc);
    expect(doc).toEqual(before);
    const path = out.paths["/a"] as Record<string, never>;
    expect(path).toEqual({
      parameters: [{ in: "query", name: "q", schema: { type: "string", nullable: true } }],
      post: {
        requestBody: { content: { "application/json": { schema: nullableThing, example: { type: ["x", "null"] } } } },
        responses: {
          "200": {
            description: "",
            headers: { "X-A": { schema: { type: "integer", nullable: true } } },
            content: { "application/json": { schema: nullableThing } },
          },
        },
        "x-extra": { schema: { type: ["string", "null"] } },
      },
    });
  });

  it("keeps the openapi version and everything outside schemas", () => {
    const out = normalizeOpenApi(docWith({ type: "string" }, "3.2.0"));
    expect(out.openapi).toBe("3.2.0");
    expect(out["info"]).toEqual({ title: "t", version: "1" });
  });
});
