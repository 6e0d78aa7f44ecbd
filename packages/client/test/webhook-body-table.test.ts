import { describe, expect, it } from "vitest";
import { bodyBytes, describeBody } from "../src/internal/webhook-body.js";

// The raw body's bytes, whatever form it comes in; never a value parsed already.
describe("bodyBytes", () => {
  const abc = [0x61, 0x62, 0x63];
  it.each([
    { given: "a string, as UTF-8", body: "aé", want: [0x61, 0xc3, 0xa9] },
    { given: "an empty string", body: "", want: [] },
    { given: "a Uint8Array", body: Uint8Array.from(abc), want: abc },
    { given: "a Buffer", body: Buffer.from("abc"), want: abc },
    { given: "an ArrayBuffer", body: Uint8Array.from(abc).buffer, want: abc },
    { given: "a DataView over part of a buffer", body: new DataView(Uint8Array.from([0, ...abc, 0]).buffer, 1, 3), want: abc },
    { given: "a Uint16Array view: its bytes", body: new Uint16Array([0x6261]), want: [0x61, 0x62] },
  ])("$given", ({ body, want }) => {
    expect(Array.from(bodyBytes(body) ?? [-1])).toEqual(want);
  });

  it("hands a Uint8Array on as it is (no copy)", () => {
    const body = Uint8Array.from([1]);
    expect(bodyBytes(body)).toBe(body);
  });

  it.each([{ body: { event: "call.ended" } }, { body: null }, { body: undefined }, { body: 5 }, { body: ["a"] }])("refuses $body", ({ body }) => {
    expect(bodyBytes(body)).toBeUndefined();
  });
});

describe("describeBody: what a wrong body was, never its value", () => {
  class Parsed {
    readonly kind = "parsed";
  }
  it.each([
    { given: "null", body: null, want: "null" },
    { given: "undefined", body: undefined, want: "undefined" },
    { given: "a number", body: 5, want: "number" },
    { given: "a plain object", body: { secret: "s3cr3t" }, want: "an object" },
    { given: "an object without a prototype", body: Object.create(null) as object, want: "an object" },
    { given: "an array", body: [1], want: "an object (Array)" },
    { given: "a class instance", body: new Parsed(), want: "an object (Parsed)" },
    { given: "an object whose constructor has an empty name", body: { constructor: { name: "" } }, want: "an object" },
    { given: "an object whose constructor name is not a string", body: { constructor: { name: 1 } }, want: "an object" },
  ])("$given → $want", ({ body, want }) => {
    expect(describeBody(body)).toBe(want);
  });
});
