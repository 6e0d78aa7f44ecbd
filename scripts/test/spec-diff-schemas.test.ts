import { describe, expect, it } from "vitest";
import { diffLines, worst } from "./helpers/diff-table.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: "string" };
const obj = (properties: Record<string, unknown>, required?: string[]) => ({ type: "object", properties, ...(required ? { required } : {}) });

/** `POST /api/x` sends `request` as its body; `GET /api/x` answers 200 with `response`. */
function spec(request: unknown, response: unknown, schemas: Record<string, unknown> = {}) {
  return {
    openapi: "3.0.3",
    info: { title: "Schemas", version: "1" },
    paths: {
      "/api/x": {
        get: { operationId: "x_list", responses: { "200": { description: "", content: { "application/json": { schema: response } } } } },
        post: { operationId: "x_create", requestBody: { required: true, content: { "application/json": { schema: request } } }, responses: { "204": { description: "" } } },
      },
    },
    components: { schemas },
  };
}

const REQ = "POST /api/x body";
const RES = "GET /api/x 200";

interface Row {
  readonly name: string;
  readonly old: unknown;
  readonly new: unknown;
  /** Components both sides share, unless `newSchemas` says otherwise for the new one. */
  readonly schemas?: Record<string, unknown>;
  readonly newSchemas?: Record<string, unknown>;
  /** The changes when the schema is a request body, then when it is a response; `W` stands for where it is. */
  readonly request: string[];
  readonly response: string[];
}

