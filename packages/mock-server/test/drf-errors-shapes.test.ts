import { describe, expect, it } from "vitest";
import { createAjv } from "../src/spec/create-ajv.js";
import { toFieldErrors } from "../src/spec/drf-errors.js";
import type { JsonObject } from "../src/internal/json.js";

// The shapes DRF's serializers give nested errors, with the body's schema known (as the mock's
// request validation passes it): a nested serializer, a list of them (many=True), a ListField,
// a DictField, reached through `$ref`, `allOf` and nullable `anyOf`/`oneOf` branches.

const SCHEMAS: JsonObject = {
  CallTemplate: {
    type: "object",
    properties: { voice: { type: "string" }, temperature: { type: "number", maximum: 1 } },
  },
  Item: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
  Named: { allOf: [{ $ref: "#/components/schemas/Base" }] },
  Base: { type: "object", properties: { title: { type: "string" } } },
  Alias: { $ref: "#/components/schemas/CallTemplate" },
};

const BODY = {
  type: "object",
  properties: {
    callTemplate: { $ref: "#/components/schemas/CallTemplate" },
    nullableTemplate: { anyOf: [{ $ref: "#/components/schemas/CallTemplate" }, { type: "null" }] },
    enumNullTemplate: { oneOf: [{ $ref: "#/components/schemas/CallTemplate" }, { enum: [null] }] },
    wrappedTemplate: { allOf: [{ $ref: "#/components/schemas/CallTemplate" }] },
    aliasTemplate: { $ref: "#/components/schemas/Alias" },
    named: { $ref: "#/components/schemas/Named" },
    items: { type: "array", minItems: 1, maxItems: 2, items: { $ref: "#/components/schemas/Item" } },
    manyItems: { type: "array", minItems: 3, items: { $ref: "#/components/schemas/Item" } },
    tags: { type: "array", minItems: 1, items: { type: "string" } },
    metadata: { type: "object", additionalProperties: { type: "string" } },
    settings: { type: "object" },
    count: { type: "integer" },
  },
};

/** The DRF body for `data` failing BODY, with the schema context the mock gives. */
function drfBody(data: JsonObject, schema: object = BODY): unknown {
  const validate = createAjv().compile({ ...schema, components: { schemas: SCHEMAS } });
  expect(validate(data)).toBe(false);
  return toFieldErrors(validate.errors ?? [], { schema, schemas: SCHEMAS, data });
}

const NOT_A_DICT = (got: string): string => `Invalid data. Expected a dictionary, but got ${got}.`;

