import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAjv } from "../src/spec/create-ajv.js";
import { toFieldErrors } from "../src/spec/drf-errors.js";
import { drfAvailability, inCi, PYTHON } from "./support/drf-server.js";

// One field's message, for a body field (a DRF serializer field) or a query parameter (a Django form
// field, as django-filter validates it): each row gives the OpenAPI schema the mock validates, the
// DRF/Django field that schema stands for, a bad value and the message. The second block asks DRF
// and Django themselves (drf-reference/field_messages.py) for every `want`.

interface DrfField {
  readonly field: string;
  readonly kwargs?: Readonly<Record<string, unknown>>;
  readonly child?: DrfField;
}

interface Row {
  readonly given: string;
  readonly schema: object;
  readonly drf: DrfField;
  readonly value: unknown;
  readonly want: unknown;
}

const CHAR: DrfField = { field: "CharField" };
const CHOICES: DrfField = { field: "ChoiceField", kwargs: { choices: ["a", "b"] } };
/** Django's form ChoiceField takes (value, label) pairs. */
const FORM_CHOICES: DrfField = { field: "ChoiceField", kwargs: { choices: [["a", "a"], ["b", "b"]] } };

/** Body fields: DRF serializer fields. */
const SERIALIZER: Row[] = [
  { given: "null where not nullable", schema: { type: "string" }, drf: CHAR, value: null, want: ["This field may not be null."] },
  { given: "a boolean for an integer", schema: { type: "integer" }, drf: { field: "IntegerField" }, value: true, want: ["A valid integer is required."] },
  { given: "a float for an integer", schema: { type: "integer" }, drf: { field: "IntegerField" }, value: 1.5, want: ["A valid integer is required."] },
  { given: "text for a float", schema: { type: "number" }, drf: { field: "FloatField" }, value: "x", want: ["A valid number is required."] },
  { given: "text for a boolean", schema: { type: "boolean" }, drf: { field: "BooleanField" }, value: "x", want: ["Must be a valid boolean."] },
  { given: "a list for a string", schema: { type: "string" }, drf: CHAR, value: [], want: ["Not a valid string."] },
  { given: "a boolean for a string", schema: { type: "string" }, drf: CHAR, value: true, want: ["Not a valid string."] },
  { given: "a dict for a list", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: {}, want: ['Expected a list of items but got type "dict".'] },
  { given: "an integer for a list", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: 1, want: ['Expected a list of items but got type "int".'] },
  { given: "a float for a list", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: 1.5, want: ['Expected a list of items but got type "float".'] },
  { given: "a boolean for a list", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: false, want: ['Expected a list of items but got type "bool".'] },
  { given: "text for a list", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: "x", want: ['Expected a list of items but got type "str".'] },
  { given: "a list for a dict", schema: { type: "object", additionalProperties: { type: "string" } }, drf: { field: "DictField", child: CHAR }, value: [], want: ['Expected a dictionary of items but got type "list".'] },
  { given: "a float for a dict", schema: { type: "object", additionalProperties: { type: "string" } }, drf: { field: "DictField", child: CHAR }, value: 1.5, want: ['Expected a dictionary of items but got type "float".'] },
  { given: "a ListField's bad items, keyed by index", schema: { type: "array", items: { type: "string" } }, drf: { field: "ListField", child: CHAR }, value: ["a", [], "b", {}], want: { "1": ["Not a valid string."], "3": ["Not a valid string."] } },
  { given: "a DictField's bad value, keyed by key", schema: { type: "object", additionalProperties: { type: "integer" } }, drf: { field: "DictField", child: { field: "IntegerField" } }, value: { a: 1, b: "x" }, want: { b: ["A valid integer is required."] } },
  { given: "text outside the choices", schema: { type: "string", enum: ["a", "b"] }, drf: CHOICES, value: "c", want: ['"c" is not a valid choice.'] },
  { given: "an integer outside the choices", schema: { enum: ["a", "b"] }, drf: CHOICES, value: 1, want: ['"1" is not a valid choice.'] },
  { given: "a float outside the choices", schema: { enum: ["a", "b"] }, drf: CHOICES, value: 2.5, want: ['"2.5" is not a valid choice.'] },
  { given: "a boolean outside the choices: Python's True", schema: { enum: ["a", "b"] }, drf: CHOICES, value: true, want: ['"True" is not a valid choice.'] },
  { given: "false outside the choices: Python's False", schema: { enum: ["a", "b"] }, drf: CHOICES, value: false, want: ['"False" is not a valid choice.'] },
  { given: "a long value outside the choices: shown whole", schema: { type: "string", enum: ["a", "b"] }, drf: CHOICES, value: "z".repeat(70), want: [`"${"z".repeat(70)}" is not a valid choice.`] },
  { given: "a dict outside the choices: Python's repr", schema: { enum: ["a", "b"] }, drf: CHOICES, value: { k: 1, s: "x", n: null, t: true }, want: [`"{'k': 1, 's': 'x', 'n': None, 't': True}" is not a valid choice.`] },
  { given: "a list outside the choices: Python's repr", schema: { enum: ["a", "b"] }, drf: CHOICES, value: [1, "it's", 'say "hi"', "a\\b\n"], want: [`"[1, "it's", 'say "hi"', 'a\\\\b\\n']" is not a valid choice.`] },
  { given: "a dict with a quote in a key", schema: { enum: ["a", "b"] }, drf: CHOICES, value: { "it's": false, "q\"'": "\t\r" }, want: [`"{"it's": False, 'q"\\'': '\\t\\r'}" is not a valid choice.`] },
  { given: "too long by one", schema: { type: "string", maxLength: 1 }, drf: { field: "CharField", kwargs: { max_length: 1 } }, value: "ab", want: ["Ensure this field has no more than 1 characters."] },
  { given: "blank, with a minimum length above one: blank first", schema: { type: "string", minLength: 3 }, drf: { field: "CharField", kwargs: { min_length: 3 } }, value: "", want: ["This field may not be blank."] },
  { given: "blank", schema: { type: "string", minLength: 1 }, drf: CHAR, value: "", want: ["This field may not be blank."] },
  { given: "one character, at least two", schema: { type: "string", minLength: 2 }, drf: { field: "CharField", kwargs: { min_length: 2 } }, value: "a", want: ["Ensure this field has at least 2 characters."] },
  { given: "a float above the maximum", schema: { type: "number", maximum: 1 }, drf: { field: "FloatField", kwargs: { max_value: 1 } }, value: 1.5, want: ["Ensure this value is less than or equal to 1."] },
  { given: "a float below the minimum", schema: { type: "number", minimum: 0.5 }, drf: { field: "FloatField", kwargs: { min_value: 0.5 } }, value: 0.25, want: ["Ensure this value is greater than or equal to 0.5."] },
  { given: "an empty list (allow_empty=False)", schema: { type: "array", minItems: 1, items: { type: "string" } }, drf: { field: "ListField", child: CHAR, kwargs: { allow_empty: false } }, value: [], want: ["This list may not be empty."] },
  { given: "a list one short", schema: { type: "array", minItems: 2, items: { type: "string" } }, drf: { field: "ListField", child: CHAR, kwargs: { min_length: 2 } }, value: ["a"], want: ["Ensure this field has at least 2 elements."] },
  { given: "a list one too long", schema: { type: "array", maxItems: 1, items: { type: "string" } }, drf: { field: "ListField", child: CHAR, kwargs: { max_length: 1 } }, value: ["a", "b"], want: ["Ensure this field has no more than 1 elements."] },
  { given: "a bad time", schema: { type: "string", format: "time" }, drf: { field: "TimeField" }, value: "x", want: ["Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]."] },
  { given: "a bad URL", schema: { type: "string", format: "uri" }, drf: { field: "URLField" }, value: "x", want: ["Enter a valid URL."] },
  { given: "a pattern mismatch", schema: { type: "string", pattern: "^a$" }, drf: { field: "RegexField", kwargs: { regex: "^a$" } }, value: "b", want: ["This value does not match the required pattern."] },
];