const rows: Row[] = [
  // constraints: tighter in a request is runtime-breaking; looser, or in a response, docs
  ...(
    [
      ["maxLength", { maxLength: 5 }, { maxLength: 4 }, "maxLength 5 → 4"],
      ["maxItems", { maxItems: 5 }, { maxItems: 4 }, "maxItems 5 → 4"],
      ["maxProperties", { maxProperties: 5 }, { maxProperties: 4 }, "maxProperties 5 → 4"],
      ["maximum", { maximum: 5 }, { maximum: 4 }, "maximum 5 → 4"],
      ["minLength", { minLength: 1 }, { minLength: 2 }, "minLength 1 → 2"],
      ["minItems", { minItems: 1 }, { minItems: 2 }, "minItems 1 → 2"],
      ["minProperties", { minProperties: 1 }, { minProperties: 2 }, "minProperties 1 → 2"],
      ["minimum", { minimum: 1 }, { minimum: 2 }, "minimum 1 → 2"],
      ["exclusiveMaximum (3.1 number)", { exclusiveMaximum: 5 }, { exclusiveMaximum: 4 }, "exclusiveMaximum 5 → 4"],
      ["exclusiveMinimum (3.1 number)", { exclusiveMinimum: 1 }, { exclusiveMinimum: 2 }, "exclusiveMinimum 1 → 2"],
      ["exclusiveMaximum (3.0 boolean set)", { maximum: 5, exclusiveMaximum: false }, { maximum: 5, exclusiveMaximum: true }, "exclusiveMaximum false → true"],
      ["exclusiveMinimum (3.0 boolean set)", { minimum: 1 }, { minimum: 1, exclusiveMinimum: true }, "exclusiveMinimum true"],
      ["exclusiveMaximum true → a number", { exclusiveMaximum: true }, { exclusiveMaximum: 5 }, "exclusiveMaximum true → 5"],
      ["exclusiveMinimum true → a number", { exclusiveMinimum: true }, { exclusiveMinimum: 1 }, "exclusiveMinimum true → 1"],
      ["new maximum", {}, { maximum: 9 }, "maximum 9"],
      ["new minimum", {}, { minimum: 0 }, "minimum 0"],
      ["multipleOf to a multiple", { multipleOf: 2 }, { multipleOf: 6 }, "multipleOf 2 → 6"],
      ["new multipleOf", {}, { multipleOf: 2 }, "multipleOf 2"],
      ["uniqueItems", { uniqueItems: false }, { uniqueItems: true }, "unique items only"],
      ["pattern", { pattern: "^a" }, { pattern: "^ab" }, 'pattern "^a" → "^ab"'],
      ["format", {}, { format: "email" }, 'format "email"'],
    ] as const
  ).map(([key, a, b, text]): Row => ({
    name: `tighter ${key}`,
    old: { type: "string", ...a },
    new: { type: "string", ...b },
    request: [`runtime-breaking \`W\`: the server now refuses more values (${text})`],
    response: [`docs \`W\`: constraints changed (${key.replace(/^new | .*$/g, "")})`],
  })),
  ...(
    [
      ["maxLength", { maxLength: 4 }, { maxLength: 5 }],
      ["maximum", { maximum: 4 }, {}],
      ["minimum", { minimum: 2 }, { minimum: 1 }],
      ["minItems", { minItems: 2 }, { minItems: 1 }],
      ["exclusiveMaximum", { exclusiveMaximum: true }, { exclusiveMaximum: false }],
      ["exclusiveMinimum", { exclusiveMinimum: 2 }, { exclusiveMinimum: 1 }],
      ["exclusiveMaximum", { exclusiveMaximum: 4 }, { exclusiveMaximum: 5 }],
      ["multipleOf", { multipleOf: 6 }, { multipleOf: 2 }],
      ["multipleOf", { multipleOf: 2 }, { multipleOf: 3 }],
      ["uniqueItems", { uniqueItems: true }, {}],
      ["uniqueItems", { uniqueItems: true }, { uniqueItems: false }],
      ["default", {}, { default: "x" }],
      ["pattern", { pattern: "^a" }, {}],
    ] as const
  ).map(([key, a, b]): Row => ({
    name: `looser or no limit: ${key} ${JSON.stringify(a)} → ${JSON.stringify(b)}`,
    old: { type: "string", ...a },
    new: { type: "string", ...b },
    request: [`docs \`W\`: constraints changed (${key})`],
    response: [`docs \`W\`: constraints changed (${key})`],
  })),
  {
    name: "tighter and looser at once: each said once, in name order",
    old: { type: "string", maxLength: 9, minLength: 1, pattern: "a", default: "a" },
    new: { type: "string", maxLength: 8, minLength: 0, pattern: "b", default: "b", format: "uuid" },
    request: [
      'runtime-breaking `W`: the server now refuses more values (format "uuid", maxLength 9 → 8, pattern "a" → "b")',
      "docs `W`: constraints changed (default, minLength)",
    ],
    response: ["docs `W`: constraints changed (default, format, maxLength, minLength, pattern)"],
  },
  {
    name: "number → integer: integers only",
    old: { type: "number" },
    new: { type: "integer" },
    request: ["runtime-breaking `W`: the server now refuses more values (integers only)"],
    response: ["docs `W`: constraints changed (integer)"],
  },
  {
    name: "retyped and limited at once: the limit still counts",
    old: { type: "string" },
    new: { type: "integer", maximum: 5 },
    request: ["breaking `W`: type `string` → `number`", "runtime-breaking `W`: the server now refuses more values (maximum 5)", "docs `W`: constraints changed (integer)"],
    response: ["breaking `W`: type `string` → `number`", "docs `W`: constraints changed (integer, maximum)"],
  },
  {
    name: "integer → number loosens",
    old: { type: "integer" },
    new: { type: "number" },
    request: ["docs `W`: constraints changed (integer)"],
    response: ["docs `W`: constraints changed (integer)"],
  },
  // types
  {
    name: "string → any",
    old: { type: "string" },
    new: {},
    request: ["additive `W`: type `string` → `any`"],
    response: ["breaking `W`: type `string` → `any`"],
  },
  {
    name: "any → string",
    old: {},
    new: { type: "string" },
    request: ["breaking `W`: type `any` → `string`"],
    response: ["additive `W`: type `any` → `string`"],
  },
  {
    name: "string → string | number",
    old: { type: "string" },
    new: { type: ["string", "number"] },
    request: ["additive `W`: type `string` → `number | string`"],
    response: ["breaking `W`: type `string` → `number | string`"],
  },
  {
    name: "string | boolean → string",
    old: { type: ["string", "boolean"] },
    new: { type: "string" },
    request: ["breaking `W`: type `boolean | string` → `string`"],
    response: ["additive `W`: type `boolean | string` → `string`"],
  },
  {
    name: "string → boolean (both wider and narrower)",
    old: { type: "string" },
    new: { type: "boolean" },
    request: ["breaking `W`: type `string` → `boolean`"],
    response: ["breaking `W`: type `string` → `boolean`"],
  },
  {
    name: "null-only → string",
    old: { type: "null", enum: [null] },
    new: { type: "string", nullable: true },
    request: ["additive `W`: type `null` → `string`", "additive `W`: no longer limited to a set of values"],
    response: ["breaking `W`: type `null` → `string`", "breaking `W`: no longer limited to a set of values"],
  },
  // nullability
  {
    name: "made nullable",
    old: { type: "string" },
    new: { type: "string", nullable: true },
    request: ["additive `W`: now accepts null"],
    response: ["breaking `W`: now nullable"],
  },
  {
    name: "no longer nullable",
    old: { type: "string", nullable: true },
    new: { type: "string" },
    request: ["breaking `W`: no longer accepts null"],
    response: ["additive `W`: no longer null"],
  },
  // enums
  {
    name: "newly limited to an enum (numbers and strings)",
    old: {},
    new: { enum: [2, "a", 1] },
    request: ["breaking `W`: now limited to `a`, `1`, `2`", "breaking `W`: type `any` → `number | string`"],
    response: ["additive `W`: now limited to `a`, `1`, `2`", "additive `W`: type `any` → `number | string`"],
  },
  {
    name: "enum dropped",
    old: { type: "string", enum: ["a"] },
    new: { type: "string" },
    request: ["additive `W`: no longer limited to a set of values"],
    response: ["breaking `W`: no longer limited to a set of values"],
  },
  {
    name: "enum values added and removed",
    old: { type: "string", enum: ["a", "b"] },
    new: { type: "string", enum: ["b", "c", "d"] },
    request: ["additive `W`: new value `c`", "additive `W`: new value `d`", "breaking `W`: removed value `a`"],
    response: ["additive `W`: new value `c`", "additive `W`: new value `d`", "breaking `W`: removed value `a`"],
  },
  // properties
  {
    name: "property made required",
    old: obj({ a: str }),
    new: obj({ a: str }, ["a"]),
    request: ["breaking `W.a`: now required"],
    response: ["additive `W.a`: now required"],
  },
  {
    name: "property made optional",
    old: obj({ a: str }, ["a"]),
    new: obj({ a: str }),
    request: ["additive `W.a`: now optional"],
    response: ["breaking `W.a`: now optional"],
  },
  {
    name: "property added, optional",
    old: obj({ a: str }),
    new: obj({ a: str, b: str }),
    request: ["additive `W.b`: new optional property"],
    response: ["additive `W.b`: new property"],
  },
  {
    name: "property added, required",
    old: obj({ a: str }),
    new: obj({ a: str, b: str }, ["b"]),
    request: ["breaking `W.b`: new required property"],
    response: ["additive `W.b`: new property"],
  },
  {
    name: "property removed",
    old: obj({ a: str, b: str }),
    new: obj({ a: str }),
    request: ["breaking `W.b`: no longer accepted"],
    response: ["breaking `W.b`: removed"],
  },
  {
    name: "a readOnly property exists only in responses, a writeOnly one only in requests",
    old: obj({ a: str }),
    new: obj({ a: str, ro: { type: "string", readOnly: true }, wo: { type: "string", writeOnly: true } }),
    request: ["additive `W.wo`: new optional property"],
    response: ["additive `W.ro`: new property"],
  },
  {
    name: "a nested property's change is reported at its path",
    old: obj({ a: obj({ b: { type: "string" } }) }),
    new: obj({ a: obj({ b: { type: "string", description: "B." } }) }),
    request: ["docs `W.a.b`: documentation changed"],
    response: ["docs `W.a.b`: documentation changed"],
  },
  // extra keys, items
  {
    name: "extra keys allowed",
    old: { type: "object" },
    new: { type: "object", additionalProperties: true },
    request: ["additive `W`: now allows extra keys"],
    response: ["additive `W`: now allows extra keys"],
  },
  {
    name: "extra keys no longer allowed",
    old: { type: "object", additionalProperties: { type: "string" } },
    new: { type: "object", additionalProperties: false },
    request: ["breaking `W`: no longer allows extra keys"],
    response: ["breaking `W`: no longer allows extra keys"],
  },
  {
    name: "extra keys retyped",
    old: { type: "object", additionalProperties: { type: "string" } },
    new: { type: "object", additionalProperties: { type: "string", nullable: true } },
    request: ["additive `W[key]`: now accepts null"],
    response: ["breaking `W[key]`: now nullable"],
  },
  {
    name: "array items made nullable",
    old: { type: "array", items: { type: "string" } },
    new: { type: "array", items: { type: "string", nullable: true } },
    request: ["additive `W[]`: now accepts null"],
    response: ["breaking `W[]`: now nullable"],
  },
  {
    name: "array items dropped (any items)",
    old: { type: "array", items: { type: "string" } },
    new: { type: "array" },
    request: ["additive `W[]`: type `string` → `any`"],
    response: ["breaking `W[]`: type `string` → `any`"],
  },
  // unions
  {
    name: "an unnamed branch changed inside the union",
    old: { oneOf: [{ type: "string" }, { type: "number" }] },
    new: { oneOf: [{ type: "string", maxLength: 3 }, { type: "number" }] },
    request: ["runtime-breaking `W<#0>`: the server now refuses more values (maxLength 3)"],
    response: ["docs `W<#0>`: constraints changed (maxLength)"],
  },
  {
    name: "a branch of a union kept as a union made nullable and documented",
    old: { oneOf: [{ type: "string" }, { type: "number" }] },
    new: { oneOf: [{ type: "string", nullable: true, description: "S." }, { type: "number" }] },
    request: ["additive `W<#0>`: now accepts null", "docs `W<#0>`: documentation changed"],
    response: ["breaking `W<#0>`: now nullable", "docs `W<#0>`: documentation changed"],
  },
  {
    name: "a union gained a branch",
    old: { oneOf: [{ type: "string" }, { type: "number" }] },
    new: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] },
    request: ["additive `W`: new variant `#2`"],
    response: ["additive `W`: new variant `#2`"],
  },
  {
    name: "a union lost a named branch",
    schemas: { A: obj({ a: str }), B: obj({ b: str }), C: obj({ c: str }) },
    old: { oneOf: [ref("A"), ref("B"), ref("C")] },
    new: { oneOf: [ref("A"), ref("C")] },
    request: ["breaking `W`: removed variant `B`"],
    response: ["breaking `W`: removed variant `B`"],
  },
  {
    name: "a plain schema became a union",
    old: { type: "string" },
    new: { oneOf: [{ type: "string" }, { type: "number" }] },
    request: ["additive `W`: new variant `#1`"],
    response: ["additive `W`: new variant `#1`"],
  },
  {
    name: "a union became its first branch, changed",
    old: { oneOf: [{ type: "string" }, { type: "number" }] },
    new: { type: "string", nullable: true },
    request: ["additive `W`: now accepts null", "breaking `W`: removed variant `#1`"],
    response: ["breaking `W`: now nullable", "breaking `W`: removed variant `#1`"],
  },
  {
    name: "a union replaced by its first branch with the union's docs: only the lost branch",
    old: { oneOf: [{ type: "string", maxLength: 3 }, { type: "number" }], description: "D." },
    new: { type: "string", maxLength: 3, description: "D." },
    request: ["breaking `W`: removed variant `#1`"],
    response: ["breaking `W`: removed variant `#1`"],
  },
  {
    name: "a union replaced by its first branch, tightened: said of the branch",
    old: { oneOf: [{ type: "string", maxLength: 5 }, { type: "number" }] },
    new: { type: "string", maxLength: 3, description: "D." },
    request: ["runtime-breaking `W<#0>`: the server now refuses more values (maxLength 5 → 3)", "docs `W`: documentation changed", "breaking `W`: removed variant `#1`"],
    response: ["docs `W<#0>`: constraints changed (maxLength)", "docs `W`: documentation changed", "breaking `W`: removed variant `#1`"],
  },
  {
    name: "a plain schema became a union that is nullable",
    old: { type: "string", description: "D." },
    new: { oneOf: [{ type: "string" }, { type: "number" }, { type: "null" }], description: "D." },
    request: ["additive `W`: new variant `#1`", "additive `W`: now accepts null"],
    response: ["additive `W`: new variant `#1`", "breaking `W`: now nullable"],
  },
  // named types
  {
    name: "a property now typed by another component of the same shape",
    schemas: { A: obj({ a: str }) },
    newSchemas: { A: obj({ a: str }), B: obj({ a: str }) },
    old: obj({ p: ref("A") }),
    new: obj({ p: ref("B") }),
    request: ["additive `B`: new schema", "none `W.p`: now typed as `B` (was `A`)"],
    response: ["additive `B`: new schema", "none `W.p`: now typed as `B` (was `A`)"],
  },
  {
    name: "a property now typed by another component of another shape",
    schemas: { A: obj({ a: str }), B: obj({ b: str }) },
    old: obj({ p: ref("A") }),
    new: obj({ p: ref("B") }),
    request: ["breaking `W.p.a`: no longer accepted", "additive `W.p.b`: new optional property", "none `W.p`: now typed as `B` (was `A`)"],
    response: ["breaking `W.p.a`: removed", "additive `W.p.b`: new property", "none `W.p`: now typed as `B` (was `A`)"],
  },
  {
    name: "recursive components compared under another name stop where they recur",
    schemas: { A: obj({ self: ref("A"), x: str }), B: obj({ self: ref("B"), y: str }) },
    old: obj({ p: ref("A") }),
    new: obj({ p: ref("B") }),
    request: ["breaking `W.p.x`: no longer accepted", "additive `W.p.y`: new optional property", "none `W.p`: now typed as `B` (was `A`)"],
    response: ["breaking `W.p.x`: removed", "additive `W.p.y`: new property", "none `W.p`: now typed as `B` (was `A`)"],
  },
  {
    name: "a change inside a component is reported once, under the component",
    schemas: { A: obj({ a: str }) },
    newSchemas: { A: obj({ a: str, b: str }) },
    old: obj({ p: ref("A"), q: ref("A") }),
    new: obj({ p: ref("A"), q: ref("A") }),
    request: ["additive `A.b`: new optional property"],
    response: ["additive `A.b`: new property"],
  },
  {
    name: "a nullable reference made plain keeps comparing the component's docs where it is used",
    schemas: { A: obj({ a: str }) },
    old: obj({ p: { allOf: [ref("A")], nullable: true, description: "P." } }),
    new: obj({ p: { ...ref("A"), description: "P!" } }),
    request: ["breaking `W.p`: no longer accepts null", "docs `W.p`: documentation changed"],
    response: ["additive `W.p`: no longer null", "docs `W.p`: documentation changed"],
  },
];

