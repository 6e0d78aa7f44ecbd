import { describe, expectTypeOf, it } from "vitest";
import { createUltravoxClient, type ApiErrorBody } from "../src/index.js";

const client = createUltravoxClient({ apiKey: "k" });

describe("ApiErrorBody", () => {
  it("names what a call's error holds, for detail and field-error answers", async () => {
    const { error } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    expectTypeOf<NonNullable<typeof error>>().toExtend<ApiErrorBody>();
    const created = await client.POST("/api/agents", { body: { name: "x" } });
    expectTypeOf<NonNullable<typeof created.error>>().toExtend<ApiErrorBody>();
    expectTypeOf<{ detail: string }>().toExtend<ApiErrorBody>();
    expectTypeOf<{ name: string[] }>().toExtend<ApiErrorBody>();
    expectTypeOf<{ detail: number }>().not.toExtend<ApiErrorBody>();
  });
});
