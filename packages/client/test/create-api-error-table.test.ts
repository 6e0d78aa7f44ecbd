import { describe, expect, it } from "vitest";
import {
  createApiError,
  isUltravoxApiError,
  isUltravoxError,
  UltravoxApiError,
  UltravoxAuthenticationError,
  UltravoxBadRequestError,
  UltravoxConflictError,
  UltravoxConnectionError,
  UltravoxError,
  UltravoxNotFoundError,
  UltravoxPermissionDeniedError,
  UltravoxRateLimitError,
  UltravoxServerError,
  UltravoxTimeoutError,
  UltravoxUnprocessableEntityError,
  unwrap,
} from "@ultravox-api/client";
import { UltravoxResponseValidationError } from "@ultravox-api/client/validate";
import { UltravoxWebhookVerificationError } from "@ultravox-api/client/webhooks";

// One hierarchy: a class per status family, a literal name, method and URL in the message, cause kept.
const build = (status: number, body: unknown = { detail: "x" }, headers: Record<string, string> = {}) =>
  createApiError({ method: "post", url: "https://api.test/api/calls?apiKey=k1&page=2", status, headers: new Headers(headers), body });

describe("createApiError: the class for the status", () => {
  it.each([
    { status: 400, type: UltravoxBadRequestError, name: "UltravoxBadRequestError" },
    { status: 401, type: UltravoxAuthenticationError, name: "UltravoxAuthenticationError" },
    { status: 403, type: UltravoxPermissionDeniedError, name: "UltravoxPermissionDeniedError" },
    { status: 404, type: UltravoxNotFoundError, name: "UltravoxNotFoundError" },
    { status: 409, type: UltravoxConflictError, name: "UltravoxConflictError" },
    { status: 422, type: UltravoxUnprocessableEntityError, name: "UltravoxUnprocessableEntityError" },
    { status: 429, type: UltravoxRateLimitError, name: "UltravoxRateLimitError" },
    { status: 500, type: UltravoxServerError, name: "UltravoxServerError" },
    { status: 503, type: UltravoxServerError, name: "UltravoxServerError" },
    { status: 599, type: UltravoxServerError, name: "UltravoxServerError" },
    { status: 402, type: UltravoxApiError, name: "UltravoxApiError" },
    { status: 418, type: UltravoxApiError, name: "UltravoxApiError" },
    { status: 499, type: UltravoxApiError, name: "UltravoxApiError" },
    { status: 302, type: UltravoxApiError, name: "UltravoxApiError" },
  ])("$status → $name", ({ status, type, name }) => {
    const error = build(status);
    expect(error.constructor).toBe(type);
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(UltravoxApiError);
    expect(error).toBeInstanceOf(UltravoxError);
    expect(error.status).toBe(status);
    expect(Object.keys(error)).not.toContain("name");
    expect(isUltravoxApiError(error)).toBe(true);
    expect(isUltravoxError(error)).toBe(true);
  });
});

