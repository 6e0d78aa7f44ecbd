import { describe, expect, it } from "vitest";
import { createAjv } from "../src/spec/create-ajv.js";
import { toFieldErrors } from "../src/spec/drf-errors.js";
import type { JsonObject } from "../src/internal/json.js";

// DRF's error shapes where the schema is reached in less common ways (a one-part allOf around a list,
// a DictField of serializers, a list as the whole body, deep allOf chains), and fields whose only
// error is a composite's (anyOf, oneOf, not) beside other fields' errors.

const ITEM = { $ref: "#/components/schemas/Item" };
const SCHEMAS: JsonObject = {
  Item: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
  Template: { type: "object", properties: { voice: { type: "string" } } },
  ItemList: { type: "array", items: ITEM },
  Extended: { allOf: [{ $ref: "#/components/schemas/Template" }], properties: { inner: { $ref: "#/components/schemas/Template" } } },
  Dangling: { allOf: [{ $ref: "#/components/schemas/Nowhere" }, { type: "object", properties: { a: { type: "string" } } }] },
  // Deep0 → Deep1 → … → Deep8, each a two-part allOf: the fields are eight allOf levels down.
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`Deep${i}`, { allOf: [{ $ref: `#/components/schemas/Deep${i + 1}` }, { type: "object" }] }])),
  Deep8: { type: "object", properties: { leaf: { type: "string" } } },
};

const NOT_A_DICT = (got: string): string => `Invalid data. Expected a dictionary, but got ${got}.`;
const REQUIRED = "This field is required.";
const NOT_A_STRING = "Not a valid string.";

function drfBody(schema: object, data: unknown): unknown {
  const validate = createAjv().compile({ ...schema, components: { schemas: SCHEMAS } });
  expect(validate(data)).toBe(false);
  return toFieldErrors(validate.errors ?? [], { schema, schemas: SCHEMAS, data });
}

const body = (properties: JsonObject, extra: JsonObject = {}): object => ({ type: "object", properties, ...extra });

describe("toFieldErrors: shapes through less common schemas", () => {
  it.each([
    { given: "a missing field beside a wrong type: both reported", schema: body({ name: { type: "string" }, count: { type: "integer" } }, { required: ["name"] }), data: { count: "x" }, want: { name: [REQUIRED], count: ["A valid integer is required."] } },
    { given: "a field that can only be null, given a value: still a message", schema: body({ f: { type: "null" } }), data: { f: 1 }, want: { f: ["Invalid value."] } },
    { given: "nested keys that join alike are distinct fields", schema: body({ a: body({ bc: { type: "string" } }), ab: body({ c: { type: "string" } }) }), data: { a: { bc: 1 }, ab: { c: 1 } }, want: { a: { bc: [NOT_A_STRING] }, ab: { c: [NOT_A_STRING] } } },
    { given: "a one-part allOf around a list of serializers: one entry per item", schema: body({ items: { allOf: [{ $ref: "#/components/schemas/ItemList" }] } }), data: { items: [{ name: "a" }, {}] }, want: { items: [{}, { name: [REQUIRED] }] } },
    { given: "a one-part allOf with fields of its own: its own serializer field", schema: body({ t: { $ref: "#/components/schemas/Extended" } }), data: { t: { inner: "x" } }, want: { t: { inner: { non_field_errors: [NOT_A_DICT("str")] } } } },
    { given: "a DictField of serializers: a value not a dict", schema: body({ m: { type: "object", additionalProperties: { $ref: "#/components/schemas/Template" } } }), data: { m: { k: "x" } }, want: { m: { k: { non_field_errors: [NOT_A_DICT("str")] } } } },
    { given: "a DictField of serializers: a value's field", schema: body({ m: { type: "object", additionalProperties: { $ref: "#/components/schemas/Template" } } }), data: { m: { k: { voice: 1 } } }, want: { m: { k: { voice: [NOT_A_STRING] } } } },
    { given: "fields eight allOf levels down are found", schema: body({ deep: { $ref: "#/components/schemas/Deep0" } }), data: { deep: "x" }, want: { deep: { non_field_errors: [NOT_A_DICT("str")] } } },
  ])("$given", ({ schema, data, want }) => {
    expect(drfBody(schema, data)).toEqual(want);
  });
});

describe("toFieldErrors: a schema part ajv never saw", () => {
  it("an allOf part that refers to nothing is skipped", () => {
    const schema = body({ d: { $ref: "#/components/schemas/Dangling" } });
    const errors = [{ keyword: "type", instancePath: "/d", schemaPath: "", params: { type: "object" }, data: "x" }];
    expect(toFieldErrors(errors, { schema, schemas: SCHEMAS, data: { d: "x" } })).toEqual({ d: { non_field_errors: [NOT_A_DICT("str")] } });
  });
});

describe("toFieldErrors: a list of serializers as the whole body (many=True)", () => {
  const list = { type: "array", maxItems: 1, minItems: 1, items: ITEM };
  it.each([
    { given: "too long, with bad items: the length only", data: [{}, { name: 1 }], want: { non_field_errors: ["Ensure this field has no more than 1 elements."] } },
    { given: "empty", data: [], want: { non_field_errors: ["This list may not be empty."] } },
  ])("$given", ({ data, want }) => {
    expect(drfBody(list, data)).toEqual(want);
  });
});

describe("toFieldErrors: a field whose only error is a composite's, beside another field's error", () => {
  const other = { count: { type: "integer" } };
  it.each([
    { given: "not", field: { not: { type: "string" } }, value: "x" },
    { given: "oneOf matching both branches", field: { oneOf: [{ type: "string" }, { type: "string" }] }, value: "x" },
    { given: "anyOf whose branches fail deeper", field: { anyOf: [{ type: "object", required: ["a"] }, { type: "object", required: ["b"] }] }, value: { c: 1 }, want: { f: { a: [REQUIRED], b: [REQUIRED] } } },
  ])("$given: both fields reported", ({ field, value, want }) => {
    expect(drfBody(body({ f: field, ...other }), { f: value, count: "x" })).toEqual({ ...(want ?? { f: ["Invalid value."] }), count: ["A valid integer is required."] });
  });

  it("a composite's failure under a field that has its own error elsewhere stays silent", () => {
    const schema = body({ f: body({ a: { anyOf: [{ type: "string", maxLength: 1 }, { type: "integer" }] } }) });
    expect(drfBody(schema, { f: { a: "xy" } })).toEqual({ f: { a: ["Ensure this field has no more than 1 characters."] } });
  });
});
