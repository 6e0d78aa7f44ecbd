import { describe, expect, it } from "vitest";
import { canonicalJson } from "../src/internal/canonical-json.js";
import { ShapeCache, type Shape } from "../src/internal/schema-shape.js";
import { SpecError } from "../src/spec-error.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Components the rows' schemas may `$ref`. */
const doc = {
  components: {
    schemas: {
      Owner: { type: "object", required: ["ownerName"], properties: { ownerName: { type: "string" } } },
      Pet: { type: "object", properties: { petName: { type: "string" } } },
      MaybeOwner: { type: "object", nullable: true, properties: { ownerName: { type: "string" } } },
      Limited: { type: "string", maxLength: 3 },
      NullEnum: { enum: [null] },
      Loop: ref("Loop2"),
      Loop2: ref("Loop"),
    },
  },
};

/** A shape as plain data: sets sorted, raw children as canonical JSON. */
function view(s: Shape) {
  return {
    name: s.name,
    nullable: s.nullable,
    types: s.types === undefined ? undefined : [...s.types].sort(),
    enumValues: s.enumValues,
    properties: [...s.properties.keys()].sort(),
    required: [...s.required].sort(),
    additional: s.additional === undefined ? undefined : canonicalJson(s.additional),
    items: s.items === undefined ? undefined : canonicalJson(s.items),
    variants: s.variants?.map((v) => canonicalJson(v)),
    nullOnly: s.nullOnly,
    readOnly: s.readOnly,
    writeOnly: s.writeOnly,
    docs: s.docs,
    constraints: s.constraints,
  };
}

type View = ReturnType<typeof view>;

/** What an unconstrained schema (`{}`, `true`) means: any value. */
const any: View = {
  name: undefined,
  nullable: false,
  types: undefined,
  enumValues: undefined,
  properties: [],
  required: [],
  additional: undefined,
  items: undefined,
  variants: undefined,
  nullOnly: false,
  readOnly: false,
  writeOnly: false,
  docs: "{}",
  constraints: "{}",
};

const owner: Partial<View> = { name: "Owner", types: ["object"], properties: ["ownerName"], required: ["ownerName"] };

