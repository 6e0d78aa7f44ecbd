import { describe, expectTypeOf, it } from "vitest";
import { createUltravoxClient, type ApiErrorBody } from "../src/index.js";

const client = createUltravoxClient({ apiKey: "k" });

describe("ApiErrorBody", () => {
  it("names what a call's error holds, for detail and field-error answers", async () => {
    const { error } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    expectTypeOf(error).toExtend<ApiErrorBody | undefined>();
    const created = await client.POST("/api/agents", { body: { name: "x" } });
    expectTypeOf(created.error).toExtend<ApiErrorBody | undefined>();
    expectTypeOf<{ detail: string }>().toExtend<ApiErrorBody>();
    expectTypeOf<{ name: string[] }>().toExtend<ApiErrorBody>();
    expectTypeOf<{ detail: number }>().not.toExtend<ApiErrorBody>();
  });
});
