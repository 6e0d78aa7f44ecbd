import { describe, expect, it } from "vitest";
import { parseErrorBody } from "../src/internal/parse-error-body.js";

// DRF error bodies read into detail, fieldErrors and the one bounded line the error message ends with.
describe("parseErrorBody", () => {
  it.each([
    { given: "a detail", body: { detail: "Not found." }, want: { detail: "Not found.", fieldErrors: undefined, summary: ": Not found." } },
    { given: "a detail beside field errors: the detail wins", body: { detail: "No.", name: ["Bad."] }, want: { detail: "No.", fieldErrors: undefined, summary: ": No." } },
    { given: "a detail that is not a string", body: { detail: 5 }, want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "field errors", body: { name: ["This field is required."], voice: ["Bad.", "Worse."] }, want: { detail: undefined, fieldErrors: { name: ["This field is required."], voice: ["Bad.", "Worse."] }, summary: ": name: This field is required.; voice: Bad. Worse." } },
    { given: "a nested serializer's errors, joined with dots", body: { callTemplate: { voice: ["Bad."] } }, want: { detail: undefined, fieldErrors: { "callTemplate.voice": ["Bad."] }, summary: ": callTemplate.voice: Bad." } },
    { given: "a list of serializers: one object per item", body: { items: [{}, { name: ["Required."] }] }, want: { detail: undefined, fieldErrors: { "items.1.name": ["Required."] }, summary: ": items.1.name: Required." } },
    { given: "a ListField keyed by index", body: { tags: { "2": ["Not a valid string."] } }, want: { detail: undefined, fieldErrors: { "tags.2": ["Not a valid string."] }, summary: ": tags.2: Not a valid string." } },
    { given: "non_field_errors", body: { non_field_errors: ["Invalid data."] }, want: { detail: undefined, fieldErrors: { non_field_errors: ["Invalid data."] }, summary: ": non_field_errors: Invalid data." } },
    { given: "a bare string as a field's value", body: { name: "Bad." }, want: { detail: undefined, fieldErrors: { name: ["Bad."] }, summary: ": name: Bad." } },
    { given: "numbers and nulls in the body are skipped", body: { a: 1, b: null, c: ["ok"] }, want: { detail: undefined, fieldErrors: { c: ["ok"] }, summary: ": c: ok" } },
    { given: "an object with nothing readable", body: { a: 1 }, want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "a top-level list of messages (not field errors)", body: ["Bad."], want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "text", body: "Bad Gateway", want: { detail: undefined, fieldErrors: undefined, summary: ": Bad Gateway" } },
    { given: "text with runs of white space", body: "  <h1>Server\n\n  Error</h1>\t ", want: { detail: undefined, fieldErrors: undefined, summary: ": <h1>Server Error</h1>" } },
    { given: "a detail with new lines", body: { detail: "a\n b" }, want: { detail: "a\n b", fieldErrors: undefined, summary: ": a b" } },
    { given: "empty text", body: "", want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "blank text", body: " \n ", want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "null", body: null, want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "undefined", body: undefined, want: { detail: undefined, fieldErrors: undefined, summary: "" } },
    { given: "a number", body: 5, want: { detail: undefined, fieldErrors: undefined, summary: "" } },
  ])("$given", ({ body, want }) => {
    const [detail, fieldErrors, summary] = parseErrorBody(body);
    expect({ detail, fieldErrors, summary }).toEqual(want);
  });

  it("cuts the line at 200 characters, after collapsing white space", () => {
    const text = `${"a ".repeat(50)}${"b".repeat(300)}`;
    const [, , summary] = parseErrorBody(text);
    expect(summary).toBe(`: ${text.slice(0, 200)}`);
    expect(parseErrorBody("x".repeat(200))[2]).toBe(`: ${"x".repeat(200)}`);
    expect(parseErrorBody({ detail: "y".repeat(201) })[2]).toBe(`: ${"y".repeat(200)}`);
  });
});
