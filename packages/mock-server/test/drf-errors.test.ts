import { describe, expect, it } from "vitest";
import { createAjv } from "../src/spec/create-ajv.js";
import { toFieldErrors } from "../src/spec/drf-errors.js";

/** The DRF body for `data` failing `schema`, through ajv as the mock runs it. */
function drfBody(schema: object, data: unknown): unknown {
  const validate = createAjv().compile(schema);
  expect(validate(data)).toBe(false);
  return toFieldErrors(validate.errors ?? []);
}

const field = (schema: object): object => ({ type: "object", properties: { f: schema } });

describe("toFieldErrors: ajv errors as DRF validation bodies, with DRF's wording", () => {
  it.each([
    { given: "a missing required field", schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } }, data: {}, want: { name: ["This field is required."] } },
    { given: "an unknown field", schema: { type: "object", additionalProperties: false }, data: { x: 1 }, want: { x: ["Unknown field."] } },
    { given: "null where not nullable", schema: field({ type: "string" }), data: { f: null }, want: { f: ["This field may not be null."] } },
    { given: "a number for a string", schema: field({ type: "string" }), data: { f: 1 }, want: { f: ["Not a valid string."] } },
    { given: "text for an integer", schema: field({ type: "integer" }), data: { f: "x" }, want: { f: ["A valid integer is required."] } },
    { given: "text for a number", schema: field({ type: "number" }), data: { f: "x" }, want: { f: ["A valid number is required."] } },
    { given: "text for a boolean", schema: field({ type: "boolean" }), data: { f: "x" }, want: { f: ["Must be a valid boolean."] } },
    { given: "a dict for a list", schema: field({ type: "array" }), data: { f: {} }, want: { f: ['Expected a list of items but got type "dict".'] } },
    { given: "a list for a dict", schema: field({ type: "object" }), data: { f: [] }, want: { f: ['Expected a dictionary of items but got type "list".'] } },
    { given: "text for a dict", schema: field({ type: "object" }), data: { f: "x" }, want: { f: ['Expected a dictionary of items but got type "str".'] } },
    { given: "a value outside an enum", schema: field({ enum: ["a", "b"] }), data: { f: "c" }, want: { f: ['"c" is not a valid choice.'] } },
    { given: "a long value outside an enum (shown whole, as DRF does)", schema: field({ enum: ["a"] }), data: { f: "z".repeat(70) }, want: { f: [`"${"z".repeat(70)}" is not a valid choice.`] } },
    { given: "an object outside an enum", schema: field({ enum: ["a"] }), data: { f: { k: 1 } }, want: { f: [`"{'k': 1}" is not a valid choice.`] } },
    { given: "a bad uuid", schema: field({ type: "string", format: "uuid" }), data: { f: "x" }, want: { f: ["Must be a valid UUID."] } },
    { given: "a bad date-time", schema: field({ type: "string", format: "date-time" }), data: { f: "x" }, want: { f: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."] } },
    { given: "a bad date", schema: field({ type: "string", format: "date" }), data: { f: "x" }, want: { f: ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."] } },
    { given: "a bad time", schema: field({ type: "string", format: "time" }), data: { f: "x" }, want: { f: ["Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]."] } },
    { given: "a bad URL", schema: field({ type: "string", format: "uri" }), data: { f: "x" }, want: { f: ["Enter a valid URL."] } },
    { given: "a bad email", schema: field({ type: "string", format: "email" }), data: { f: "x" }, want: { f: ["Enter a valid email address."] } },
    { given: "a bad network", schema: field({ type: "string", format: "ipv4-cidr" }), data: { f: "x" }, want: { f: ["Enter a valid IPv4 network."] } },
    { given: "too long", schema: field({ type: "string", maxLength: 3 }), data: { f: "abcd" }, want: { f: ["Ensure this field has no more than 3 characters."] } },
    { given: "blank", schema: field({ type: "string", minLength: 1 }), data: { f: "" }, want: { f: ["This field may not be blank."] } },
    { given: "too short", schema: field({ type: "string", minLength: 3 }), data: { f: "ab" }, want: { f: ["Ensure this field has at least 3 characters."] } },
    { given: "too large", schema: field({ type: "integer", maximum: 5 }), data: { f: 6 }, want: { f: ["Ensure this value is less than or equal to 5."] } },
    { given: "too small", schema: field({ type: "integer", minimum: 5 }), data: { f: 4 }, want: { f: ["Ensure this value is greater than or equal to 5."] } },
    { given: "too many items", schema: field({ type: "array", maxItems: 1 }), data: { f: [1, 2] }, want: { f: ["Ensure this field has no more than 1 elements."] } },
    { given: "an empty list", schema: field({ type: "array", minItems: 1 }), data: { f: [] }, want: { f: ["This list may not be empty."] } },
    { given: "too few items", schema: field({ type: "array", minItems: 2 }), data: { f: [1] }, want: { f: ["Ensure this field has at least 2 elements."] } },
    { given: "a pattern mismatch", schema: field({ type: "string", pattern: "^a$" }), data: { f: "b" }, want: { f: ["This value does not match the required pattern."] } },
    { given: "another keyword", schema: field({ type: "integer", multipleOf: 2 }), data: { f: 3 }, want: { f: ["Invalid value."] } },
    { given: "a bad root", schema: { type: "object" }, data: [], want: { non_field_errors: ['Expected a dictionary of items but got type "list".'] } },
  ])("$given → $want", ({ schema, data, want }) => {
    expect(drfBody(schema, data)).toEqual(want);
  });

  it("nests errors of nested objects and list items, and names a JSON-pointer-escaped key as sent", () => {
    const schema = {
      type: "object",
      properties: {
        callTemplate: { type: "object", properties: { voice: { type: "string" } } },
        tags: { type: "array", items: { type: "string" } },
        "a/b~c": { type: "integer" },
      },
    };
    expect(drfBody(schema, { callTemplate: { voice: 1 }, tags: ["x", 2], "a/b~c": "x" })).toEqual({
      callTemplate: { voice: ["Not a valid string."] },
      tags: { "1": ["Not a valid string."] },
      "a/b~c": ["A valid integer is required."],
    });
  });

  it("prefers the specific errors inside a oneOf/anyOf to the composite one, and names each field once", () => {
    const schema = { type: "object", properties: { f: { anyOf: [{ type: "string", maxLength: 2 }, { type: "string", maxLength: 2 }] } } };
    expect(drfBody(schema, { f: "abc" })).toEqual({ f: ["Ensure this field has no more than 2 characters."] });
  });

  it("keeps the composite error when it is the only one", () => {
    const schema = { type: "object", properties: { f: { not: { type: "string" } } } };
    expect(drfBody(schema, { f: "x" })).toEqual({ f: ["Invalid value."] });
  });

  it("keeps a field's own message when a nested error reaches it too", () => {
    const schema = { type: "object", required: ["a"], properties: { a: { type: "object", required: ["b"] } } };
    expect(drfBody(schema, {})).toEqual({ a: ["This field is required."] });
    const errors = [
      { keyword: "type", instancePath: "/a", schemaPath: "", params: { type: "object" }, data: 1 },
      { keyword: "required", instancePath: "/a", schemaPath: "", params: { missingProperty: "b" }, data: 1 },
    ];
    expect(toFieldErrors(errors)).toEqual({ a: ['Expected a dictionary of items but got type "int".'] });
  });

  it("writes keys from requests as plain keys (no prototype pollution)", () => {
    const body = drfBody({ type: "object", additionalProperties: false }, JSON.parse('{"__proto__": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(Object.keys(body)).toEqual(["__proto__"]);
  });
});
