import { describe, expect, it } from "vitest";
import { driftIssues } from "../src/internal/drift-issues.js";
import type { AjvError } from "../src/validate/generated-route.js";

// ajv's errors (verbose) as drift issues: one per place, alternatives joined, values shown log-safe.
const error = (keyword: string, instancePath: string, params: Record<string, unknown> = {}, message?: string): AjvError => ({ keyword, instancePath, schemaPath: "", params, ...(message === undefined ? {} : { message }) });

describe("driftIssues", () => {
  const body = { a: "x", n: 5, list: [1, 2], obj: {}, nul: null, "s/l~": true, long: "y".repeat(100), s78: "z".repeat(78) };
  it.each([
    { given: "a type", errors: [error("type", "/a", { type: "integer" })], want: [{ pointer: "/a", keyword: "type", expected: "type integer", actual: '"x"' }] },
    { given: "a type list", errors: [error("type", "/n", { type: ["string", "null"] })], want: [{ pointer: "/n", keyword: "type", expected: "type string or null", actual: "5" }] },
    { given: "an enum", errors: [error("enum", "/a", { allowedValues: ["b", "c"] })], want: [{ pointer: "/a", keyword: "enum", expected: 'one of ["b","c"]', actual: '"x"' }] },
    { given: "a const", errors: [error("const", "/a", { allowedValue: "b" })], want: [{ pointer: "/a", keyword: "const", expected: '"b"', actual: '"x"' }] },
    { given: "a format", errors: [error("format", "/a", { format: "uuid" })], want: [{ pointer: "/a", keyword: "format", expected: "format uuid", actual: '"x"' }] },
    { given: "ajv's own words otherwise", errors: [error("minLength", "/a", { limit: 2 }, "must NOT have fewer than 2 characters")], want: [{ pointer: "/a", keyword: "minLength", expected: "must NOT have fewer than 2 characters", actual: '"x"' }] },
    { given: "the keyword when ajv has no message", errors: [error("pattern", "/a")], want: [{ pointer: "/a", keyword: "pattern", expected: "pattern", actual: '"x"' }] },
    { given: "a missing property", errors: [error("required", "", { missingProperty: "id" })], want: [{ pointer: "/id", keyword: "required", expected: "present (required)", actual: "missing" }] },
    { given: "an extra property, pointer escaped", errors: [error("additionalProperties", "", { additionalProperty: "s/l~" })], want: [{ pointer: "/s~1l~0", keyword: "additionalProperties", expected: "no such property", actual: "true" }] },
    { given: "a list and an object shown by kind", errors: [error("type", "/list", { type: "object" }), error("type", "/obj", { type: "array" })], want: [{ pointer: "/list", keyword: "type", expected: "type object", actual: "array (2 items)" }, { pointer: "/obj", keyword: "type", expected: "type array", actual: "object" }] },
    { given: "null", errors: [error("type", "/nul", { type: "string" })], want: [{ pointer: "/nul", keyword: "type", expected: "type string", actual: "null" }] },
    { given: "a long value, cut", errors: [error("maxLength", "/long", {}, "too long")], want: [{ pointer: "/long", keyword: "maxLength", expected: "too long", actual: `"${"y".repeat(76)}...` }] },
    { given: "a path that does not exist", errors: [error("type", "/a/b/c", { type: "string" })], want: [{ pointer: "/a/b/c", keyword: "type", expected: "type string", actual: "missing" }] },
    { given: "the whole body", errors: [error("type", "", { type: "array" })], want: [{ pointer: "", keyword: "type", expected: "type array", actual: "object" }] },
    { given: "the same error twice, once", errors: [error("type", "/a", { type: "integer" }), error("type", "/a", { type: "integer" })], want: [{ pointer: "/a", keyword: "type", expected: "type integer", actual: '"x"' }] },
    { given: "two errors at one place, both", errors: [error("type", "/a", { type: "integer" }), error("enum", "/a", { allowedValues: [1] })], want: [{ pointer: "/a", keyword: "type", expected: "type integer", actual: '"x"' }, { pointer: "/a", keyword: "enum", expected: "one of [1]", actual: '"x"' }] },
    {
      given: "a nullable enum's branches: one issue naming both",
      errors: [error("enum", "/a", { allowedValues: ["b"] }), error("type", "/a", { type: "null" }), error("type", "/a", { type: "null" }), error("anyOf", "/a")],
      want: [{ pointer: "/a", keyword: "anyOf", expected: 'one of ["b"] or type null', actual: '"x"' }],
    },
    {
      given: "a nullable oneOf's branches: one issue naming both, keyword oneOf",
      errors: [error("enum", "/a", { allowedValues: ["b"] }), error("type", "/a", { type: "null" }), error("oneOf", "/a")],
      want: [{ pointer: "/a", keyword: "oneOf", expected: 'one of ["b"] or type null', actual: '"x"' }],
    },
    { given: "a path through null", errors: [error("type", "/nul/x", { type: "string" })], want: [{ pointer: "/nul/x", keyword: "type", expected: "type string", actual: "missing" }] },
    { given: "a value of exactly 80 characters as JSON, whole", errors: [error("maxLength", "/s78", {}, "too long")], want: [{ pointer: "/s78", keyword: "maxLength", expected: "too long", actual: `"${"z".repeat(78)}"` }] },
    { given: "a oneOf alone", errors: [error("oneOf", "/a")], want: [{ pointer: "/a", keyword: "oneOf", expected: "exactly one of the oneOf schemas", actual: '"x"' }] },
    { given: "an anyOf alone", errors: [error("anyOf", "")], want: [{ pointer: "", keyword: "anyOf", expected: "at least one of the anyOf schemas", actual: "object" }] },
    {
      given: "a branch failing deeper: the deeper issue alone",
      errors: [error("required", "/obj", { missingProperty: "id" }), error("type", "/obj", { type: "null" }), error("anyOf", "/obj")],
      want: [{ pointer: "/obj/id", keyword: "required", expected: "present (required)", actual: "missing" }],
    },
    {
      given: "a sibling path sharing a prefix is not deeper",
      errors: [error("type", "/a", { type: "null" }), error("anyOf", "/a"), error("type", "/ab", { type: "string" })],
      want: [{ pointer: "/a", keyword: "anyOf", expected: "type null", actual: '"x"' }, { pointer: "/ab", keyword: "type", expected: "type string", actual: "missing" }],
    },
  ])("$given", ({ errors, want }) => {
    expect(driftIssues(errors, body)).toEqual(want);
  });

  it("reads pointers through arrays and escaped keys, and not through inherited properties", () => {
    const nested = { "a/b": { "c~d": [{ e: "v" }] } };
    expect(driftIssues([error("type", "/a~1b/c~0d/0/e", { type: "integer" })], nested)).toEqual([{ pointer: "/a~1b/c~0d/0/e", keyword: "type", expected: "type integer", actual: '"v"' }]);
    expect(driftIssues([error("type", "/toString", { type: "integer" })], {})[0]?.actual).toBe("missing");
    expect(driftIssues([error("type", "/a/length", { type: "integer" })], { a: "xyz" })[0]?.actual).toBe("missing");
  });
});
