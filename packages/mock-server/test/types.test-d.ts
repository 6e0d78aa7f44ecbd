import { createMockHandler, startMockServer, type MockHandler, type MockServer } from "@ultravox-api/mock-server";
import { createMockHandler as webOnly } from "@ultravox-api/mock-server/handler";
import { describe, expectTypeOf, it } from "vitest";

describe("public types", () => {
  it("createMockHandler returns a fetch-compatible handler", () => {
    const mock = createMockHandler({ seed: 1, apiKeys: ["k"] });
    expectTypeOf(mock).toEqualTypeOf<MockHandler>();
    expectTypeOf(mock.handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(mock.fetch).toBeCallableWith("https://api.ultravox.ai/api/agents", { method: "GET" });
    expectTypeOf(webOnly).toEqualTypeOf(createMockHandler);
    // @ts-expect-error the seed is a number or a string
    createMockHandler({ seed: true });
    // @ts-expect-error apiKeys is a list
    createMockHandler({ apiKeys: "k" });
  });

  it("startMockServer resolves to a server with url and close", () => {
    expectTypeOf(startMockServer).returns.resolves.toEqualTypeOf<MockServer>();
    expectTypeOf<MockServer["url"]>().toEqualTypeOf<string>();
    expectTypeOf<MockServer["close"]>().returns.resolves.toBeVoid();
    // @ts-expect-error port is a number
    void startMockServer({ port: "4010" });
  });
});
