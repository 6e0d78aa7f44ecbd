import { describe, expect, it } from "vitest";
import { toJsonSchema, type SchemaDirection } from "@ultravox-api/client/json-schema";

const REF = "#/definitions/";

describe("toJsonSchema: OpenAPI 3.0 Schema Object → JSON Schema draft-07, per direction", () => {
  const twilio = {
    type: "object",
    properties: {
      accountSid: { type: "string" },
      authToken: { type: "string", writeOnly: true },
      authTokenPrefix: { allOf: [{ $ref: "#/components/schemas/TokenPrefix" }], readOnly: true },
    },
    required: ["accountSid", "authToken", "authTokenPrefix"],
  };
  const cases: { name: string; given: unknown; direction: SchemaDirection; want: unknown }[] = [
    {
      name: "a response drops writeOnly properties and their required entries, keeps readOnly ones",
      given: twilio,
      direction: "response",
      want: {
        type: "object",
        properties: { accountSid: { type: "string" }, authTokenPrefix: { allOf: [{ $ref: `${REF}TokenPrefix` }] } },
        required: ["accountSid", "authTokenPrefix"],
      },
    },
    {
      name: "a request drops readOnly properties and their required entries, keeps writeOnly ones",
      given: twilio,
      direction: "request",
      want: { type: "object", properties: { accountSid: { type: "string" }, authToken: { type: "string" } }, required: ["accountSid", "authToken"] },
    },
    { name: "nullable with a type: the type and null", given: { type: "string", nullable: true }, direction: "response", want: { type: ["string", "null"] } },
    {
      name: "nullable enum: null joins the enum",
      given: { type: "string", enum: ["a", "b"], nullable: true },
      direction: "response",
      want: { type: ["string", "null"], enum: ["a", "b", null] },
    },
    {
      name: "nullable enum that lists null already: listed once",
      given: { type: "string", enum: ["a", null], nullable: true },
      direction: "request",
      want: { type: ["string", "null"], enum: ["a", null] },
    },
    {
      name: "nullable without a type: anyOf with null",
      given: { allOf: [{ $ref: "#/components/schemas/Medium" }], nullable: true },
      direction: "request",
      want: { anyOf: [{ allOf: [{ $ref: `${REF}Medium` }] }, { type: "null" }] },
    },
    { name: "nullable: false is only dropped", given: { type: "integer", nullable: false }, direction: "response", want: { type: "integer" } },
    {
      name: "OpenAPI-only keywords and x- extensions go, JSON Schema ones stay",
      given: {
        type: "string",
        format: "uuid",
        example: "x",
        deprecated: true,
        discriminator: { propertyName: "kind" },
        xml: { name: "x" },
        externalDocs: { url: "https://example.com" },
        "x-internal": true,
        description: "kept",
        maxLength: 36,
      },
      direction: "response",
      want: { type: "string", format: "uuid", description: "kept", maxLength: 36 },
    },
    { name: "a $ref elsewhere than the components is kept", given: { $ref: "https://example.com/s.json" }, direction: "response", want: { $ref: "https://example.com/s.json" } },
    {
      name: "items, additionalProperties, not, anyOf and oneOf are converted too",
      given: {
        type: "object",
        additionalProperties: { type: "string", nullable: true },
        properties: {
          list: { type: "array", items: { type: "object", properties: { secret: { type: "string", writeOnly: true } }, required: ["secret"] } },
          either: { oneOf: [{ $ref: "#/components/schemas/A" }, { anyOf: [{ type: "number", nullable: true }] }] },
          notNull: { not: { type: "null", example: null } },
        },
      },
      direction: "response",
      want: {
        type: "object",
        additionalProperties: { type: ["string", "null"] },
        properties: {
          list: { type: "array", items: { type: "object", properties: {}, required: [] } },
          either: { oneOf: [{ $ref: `${REF}A` }, { anyOf: [{ type: ["number", "null"] }] }] },
          notNull: { not: { type: "null" } },
        },
      },
    },
    { name: "additionalProperties: true stays a boolean", given: { type: "object", additionalProperties: true }, direction: "request", want: { type: "object", additionalProperties: true } },
    { name: "a value that is not an object is returned as it is", given: true, direction: "request", want: true },
  ];

  it.each(cases)("$name", ({ given, direction, want }) => {
    expect(toJsonSchema(given, direction, REF)).toEqual(want);
  });

  it("leaves its input unchanged", () => {
    const given = structuredClone(twilio);
    toJsonSchema(given, "response", REF);
    toJsonSchema(given, "request", REF);
    expect(given).toEqual(twilio);
  });
});