/** Query parameters: Django form fields, given the text of the query string. */
const FORM: Row[] = [
  { given: "text for an integer", schema: { type: "integer" }, drf: { field: "IntegerField" }, value: "x", want: ["Enter a whole number."] },
  { given: "a fraction for an integer", schema: { type: "integer" }, drf: { field: "IntegerField" }, value: "1.5", want: ["Enter a whole number."] },
  { given: "text for a number", schema: { type: "number" }, drf: { field: "FloatField" }, value: "x", want: ["Enter a number."] },
  { given: "a long value outside the choices: shown whole", schema: { type: "string", enum: ["a", "b"] }, drf: FORM_CHOICES, value: "y".repeat(70), want: [`Select a valid choice. ${"y".repeat(70)} is not one of the available choices.`] },
  { given: "text outside the choices (shown bare)", schema: { type: "string", enum: ["a", "b"] }, drf: FORM_CHOICES, value: "c", want: ["Select a valid choice. c is not one of the available choices."] },
  { given: "a bad date-time", schema: { type: "string", format: "date-time" }, drf: { field: "DateTimeField" }, value: "x", want: ["Enter a valid date/time."] },
  { given: "a bad date", schema: { type: "string", format: "date" }, drf: { field: "DateField" }, value: "x", want: ["Enter a valid date."] },
  { given: "a bad time", schema: { type: "string", format: "time" }, drf: { field: "TimeField" }, value: "x", want: ["Enter a valid time."] },
  { given: "a bad uuid", schema: { type: "string", format: "uuid" }, drf: { field: "UUIDField" }, value: "x", want: ["Enter a valid UUID."] },
  { given: "a bad URL", schema: { type: "string", format: "uri" }, drf: { field: "URLField" }, value: "x", want: ["Enter a valid URL."] },
  { given: "a bad email", schema: { type: "string", format: "email" }, drf: { field: "EmailField" }, value: "x", want: ["Enter a valid email address."] },
  { given: "above the maximum", schema: { type: "integer", maximum: 100 }, drf: { field: "IntegerField", kwargs: { max_value: 100 } }, value: "101", want: ["Ensure this value is less than or equal to 100."] },
  { given: "below the minimum", schema: { type: "integer", minimum: 1 }, drf: { field: "IntegerField", kwargs: { min_value: 1 } }, value: "0", want: ["Ensure this value is greater than or equal to 1."] },
  { given: "too long: the length it has", schema: { type: "string", maxLength: 3 }, drf: { field: "CharField", kwargs: { max_length: 3 } }, value: "abcd", want: ["Ensure this value has at most 3 characters (it has 4)."] },
  { given: "too long for one character: singular", schema: { type: "string", maxLength: 1 }, drf: { field: "CharField", kwargs: { max_length: 1 } }, value: "ab", want: ["Ensure this value has at most 1 character (it has 2)."] },
  { given: "too long, counted in code points as Python does", schema: { type: "string", maxLength: 2 }, drf: { field: "CharField", kwargs: { max_length: 2 } }, value: "😀😀😀", want: ["Ensure this value has at most 2 characters (it has 3)."] },
  { given: "too short", schema: { type: "string", minLength: 3 }, drf: { field: "CharField", kwargs: { min_length: 3 } }, value: "ab", want: ["Ensure this value has at least 3 characters (it has 2)."] },
];