const other = { type: "boolean" };

describe("spec:diff schema comparison, as a request body and as a response", () => {
  const cases = rows.flatMap((row) => [
    { ...row, dir: "request" as const, want: row.request.map((l) => l.replace("`W", `\`${REQ}`)) },
    { ...row, dir: "response" as const, want: row.response.map((l) => l.replace("`W", `\`${RES}`)) },
  ]);
  // Plain titles (not it.each's quoted, truncated ones): Stryker selects the tests covering a mutant by title.
  for (const { name, dir, schemas = {}, newSchemas, old, new: next, want } of cases) it(`${name} (${dir})`, () => {
    const before = dir === "request" ? spec(old, other, schemas) : spec(other, old, schemas);
    const after = dir === "request" ? spec(next, other, newSchemas ?? schemas) : spec(other, next, newSchemas ?? schemas);
    const { diff, lines } = diffLines(before, after);
    expect(lines).toEqual([...want].sort());
    expect(diff.class).toBe(worst(want));
  });

  it("flags a response union or enum that grew, never a request one", () => {
    const grow = [
      [{ type: "string", enum: ["a"] }, { type: "string", enum: ["a", "b"] }],
      [{ oneOf: [{ type: "string" }, { type: "number" }] }, { oneOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] }],
    ] as const;
    for (const [a, b] of grow) {
      expect(diffLines(spec(other, a), spec(other, b)).diff.flags).toEqual(["response-enum-growth"]);
      expect(diffLines(spec(a, other), spec(b, other)).diff.flags).toEqual([]);
    }
  });
});
