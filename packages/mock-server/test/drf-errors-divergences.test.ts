import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAjv } from "../src/spec/create-ajv.js";
import { toFieldErrors } from "../src/spec/drf-errors.js";
import type { JsonObject } from "../src/internal/json.js";
import { drfAvailability, inCi, PYTHON } from "./support/drf-server.js";

// A list's length and its items both wrong: ajv reports both, DRF one of them. Each `want` is DRF's
// `Serializer(data=...).errors` for the field noted beside the schema, and is checked against DRF
// itself below (drf-reference/list_length_errors.py declares those serializers). ListSerializer
// checks its length before any item; ListField validates its items first and checks its length
// only on a valid list.

const SCHEMAS: JsonObject = { Item: { type: "object", required: ["name"], properties: { name: { type: "string" } } } };
const ITEM = { $ref: "#/components/schemas/Item" };
const BODY = {
  type: "object",
  properties: {
    // Item(many=True, max_length=2)
    items: { type: "array", maxItems: 2, items: ITEM },
    // Item(many=True, min_length=3)
    few: { type: "array", minItems: 3, items: ITEM },
    // Item(many=True, allow_empty=False, max_length=2)
    bounded: { type: "array", minItems: 1, maxItems: 2, items: ITEM },
    // ListField(child=CharField(), min_length=5)
    tags: { type: "array", minItems: 5, items: { type: "string" } },
    // ListField(child=CharField(), max_length=1)
    maxTags: { type: "array", maxItems: 1, items: { type: "string" } },
    // Wrapper(): one field, inner = Item(many=True, max_length=1)
    wrapper: { type: "object", properties: { inner: { type: "array", maxItems: 1, items: ITEM } } },
  },
};

function drfBody(data: JsonObject): unknown {
  const validate = createAjv().compile({ ...BODY, components: { schemas: SCHEMAS } });
  expect(validate(data)).toBe(false);
  return toFieldErrors(validate.errors ?? [], { schema: BODY, schemas: SCHEMAS, data });
}

const TOO_MANY = (limit: number): string => `Ensure this field has no more than ${limit} elements.`;
const NOT_A_STRING = "Not a valid string.";

const CASES: { given: string; data: JsonObject; want: unknown }[] = [
  { given: "a list of serializers too long, with items missing a field", data: { items: [{ name: "a" }, {}, {}] }, want: { items: { non_field_errors: [TOO_MANY(2)] } } },
  { given: "a list of serializers too long, every item bad", data: { items: [{}, {}, {}] }, want: { items: { non_field_errors: [TOO_MANY(2)] } } },
  { given: "a list of serializers too long, items not dicts", data: { items: [1, 2, 3] }, want: { items: { non_field_errors: [TOO_MANY(2)] } } },
  { given: "a list of serializers too short, an item missing a field", data: { few: [{}] }, want: { few: { non_field_errors: ["Ensure this field has at least 3 elements."] } } },
  { given: "a list of serializers too short, an item not a dict", data: { few: [1] }, want: { few: { non_field_errors: ["Ensure this field has at least 3 elements."] } } },
  { given: "a list of serializers with both bounds, too long and bad", data: { bounded: [{}, 1, { name: 2 }] }, want: { bounded: { non_field_errors: [TOO_MANY(2)] } } },
  { given: "a nested list of serializers too long, bad items", data: { wrapper: { inner: [{}, {}] } }, want: { wrapper: { inner: { non_field_errors: [TOO_MANY(1)] } } } },
  { given: "a ListField too short with one bad item", data: { tags: ["x", {}] }, want: { tags: { "1": [NOT_A_STRING] } } },
  { given: "a ListField too short with every item bad", data: { tags: [{}, {}] }, want: { tags: { "0": [NOT_A_STRING], "1": [NOT_A_STRING] } } },
  { given: "a ListField too long with one bad item", data: { maxTags: ["x", {}] }, want: { maxTags: { "1": [NOT_A_STRING] } } },
  { given: "a ListField too long with every item bad", data: { maxTags: [{}, []] }, want: { maxTags: { "0": [NOT_A_STRING], "1": [NOT_A_STRING] } } },
  // The length alone still reports as before (the other half of each rule).
  { given: "a ListField too short, items fine", data: { tags: ["x"] }, want: { tags: ["Ensure this field has at least 5 elements."] } },
  { given: "a ListField too long, items fine", data: { maxTags: ["x", "y"] }, want: { maxTags: [TOO_MANY(1)] } },
  { given: "a list of serializers of the right length, one bad item", data: { items: [{ name: "a" }, {}] }, want: { items: [{}, { name: ["This field is required."] }] } },
];

describe("toFieldErrors: a list of the wrong length with bad items, as DRF reports it", () => {
  it.each(CASES)("$given", ({ data, want }) => {
    expect(drfBody(data)).toEqual(want);
  });
});

const availability = drfAvailability();
if (!availability.ok) console.log(`drf-errors-divergences: DRF check ${inCi() ? "failing (CI)" : "skipped"}: ${availability.reason}`);

describe.skipIf(!availability.ok && !inCi())("the same table against DRF's serializers", () => {
  it("every want is what DRF answers", () => {
    const script = fileURLToPath(new URL("./drf-reference/list_length_errors.py", import.meta.url));
    const run = spawnSync(PYTHON, [script], { input: JSON.stringify(CASES.map((row) => row.data)), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const answers = JSON.parse(run.stdout) as unknown[];
    expect(Object.fromEntries(CASES.map((row, i) => [row.given, answers[i]]))).toEqual(Object.fromEntries(CASES.map((row) => [row.given, row.want])));
  });
});