describe("toFieldErrors with the body's schema: DRF's nested error shapes", () => {
  it.each([
    { given: "a nested serializer's field", data: { callTemplate: { voice: 1 } }, want: { callTemplate: { voice: ["Not a valid string."] } } },
    { given: "a nested serializer's bound", data: { callTemplate: { temperature: 2 } }, want: { callTemplate: { temperature: ["Ensure this value is less than or equal to 1."] } } },
    { given: "a nested serializer given text", data: { callTemplate: "x" }, want: { callTemplate: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a nested serializer given a list", data: { callTemplate: [] }, want: { callTemplate: { non_field_errors: [NOT_A_DICT("list")] } } },
    { given: "a nested serializer given a float", data: { callTemplate: 1.5 }, want: { callTemplate: { non_field_errors: [NOT_A_DICT("float")] } } },
    { given: "a nested serializer given an integer", data: { callTemplate: 2 }, want: { callTemplate: { non_field_errors: [NOT_A_DICT("int")] } } },
    { given: "a nested serializer given a boolean", data: { callTemplate: true }, want: { callTemplate: { non_field_errors: [NOT_A_DICT("bool")] } } },
    { given: "a nested serializer given null", data: { callTemplate: null }, want: { callTemplate: ["This field may not be null."] } },
    { given: "a nullable (anyOf) nested serializer given text", data: { nullableTemplate: "x" }, want: { nullableTemplate: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a nullable (anyOf) nested serializer's field", data: { nullableTemplate: { voice: 2 } }, want: { nullableTemplate: { voice: ["Not a valid string."] } } },
    { given: "a nullable (oneOf, enum [null]) nested serializer given text", data: { enumNullTemplate: "x" }, want: { enumNullTemplate: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a one-part allOf nested serializer given text", data: { wrappedTemplate: "x" }, want: { wrappedTemplate: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a $ref to a $ref given text", data: { aliasTemplate: "x" }, want: { aliasTemplate: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a serializer whose fields come through allOf, given text", data: { named: "x" }, want: { named: { non_field_errors: [NOT_A_DICT("str")] } } },
    { given: "a serializer whose fields come through allOf: its field", data: { named: { title: 1 } }, want: { named: { title: ["Not a valid string."] } } },
    { given: "a list of serializers: one entry per item, {} for the valid ones", data: { items: [{ name: "a" }, {}] }, want: { items: [{}, { name: ["This field is required."] }] } },
    { given: "a list of serializers: several bad items", data: { items: [{ name: 1 }, { name: 2 }] }, want: { items: [{ name: ["Not a valid string."] }, { name: ["Not a valid string."] }] } },
    { given: "a list of serializers: an item not a dict", data: { items: [{ name: "a" }, 1] }, want: { items: [{}, { non_field_errors: [NOT_A_DICT("int")] }] } },
    { given: "a list of serializers, empty", data: { items: [] }, want: { items: { non_field_errors: ["This list may not be empty."] } } },
    { given: "a list of serializers, too short", data: { manyItems: [{ name: "a" }] }, want: { manyItems: { non_field_errors: ["Ensure this field has at least 3 elements."] } } },
    { given: "a list of serializers, too long", data: { items: [{ name: "a" }, { name: "b" }, { name: "c" }] }, want: { items: { non_field_errors: ["Ensure this field has no more than 2 elements."] } } },
    { given: "a list of serializers given text", data: { items: "x" }, want: { items: { non_field_errors: ['Expected a list of items but got type "str".'] } } },
    { given: "a list of serializers given null", data: { items: null }, want: { items: ["This field may not be null."] } },
    { given: "a ListField's item: keyed by index", data: { tags: ["x", 2] }, want: { tags: { "1": ["Not a valid string."] } } },
    { given: "a ListField, empty: the field's own message", data: { tags: [] }, want: { tags: ["This list may not be empty."] } },
    { given: "a ListField given text", data: { tags: "x" }, want: { tags: ['Expected a list of items but got type "str".'] } },
    { given: "a DictField's value: keyed by key", data: { metadata: { a: "ok", b: 1 } }, want: { metadata: { b: ["Not a valid string."] } } },
    { given: "a DictField given a list", data: { metadata: [] }, want: { metadata: ['Expected a dictionary of items but got type "list".'] } },
    { given: "a free-form dict given text", data: { settings: "x" }, want: { settings: ['Expected a dictionary of items but got type "str".'] } },
    { given: "a scalar", data: { count: "x" }, want: { count: ["A valid integer is required."] } },
    { given: "errors in several fields at once", data: { count: "x", callTemplate: { voice: 1 }, tags: [1] }, want: { count: ["A valid integer is required."], callTemplate: { voice: ["Not a valid string."] }, tags: { "0": ["Not a valid string."] } } },
  ])("$given", ({ data, want }) => {
    expect(drfBody(data)).toEqual(want);
  });

  it("a body that is not a dict: its own non_field_errors, in a serializer's words", () => {
    expect(drfBody([] as unknown as JsonObject)).toEqual({ non_field_errors: [NOT_A_DICT("list")] });
  });

  it("a nullable field's failing null branch says nothing: the other branch's error is the message", () => {
    const schema = { type: "object", properties: { f: { anyOf: [{ type: "null" }, { type: "string", maxLength: 2 }] } } };
    expect(drfBody({ f: "abc" }, schema)).toEqual({ f: ["Ensure this field has no more than 2 characters."] });
  });

  it("a union type names the first type's message (DRF's field for a nullable integer)", () => {
    const schema = { type: "object", properties: { f: { type: ["integer", "null"] } } };
    expect(drfBody({ f: "x" }, schema)).toEqual({ f: ["A valid integer is required."] });
  });

  it("a second error at an item already reported is dropped (one message per field)", () => {
    const data = { items: [{ name: 1 }] };
    const errors = [
      { keyword: "type", instancePath: "/items/0/name", schemaPath: "", params: { type: "string" }, data: 1 },
      { keyword: "maxLength", instancePath: "/items/0/name", schemaPath: "", params: { limit: 2 }, data: 1 },
    ];
    expect(toFieldErrors(errors, { schema: BODY, schemas: SCHEMAS, data })).toEqual({ items: [{ name: ["Not a valid string."] }] });
  });

  it("item errors reported out of order land at their own index", () => {
    const data = { items: [{ name: 1 }, { name: 2 }] };
    const errors = [
      { keyword: "type", instancePath: "/items/1/name", schemaPath: "", params: { type: "string" }, data: 2 },
      { keyword: "type", instancePath: "/items/0/name", schemaPath: "", params: { type: "string" }, data: 1 },
    ];
    expect(toFieldErrors(errors, { schema: BODY, schemas: SCHEMAS, data })).toEqual({ items: [{ name: ["Not a valid string."] }, { name: ["Not a valid string."] }] });
  });

  it("without a schema, nothing is a serializer: a non-dict is a dict field's message", () => {
    const errors = [{ keyword: "type", instancePath: "/callTemplate", schemaPath: "", params: { type: "object" }, data: "x" }];
    expect(toFieldErrors(errors)).toEqual({ callTemplate: ['Expected a dictionary of items but got type "str".'] });
  });
});

describe("toFieldErrors: schemas that refer to themselves end (the walker's bounds)", () => {
  const typeError = [{ keyword: "type", instancePath: "/f", schemaPath: "", params: { type: "object" }, data: "x" }];
  const body = (schemas: JsonObject) => toFieldErrors(typeError, { schema: { type: "object", properties: { f: { $ref: "#/components/schemas/Self" } } }, schemas, data: { f: "x" } });

  it("a one-part allOf that refers to itself: no fields known, a dict field's message", () => {
    expect(body({ Self: { allOf: [{ $ref: "#/components/schemas/Self" }] } })).toEqual({ f: ['Expected a dictionary of items but got type "str".'] });
  });

  it("an allOf that includes itself and adds fields: a serializer, found once the recursion stops", () => {
    const schemas = { Self: { allOf: [{ $ref: "#/components/schemas/Self" }, { type: "object", properties: { a: { type: "string" } } }] } };
    expect(body(schemas)).toEqual({ f: { non_field_errors: [NOT_A_DICT("str")] } });
  });

  it("an enum value is shown whole at any length, as DRF shows it (no cut at 60 or 61 characters)", () => {
    const enumError = (value: string) => [{ keyword: "enum", instancePath: "/f", schemaPath: "", params: {}, data: value }];
    expect(toFieldErrors(enumError("y".repeat(60)))).toEqual({ f: [`"${"y".repeat(60)}" is not a valid choice.`] });
    expect(toFieldErrors(enumError("y".repeat(61)))).toEqual({ f: [`"${"y".repeat(61)}" is not a valid choice.`] });
  });
});

describe("toFieldErrors for query parameters (form: true): Django form fields' words", () => {
  const query = (schema: object): object => ({ type: "object", additionalProperties: false, properties: { q: schema } });
  const formBody = (schema: object, data: JsonObject): unknown => {
    const validate = createAjv().compile(schema);
    expect(validate(data)).toBe(false);
    return toFieldErrors(validate.errors ?? [], { form: true });
  };
  it.each([
    { given: "a missing required parameter", schema: { type: "object", required: ["q"] }, data: {}, want: "This field is required." },
    { given: "an unknown parameter", schema: { type: "object", additionalProperties: false }, data: { q: "1" }, want: "Unknown field." },
    { given: "a value outside the choices", schema: query({ enum: ["a", "b"] }), data: { q: "c" }, want: "Select a valid choice. c is not one of the available choices." },
    { given: "text for an integer", schema: query({ type: "integer" }), data: { q: "x" }, want: "Enter a whole number." },
    { given: "text for a nullable integer", schema: query({ type: ["integer", "null"] }), data: { q: "x" }, want: "Enter a whole number." },
    { given: "text for a number", schema: query({ type: "number" }), data: { q: "x" }, want: "Enter a number." },
    { given: "text for a boolean", schema: query({ type: "boolean" }), data: { q: "x" }, want: "Enter a valid boolean." },
    { given: "a number for a string", schema: query({ type: "string" }), data: { q: 1 }, want: "Enter a valid value." },
    { given: "a bad date-time", schema: query({ type: "string", format: "date-time" }), data: { q: "x" }, want: "Enter a valid date/time." },
    { given: "a bad date", schema: query({ type: "string", format: "date" }), data: { q: "x" }, want: "Enter a valid date." },
    { given: "a bad uuid", schema: query({ type: "string", format: "uuid" }), data: { q: "x" }, want: "Enter a valid UUID." },
    { given: "a bad time", schema: query({ type: "string", format: "time" }), data: { q: "x" }, want: "Enter a valid time." },
    { given: "a bad email", schema: query({ type: "string", format: "email" }), data: { q: "x" }, want: "Enter a valid email address." },
    { given: "too large", schema: query({ type: "integer", maximum: 100 }), data: { q: 101 }, want: "Ensure this value is less than or equal to 100." },
    { given: "too small", schema: query({ type: "integer", minimum: 1 }), data: { q: 0 }, want: "Ensure this value is greater than or equal to 1." },
    { given: "too long", schema: query({ type: "string", maxLength: 3 }), data: { q: "abcd" }, want: "Ensure this value has at most 3 characters (it has 4)." },
    { given: "a pattern mismatch", schema: query({ type: "string", pattern: "^a$" }), data: { q: "b" }, want: "Enter a valid value." },
  ])("$given → $want", ({ schema, data, want }) => {
    expect(formBody(schema, data)).toEqual({ q: [want] });
  });

  it("a format ajv knows but the form table does not name: Enter a valid value.", () => {
    const errors = [{ keyword: "format", instancePath: "/q", schemaPath: "", params: { format: "hostname" }, data: "x" }];
    expect(toFieldErrors(errors, { form: true })).toEqual({ q: ["Enter a valid value."] });
  });
});