describe("createApiError: fields and message", () => {
  it("upper-cases the method, redacts the URL and puts both in the message", () => {
    const error = build(400, { name: ["Required."] });
    expect(error.method).toBe("POST");
    expect(error.url).toBe("https://api.test/api/calls?apiKey=REDACTED&page=2");
    expect(error.message).toBe("POST https://api.test/api/calls?apiKey=REDACTED&page=2 failed with HTTP 400: name: Required.");
    expect(error.fieldErrors).toEqual({ name: ["Required."] });
    expect(error.detail).toBeUndefined();
    expect(error.body).toEqual({ name: ["Required."] });
  });

  it("a body with nothing to say: the message stops at the status", () => {
    expect(build(404, null).message).toBe("POST https://api.test/api/calls?apiKey=REDACTED&page=2 failed with HTTP 404");
  });

  it.each([
    { given: "X-Request-Id", headers: { "x-request-id": "a", "request-id": "b" }, want: "a" },
    { given: "Request-Id alone", headers: { "request-id": "b" }, want: "b" },
    { given: "neither", headers: {}, want: undefined },
  ])("request id from $given", ({ headers, want }) => {
    expect(build(500, null, headers).requestId).toBe(want);
  });

  it.each([
    { given: "seconds", header: "2", want: 2000 },
    { given: "none", header: undefined, want: undefined },
  ])("Retry-After in $given", ({ header, want }) => {
    expect(build(429, null, header === undefined ? {} : { "retry-after": header }).retryAfterMs).toBe(want);
  });

  it("keeps the cause", () => {
    const cause = new Error("underlying");
    expect(createApiError({ method: "GET", url: "/x", status: 500, headers: new Headers(), body: null, cause }).cause).toBe(cause);
    expect(createApiError({ response: new Response(null, { status: 500 }), body: null, cause }).cause).toBe(cause);
    expect("cause" in build(500)).toBe(false);
  });

  it("from a foreign response: GET by default, its url, its headers", () => {
    const response = new Response(null, { status: 429, headers: { "retry-after": "1", "x-request-id": "r1" } });
    Object.defineProperty(response, "url", { value: "https://elsewhere.test/a?token=t" });
    const error = createApiError({ response, body: { detail: "Slow down." } });
    expect(error).toBeInstanceOf(UltravoxRateLimitError);
    expect({ method: error.method, url: error.url, retryAfterMs: error.retryAfterMs, requestId: error.requestId, detail: error.detail }).toEqual({
      method: "GET",
      url: "https://elsewhere.test/a?token=REDACTED",
      retryAfterMs: 1000,
      requestId: "r1",
      detail: "Slow down.",
    });
    expect(error.message).toBe("GET https://elsewhere.test/a?token=REDACTED failed with HTTP 429: Slow down.");
    expect(createApiError({ response, body: null, method: "delete", url: "/b" }).message).toBe("DELETE /b failed with HTTP 429");
    expect(createApiError({ response: new Response(null, { status: 400 }), body: null }).url).toBe("");
  });

  it("toJSON: name, message and every field, never the brand", () => {
    const json = JSON.parse(JSON.stringify(build(404))) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "UltravoxNotFoundError", status: 404, method: "POST", detail: "x" });
    expect(json["message"]).toBe("POST https://api.test/api/calls?apiKey=REDACTED&page=2 failed with HTTP 404: x");
  });
});

describe("the other errors of the hierarchy", () => {
  it.each([
    { error: new UltravoxError("m"), name: "UltravoxError", api: false },
    { error: new UltravoxConnectionError("m", { method: "GET", url: "/", reason: "ECONNREFUSED", attempts: 1, elapsedMs: 0 }), name: "UltravoxConnectionError", api: false },
    { error: new UltravoxTimeoutError("m", { method: "GET", url: "/", timeoutMs: 1 }), name: "UltravoxTimeoutError", api: false },
    { error: new UltravoxResponseValidationError("m"), name: "UltravoxResponseValidationError", api: false },
    { error: new UltravoxWebhookVerificationError("m", { reason: "invalid-body" }), name: "UltravoxWebhookVerificationError", api: false },
  ])("$name", ({ error, name, api }) => {
    expect(error.name).toBe(name);
    expect(error.constructor.name).toBe(name);
    expect(isUltravoxError(error)).toBe(true);
    expect(isUltravoxApiError(error)).toBe(api);
    expect((JSON.parse(JSON.stringify(error)) as { name: string }).name).toBe(name);
  });

  it.each([{ value: new Error("x") }, { value: null }, { value: "UltravoxError" }, { value: { name: "UltravoxApiError" } }])("guards refuse $value", ({ value }) => {
    expect(isUltravoxError(value)).toBe(false);
    expect(isUltravoxApiError(value)).toBe(false);
  });
});

describe("unwrap", () => {
  it.each([
    { status: 200, ok: true },
    { status: 204, ok: true },
    { status: 299, ok: true },
    { status: 300, ok: false },
    { status: 404, ok: false },
  ])("HTTP $status", async ({ status, ok }) => {
    const result = unwrap(Promise.resolve({ data: { a: 1 }, error: { detail: "no" }, response: new Response(null, { status }) }));
    if (ok) await expect(result).resolves.toEqual({ a: 1 });
    else await expect(result).rejects.toMatchObject({ status, detail: "no" });
  });
});
