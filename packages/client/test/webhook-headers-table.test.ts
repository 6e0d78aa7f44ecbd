import { describe, expect, it } from "vitest";
import { headerValues } from "../src/internal/webhook-headers.js";
import type { WebhookHeaders } from "../src/webhooks/webhook-input.js";

// A header's values from a Fetch `Headers` or a plain record (Node's req.headers), any case.
describe("headerValues", () => {
  it.each([
    { given: "Headers, any case", headers: new Headers({ "X-Ultravox-Webhook-Signature": "a" }), name: "x-ultravox-webhook-SIGNATURE", want: ["a"] },
    { given: "Headers, repeats joined by Headers", headers: new Headers([["x-a", "1"], ["x-a", "2"]]), name: "X-A", want: ["1, 2"] },
    { given: "Headers without it", headers: new Headers({ "x-b": "1" }), name: "x-a", want: [] },
    { given: "Headers with it blank", headers: new Headers({ "x-a": "  " }), name: "x-a", want: [] },
    { given: "Headers with it empty", headers: new Headers({ "x-a": "" }), name: "x-a", want: [] },
    { given: "a record, another case", headers: { "X-A": "1" }, name: "x-a", want: ["1"] },
    { given: "a record, name asked in upper case", headers: { "x-a": "1" }, name: "X-A", want: ["1"] },
    { given: "a record with the header twice in two cases", headers: { "x-a": "1", "X-A": "2" }, name: "x-a", want: ["1", "2"] },
    { given: "a record with an array (Node)", headers: { "x-a": ["1", "2"] }, name: "x-a", want: ["1", "2"] },
    { given: "a record with blank, empty and non-string values dropped", headers: { "x-a": ["", " ", "1", 5 as unknown as string], "x-b": "2" }, name: "x-a", want: ["1"] },
    { given: "a record with undefined (Node's absent header)", headers: { "x-a": undefined }, name: "x-a", want: [] },
    { given: "a record without it", headers: { "x-b": "1" }, name: "x-a", want: [] },
    { given: "a record whose keys only start with the name", headers: { "x-ab": "1", "x-a-b": "2" }, name: "x-a", want: [] },
    { given: "a record with get but no has: read as a record", headers: { get: () => "no", "x-a": "1" } as unknown as WebhookHeaders, name: "x-a", want: ["1"] },
  ])("$given", ({ headers, name, want }) => {
    expect(headerValues(headers as WebhookHeaders, name)).toEqual(want);
  });
});