const rows: { name: string; given: unknown; want: Partial<View> }[] = [
  { name: "true (any value)", given: true, want: {} },
  { name: "{} (any value)", given: {}, want: {} },
  { name: "a string", given: { type: "string" }, want: { types: ["string"] } },
  { name: "an integer is a number that must be whole", given: { type: "integer" }, want: { types: ["number"], constraints: '{"integer":true}' } },
  { name: "3.1 type list with null", given: { type: ["string", "null"] }, want: { types: ["string"], nullable: true } },
  { name: "3.0 nullable", given: { type: "string", nullable: true }, want: { types: ["string"], nullable: true } },
  { name: "nullable: false is not nullable", given: { type: "string", nullable: false }, want: { types: ["string"] } },
  { name: "non-string entries of a type list are ignored", given: { type: ["integer", 7] }, want: { types: ["number"], constraints: '{"integer":true}' } },
  { name: "a bare type null is 3.0's bare nullable (any or null)", given: { type: "null" }, want: { nullable: true, nullOnly: true } },
  { name: "type null with an enum is the null type itself", given: { type: "null", enum: [null] }, want: { nullable: true, types: [], enumValues: [] } },
  ...(["const", "properties", "items", "additionalProperties"] as const).map((key) => ({
    name: `type null with ${key} stays typed null`,
    given: { type: "null", [key]: key === "properties" ? {} : key === "const" ? null : true },
    want: {
      nullable: true,
      types: [],
      ...(key === "const" ? { enumValues: [] } : {}),
      ...(key === "items" ? { items: "true" } : {}),
      ...(key === "additionalProperties" ? { additional: "true" } : {}),
    },
  })),
  { name: "type null beside allOf is a nullable reference", given: { type: "null", allOf: [ref("Owner")] }, want: { ...owner, nullable: true } },
  { name: "enum with null, typed by its values", given: { enum: ["b", null, "a"] }, want: { nullable: true, types: ["string"], enumValues: ['"a"', '"b"'] } },
  { name: "an enum of mixed values", given: { enum: [1, true, [1], { a: 1 }, "x"] }, want: { types: ["array", "boolean", "number", "object", "string"], enumValues: ['"x"', "1", "[1]", "true", '{"a":1}'] } },
  { name: "an enum's own type wins", given: { type: "string", enum: [1] }, want: { types: ["string"], enumValues: ["1"] } },
  { name: "const", given: { const: 3 }, want: { types: ["number"], enumValues: ["3"] } },
  { name: "const null", given: { const: null }, want: { nullable: true, types: [], enumValues: [] } },
  {
    name: "properties make an object; non-string required entries are ignored",
    given: { properties: { a: { type: "string" } }, required: ["a", 5] },
    want: { types: ["object"], properties: ["a"], required: ["a"] },
  },
  { name: "additionalProperties false allows no extra keys", given: { type: "object", additionalProperties: false }, want: { types: ["object"] } },
  { name: "additionalProperties schema makes an object", given: { additionalProperties: { type: "string" } }, want: { types: ["object"], additional: '{"type":"string"}' } },
  { name: "items make an array", given: { items: { type: "string" } }, want: { types: ["array"], items: '{"type":"string"}' } },
  { name: "an explicit type wins over implicit ones", given: { type: "string", items: { type: "string" } }, want: { types: ["string"], items: '{"type":"string"}' } },
  { name: "a $ref stands for its component, with its own docs", given: { ...ref("Owner"), description: "The owner." }, want: { ...owner, docs: '{"description":"The owner."}' } },
  { name: "nullable beside a $ref", given: { ...ref("Owner"), nullable: true }, want: { ...owner, nullable: true } },
  { name: "a $ref to a nullable component", given: ref("MaybeOwner"), want: { name: "MaybeOwner", types: ["object"], properties: ["ownerName"], nullable: true } },
  { name: "a $ref to a null-only component keeps it", given: ref("NullEnum"), want: { name: "NullEnum", nullable: true, types: [], enumValues: [] } },
  { name: "a union of two", given: { oneOf: [ref("Owner"), ref("Pet")] }, want: { variants: [canonicalJson(ref("Owner")), canonicalJson(ref("Pet"))] } },
  { name: "anyOf is a union too", given: { anyOf: [{ type: "string" }, { type: "number" }] }, want: { variants: ['{"type":"string"}', '{"type":"number"}'] } },
  { name: "a union with a null branch is the other branch, nullable", given: { oneOf: [ref("Owner"), { type: "null" }] }, want: { ...owner, nullable: true } },
  { name: "a null-only enum branch counts as null", given: { anyOf: [{ enum: [null] }, ref("Owner")] }, want: { ...owner, nullable: true } },
  { name: "a $ref to a null-only component counts as null", given: { anyOf: [ref("NullEnum"), ref("Owner")] }, want: { ...owner, nullable: true } },
  { name: "a nullable string is no null branch", given: { oneOf: [{ type: "string", nullable: true }, ref("Owner")] }, want: { variants: ['{"nullable":true,"type":"string"}', canonicalJson(ref("Owner"))] } },
  { name: "a union of two with a null branch stays a union", given: { oneOf: [ref("Owner"), ref("Pet"), { type: "null" }] }, want: { nullable: true, variants: [canonicalJson(ref("Owner")), canonicalJson(ref("Pet"))] } },
  { name: "a union of null branches only is null", given: { oneOf: [{ type: "null" }, { enum: [null] }] }, want: { nullable: true } },
  {
    name: "allOf of two merges them (and is no component)",
    given: { allOf: [ref("Owner"), ref("Pet")] },
    want: { types: ["object"], properties: ["ownerName", "petName"], required: ["ownerName"] },
  },
  {
    name: "a single allOf keeps the component, with the holder's docs and flags",
    given: { allOf: [ref("MaybeOwner")], description: "Held.", readOnly: true },
    want: { name: "MaybeOwner", types: ["object"], properties: ["ownerName"], nullable: true, readOnly: true, docs: '{"description":"Held."}' },
  },
  { name: "a nullable component inside a two-part allOf does not make it nullable", given: { allOf: [ref("MaybeOwner"), ref("Pet")] }, want: { types: ["object"], properties: ["ownerName", "petName"] } },
  { name: "writeOnly from a part", given: { allOf: [{ type: "string", writeOnly: true }, { minLength: 1 }] }, want: { types: ["string"], writeOnly: true, constraints: '{"minLength":1}' } },
  { name: "allOf types intersect", given: { type: ["string", "number"], allOf: [{ type: ["number", "boolean"] }] }, want: { types: ["number"] } },
  { name: "allOf: the holder's type when the part has none", given: { type: "string", allOf: [{ minLength: 1 }, { maxLength: 3 }] }, want: { types: ["string"], constraints: '{"minLength":1}' } },
  { name: "allOf: the part's type when the holder has none", given: { allOf: [{ type: "boolean" }, { description: "x" }] }, want: { types: ["boolean"] } },
  {
    name: "allOf: the holder's enum, properties, required, items, extra keys and union win",
    given: {
      enum: ["h"],
      properties: { p: { type: "string" } },
      required: ["p"],
      items: { type: "string" },
      additionalProperties: { type: "string" },
      oneOf: [ref("Owner"), ref("Pet")],
      allOf: [{ enum: ["part"], properties: { p: { type: "number" }, q: { type: "number" } }, required: ["q"], items: { type: "number" }, additionalProperties: { type: "number" }, oneOf: [{ type: "string" }, { type: "number" }] }],
    },
    want: {
      enumValues: ['"h"'],
      properties: ["p", "q"],
      required: ["p", "q"],
      items: '{"type":"string"}',
      additional: '{"type":"string"}',
      variants: [canonicalJson(ref("Owner")), canonicalJson(ref("Pet"))],
    },
  },
  {
    name: "allOf: the part's enum, items, extra keys and union when the holder has none",
    given: { allOf: [{ enum: ["part"], items: { type: "number" }, additionalProperties: { type: "number" }, anyOf: [{ type: "string" }, { type: "number" }] }, { description: "x" }] },
    want: { enumValues: ['"part"'], items: '{"type":"number"}', additional: '{"type":"number"}', variants: ['{"type":"string"}', '{"type":"number"}'] },
  },
  { name: "the holder's own constraints stay", given: { maxLength: 5, allOf: [{ type: "string", minLength: 1 }] }, want: { types: ["string"], constraints: '{"maxLength":5}' } },
  { name: "a single-$ref allOf keeps the component's constraints to the component", given: { allOf: [ref("Limited")] }, want: { name: "Limited", types: ["string"] } },
  { name: "the holder's docs and constraint keys", given: { type: "number", title: "T", deprecated: true, format: "double", default: 1, multipleOf: 0.5, exclusiveMinimum: 0 }, want: { types: ["number"], docs: '{"deprecated":true,"title":"T"}', constraints: '{"default":1,"exclusiveMinimum":0,"format":"double","multipleOf":0.5}' } },
];

