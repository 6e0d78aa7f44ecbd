import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fromHex, hmacSha256, signedBytes, timingSafeEqual, toHex } from "../src/internal/webhook-crypto.js";

const bytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

describe("HMAC-SHA256 as the webhook signature uses it", () => {
  it.each([
    // RFC 4231 test case 2.
    { key: "Jefe", data: "what do ya want for nothing?", want: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
    { key: "secret", data: "", want: createHmac("sha256", "secret").update("").digest("hex") },
    { key: "sécret", data: '{"event":"call.ended"}2025', want: createHmac("sha256", "sécret").update('{"event":"call.ended"}2025').digest("hex") },
  ])("key $key over $data", async ({ key, data, want }) => {
    expect(toHex(await hmacSha256(key, bytes(data)))).toBe(want);
  });

  it("signs the body's bytes followed directly by the timestamp's", () => {
    expect(Array.from(signedBytes(bytes("ab"), "12"))).toEqual(Array.from(bytes("ab12")));
    expect(Array.from(signedBytes(new Uint8Array(0), "é"))).toEqual([0xc3, 0xa9]);
    expect(signedBytes(bytes("abc"), "")).toHaveLength(3);
  });
});

describe("hex", () => {
  it.each([
    { given: [0, 1, 15, 16, 255], want: "00010f10ff" },
    { given: [], want: "" },
  ])("toHex($given) → $want", ({ given, want }) => {
    expect(toHex(Uint8Array.from(given))).toBe(want);
  });

  const full = Array.from({ length: 32 }, (_, i) => i * 8);
  it.each([
    { given: "lower case", text: toHex(Uint8Array.from(full)), want: full },
    { given: "upper case", text: toHex(Uint8Array.from(full)).toUpperCase(), want: full },
  ])("fromHex reads 64 digits in $given", ({ text, want }) => {
    expect(Array.from(fromHex(text) ?? [])).toEqual(want);
  });

  it.each([
    { given: "63 digits", text: "a".repeat(63) },
    { given: "65 digits", text: "a".repeat(65) },
    { given: "a non-hex digit", text: `${"a".repeat(63)}g` },
    { given: "a prefix", text: `x${"a".repeat(64)}` },
    { given: "a suffix", text: `${"a".repeat(64)}x` },
    { given: "no digits", text: "" },
    { given: "64 non-hex characters", text: "z".repeat(64) },
  ])("fromHex refuses $given", ({ text }) => {
    expect(fromHex(text)).toBeUndefined();
  });
});

describe("timingSafeEqual", () => {
  it.each([
    { a: [1, 2, 3], b: [1, 2, 3], want: true },
    { a: [], b: [], want: true },
    { a: [1, 2, 3], b: [1, 2, 4], want: false },
    { a: [9, 2, 3], b: [1, 2, 3], want: false },
    { a: [1, 2, 3], b: [1, 2], want: false },
    { a: [1, 2], b: [1, 2, 3], want: false },
    { a: [0, 0], b: [0, 0, 0], want: false },
    { a: [255], b: [0], want: false },
  ])("$a vs $b → $want", ({ a, b, want }) => {
    expect(timingSafeEqual(Uint8Array.from(a), Uint8Array.from(b))).toBe(want);
  });
});

describe("without Web Crypto", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([{ given: "no crypto", crypto: undefined }, { given: "crypto without subtle", crypto: {} }])("$given: a TypeError that says what is needed", async ({ crypto }) => {
    vi.stubGlobal("crypto", crypto);
    await expect(hmacSha256("k", bytes("x"))).rejects.toThrow(new TypeError("Web Crypto (globalThis.crypto.subtle) is required to sign or verify webhooks."));
  });
});
