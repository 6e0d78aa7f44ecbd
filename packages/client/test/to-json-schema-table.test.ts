import { describe, expect, it } from "vitest";
import { toJsonSchema } from "@ultravox-api/client/json-schema";

// OpenAPI 3.0 Schema Objects as JSON Schema (draft-07), as a request or a response sees them.
const BASE = "#/definitions/";

describe("toJsonSchema", () => {
  it.each([
    { given: "a non-object", schema: "x", direction: "request", want: "x" },
    { given: "null", schema: null, direction: "request", want: null },
    { given: "an array", schema: [1], direction: "request", want: [1] },
    { given: "a component $ref", schema: { $ref: "#/components/schemas/Call" }, direction: "request", want: { $ref: "#/definitions/Call" } },
    { given: "another $ref, kept", schema: { $ref: "other.json#/X" }, direction: "request", want: { $ref: "other.json#/X" } },
    { given: "a $ref that is not a string, kept", schema: { $ref: 5 }, direction: "request", want: { $ref: 5 } },
    { given: "OpenAPI-only keywords dropped", schema: { type: "string", readOnly: false, writeOnly: false, example: "e", discriminator: {}, xml: {}, externalDocs: {}, deprecated: true, nullable: false }, direction: "response", want: { type: "string" } },
    { given: "x- extensions dropped", schema: { type: "string", "x-internal": true, format: "uuid" }, direction: "request", want: { type: "string", format: "uuid" } },
    { given: "nullable with a type", schema: { type: "string", nullable: true }, direction: "request", want: { type: ["string", "null"] } },
    { given: "nullable with an enum: null joins it", schema: { type: "string", enum: ["a"], nullable: true }, direction: "request", want: { type: ["string", "null"], enum: ["a", null] } },
    { given: "nullable with an enum that has null", schema: { type: "string", enum: ["a", null], nullable: true }, direction: "request", want: { type: ["string", "null"], enum: ["a", null] } },
    { given: "nullable without a type", schema: { $ref: "#/components/schemas/Call", nullable: true }, direction: "request", want: { anyOf: [{ $ref: "#/definitions/Call" }, { type: "null" }] } },
    { given: "nullable with a type list", schema: { type: ["string"], nullable: true }, direction: "request", want: { anyOf: [{ type: ["string"] }, { type: "null" }] } },
    {
      given: "a request: readOnly properties and their required entries dropped",
      schema: { type: "object", required: ["id", "name", 7], properties: { id: { type: "string", readOnly: true }, name: { type: "string" }, secret: { type: "string", writeOnly: true } } },
      direction: "request",
      want: { type: "object", required: ["name", 7], properties: { name: { type: "string" }, secret: { type: "string" } } },
    },
    {
      given: "a response: writeOnly properties dropped",
      schema: { type: "object", required: ["id", "secret"], properties: { id: { type: "string", readOnly: true }, secret: { type: "string", writeOnly: true } } },
      direction: "response",
      want: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
    },
    { given: "required kept whole when nothing is dropped", schema: { type: "object", required: ["a"], properties: { a: { type: "string" } } }, direction: "request", want: { type: "object", required: ["a"], properties: { a: { type: "string" } } } },
    { given: "a property that is not an object, kept", schema: { properties: { a: true } }, direction: "request", want: { properties: { a: true } } },
    { given: "properties that are not an object, kept", schema: { properties: [1] }, direction: "request", want: { properties: [1] } },
    {
      given: "subschemas converted",
      schema: {
        items: { type: "string", nullable: true },
        additionalProperties: { $ref: "#/components/schemas/A" },
        not: { type: "integer", "x-a": 1 },
        allOf: [{ $ref: "#/components/schemas/B" }],
        anyOf: [{ type: "string", nullable: true }],
        oneOf: [{ readOnly: true, type: "number" }],
      },
      direction: "request",
      want: {
        items: { type: ["string", "null"] },
        additionalProperties: { $ref: "#/definitions/A" },
        not: { type: "integer" },
        allOf: [{ $ref: "#/definitions/B" }],
        anyOf: [{ type: ["string", "null"] }],
        oneOf: [{ type: "number" }],
      },
    },
    { given: "additionalProperties: true kept", schema: { additionalProperties: true, items: [{ type: "string", nullable: true }], allOf: { a: 1 } }, direction: "request", want: { additionalProperties: true, items: [{ type: "string", nullable: true }], allOf: { a: 1 } } },
    { given: "a string that looks like a component $ref under another keyword, kept", schema: { description: "#/components/schemas/Call", enum: [{ nullable: true, "x-y": 1 }] }, direction: "request", want: { description: "#/components/schemas/Call", enum: [{ nullable: true, "x-y": 1 }] } },
    { given: "a dropped property without a required list", schema: { properties: { id: { readOnly: true }, a: {} } }, direction: "request", want: { properties: { a: {} } } },
    { given: "other keywords kept as they are", schema: { default: { nullable: true }, const: { readOnly: true } }, direction: "request", want: { default: { nullable: true }, const: { readOnly: true } } },
  ] as const)("$given", ({ schema, direction, want }) => {
    const input = structuredClone(schema) as unknown;
    expect(toJsonSchema(input, direction, BASE)).toEqual(want);
    expect(input).toEqual(schema);
  });
});