describe("ShapeCache: what a schema means to the generated types", () => {
  // Plain titles (not it.each's quoted, truncated ones): Stryker selects the tests covering a mutant by title.
  for (const { name, given, want } of rows) it(name, () => {
    const cache = new ShapeCache(doc, "shape.json");
    expect(view(cache.shape(given))).toEqual({ ...any, ...want });
  });

  it("refuses a $ref cycle with no schema in it, naming the document", () => {
    const cache = new ShapeCache(doc, "shape.json");
    expect(() => cache.shape(ref("Loop"))).toThrow(SpecError);
    expect(() => cache.shape(ref("Loop"))).toThrow("shape.json: schema nesting through $ref/allOf is too deep (a cycle?)");
  });

  it("follows $ref chains up to 64 deep, and no deeper", () => {
    const schemas: Record<string, unknown> = { S0: { type: "string" } };
    for (let i = 1; i <= 64; i++) schemas[`S${i}`] = ref(`S${i - 1}`);
    const cache = new ShapeCache({ components: { schemas } }, "chain.json");
    expect(view(cache.shape(ref("S63")))).toEqual({ ...any, name: "S63", types: ["string"] });
    expect(() => new ShapeCache({ components: { schemas } }, "chain.json").shape(ref("S64"))).toThrow("chain.json: schema nesting");
  });
});