/** The mock's message for `row.value` in field `f` of a body (serializer) or a query (form). */
function mockMessage(row: Row, form: boolean): unknown {
  const schema = { type: "object", properties: { f: row.schema } };
  const validate = createAjv(form ? { coerceTypes: "array" } : {}).compile(schema);
  const data = { f: row.value };
  expect(validate(data), "the schema rejects the value").toBe(false);
  const body = toFieldErrors(validate.errors ?? [], form ? { form: true } : { schema, schemas: {}, data });
  expect(Object.keys(body)).toEqual(["f"]);
  return body["f"];
}

describe("a body field's message: DRF's serializer fields", () => {
  it.each(SERIALIZER)("$given", (row) => {
    expect(mockMessage(row, false)).toEqual(row.want);
  });
});

describe("a query parameter's message: Django's form fields", () => {
  it.each(FORM)("$given", (row) => {
    expect(mockMessage(row, true)).toEqual(row.want);
  });
});

const availability = drfAvailability();
if (!availability.ok) console.log(`drf-messages-reference: DRF check ${inCi() ? "failing (CI)" : "skipped"}: ${availability.reason}`);

describe.skipIf(!availability.ok && !inCi())("the same tables against DRF and Django", () => {
  it("every want is what DRF's serializer field or Django's form field answers", () => {
    const rows = [...SERIALIZER.map((row) => ({ row, form: false })), ...FORM.map((row) => ({ row, form: true }))];
    const script = fileURLToPath(new URL("./drf-reference/field_messages.py", import.meta.url));
    const input = rows.map(({ row, form }) => ({ ...row.drf, form, value: row.value }));
    const run = spawnSync(PYTHON, [script], { input: JSON.stringify(input), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const answers = JSON.parse(run.stdout) as unknown[];
    const key = (row: Row, form: boolean): string => `${form ? "query" : "body"}: ${row.given}`;
    expect(Object.fromEntries(rows.map(({ row, form }, i) => [key(row, form), answers[i]]))).toEqual(Object.fromEntries(rows.map(({ row, form }) => [key(row, form), row.want])));
  });
});
