import { describe, expectTypeOf, it } from "vitest";
import {
  createApiError,
  UltravoxConnectionError,
  UltravoxError,
  UltravoxNotFoundError,
  UltravoxTimeoutError,
  type ApiErrorInit,
  type UltravoxApiError,
  type UltravoxClientOptions,
} from "../src/index.js";

describe("error constructors take typed fields", () => {
  it("requires every field of a connection error", () => {
    expectTypeOf(new UltravoxConnectionError("m", { method: "GET", url: "/x", reason: "ECONNREFUSED", attempts: 1, elapsedMs: 3 })).toBeObject();
    // @ts-expect-error reason, attempts and elapsedMs are missing
    expectTypeOf(new UltravoxConnectionError("m", { method: "GET", url: "/x" })).toBeObject();
    // @ts-expect-error fields are required for a class that has them
    expectTypeOf(new UltravoxTimeoutError("m")).toBeObject();
    // @ts-expect-error timeoutMs is a number of milliseconds
    expectTypeOf(new UltravoxTimeoutError("m", { method: "GET", url: "/x", timeoutMs: "5s" })).toBeObject();
  });

  it("lets the base class go without fields, keeping the cause", () => {
    expectTypeOf(new UltravoxError("m")).toBeObject();
    expectTypeOf(new UltravoxError("m", undefined, { cause: new Error("root") })).toBeObject();
  });

  it("types HTTP error fields and the createApiError inputs", () => {
    expectTypeOf<UltravoxApiError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UltravoxNotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf(createApiError).parameter(0).toEqualTypeOf<ApiErrorInit>();
    void createApiError({ response: new Response(), body: null });
    void createApiError({ response: new Response(), body: null, method: "DELETE" });
    void createApiError({ method: "GET", url: "/x", status: 404, headers: new Headers(), body: null });
    // @ts-expect-error without a response, status and headers are needed
    void createApiError({ method: "GET", url: "/x", body: null });
    expectTypeOf<UltravoxConnectionError["reason"]>().toEqualTypeOf<string>();
    expectTypeOf<UltravoxConnectionError["attempts"]>().toEqualTypeOf<number>();
    expectTypeOf<UltravoxConnectionError["elapsedMs"]>().toEqualTypeOf<number>();
  });

  it("has dangerouslyAllowBrowser as an option", () => {
    expectTypeOf<UltravoxClientOptions["dangerouslyAllowBrowser"]>().toEqualTypeOf<boolean | undefined>();
  });
});
