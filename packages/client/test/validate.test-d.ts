import type { Middleware } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { UltravoxError, type UltravoxClient } from "@ultravox-api/client";
import {
  checkResponse,
  createResponseValidator,
  UltravoxResponseValidationError,
  type DriftIssue,
  type ResponseDrift,
} from "@ultravox-api/client/validate";

declare const client: UltravoxClient;


describe("validate entry types", () => {
  it("is an openapi-fetch middleware for client.use", () => {
    expectTypeOf(createResponseValidator()).toEqualTypeOf<Middleware>();
    expectTypeOf<Parameters<UltravoxClient["use"]>[0]>().toEqualTypeOf<Middleware>();
    client.use(createResponseValidator({ mode: "throw" }));
    // @ts-expect-error only "warn" and "throw"
    createResponseValidator({ mode: "off" });
  });

  it("reports drift with typed fields", () => {
    expectTypeOf(checkResponse).returns.toEqualTypeOf<ResponseDrift | undefined>();
    expectTypeOf<ResponseDrift["issues"]>().toEqualTypeOf<readonly DriftIssue[]>();
    expectTypeOf<DriftIssue>().toEqualTypeOf<{ readonly pointer: string; readonly keyword: string; readonly expected: string; readonly actual: string }>();
    expectTypeOf<UltravoxResponseValidationError>().toExtend<UltravoxError>();
    expectTypeOf<UltravoxResponseValidationError["name"]>().toEqualTypeOf<"UltravoxResponseValidationError">();
    expectTypeOf<UltravoxResponseValidationError["issues"]>().toEqualTypeOf<readonly DriftIssue[]>();
  });
});
