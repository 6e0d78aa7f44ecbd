import { describe, expectTypeOf, it } from "vitest";
import {
  createUltravoxClient,
  unwrap,
  type UltravoxApiError,
  type UltravoxClient,
  type UltravoxNotFoundError,
} from "@ultravox-api/client";
import type { Schema } from "@ultravox-api/types";

declare const client: UltravoxClient;
const params = { path: { agent_id: "a", batch_id: "b" } };

describe("UltravoxClient types", () => {
  it("is what createUltravoxClient returns", () => {
    expectTypeOf(createUltravoxClient).returns.toEqualTypeOf<UltravoxClient>();
  });

  it("types the seed endpoint's status as the five-value union", async () => {
    const result = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      params: { ...params, query: { status: "PENDING" } },
    });
    expectTypeOf(result.data?.results[0]?.status).toEqualTypeOf<"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR" | undefined>();
    expectTypeOf<NonNullable<typeof result.data>["results"][number]["status"]>().toEqualTypeOf<"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR">();
  });

  it("rejects a wrong path", () => {
    // @ts-expect-error not a path of the API
    void client.GET("/api/no_such_thing");
    // @ts-expect-error GET only: there is no POST on a list of scheduled calls
    void client.POST("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", { params });
  });

  it("rejects a missing path parameter", () => {
    void client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      // @ts-expect-error batch_id is missing
      params: { path: { agent_id: "a" } },
    });
  });

  it("rejects a status outside the enum", () => {
    void client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      // @ts-expect-error "DONE" is not a scheduled call status
      params: { ...params, query: { status: "DONE" } },
    });
  });

  it("rejects a body without its required field", () => {
    void client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: "a" } },
      // @ts-expect-error `calls` is required
      body: { windowStart: "2026-01-01T00:00:00Z" },
    });
  });

  it("rejects a readOnly field in a body", () => {
    void client.POST("/api/agents/{agent_id}/scheduled_batches", {
      params: { path: { agent_id: "a" } },
      // @ts-expect-error batchId is readOnly: the server assigns it
      body: { calls: [], batchId: "b" },
    });
  });

  it("unwrap narrows to the success body", async () => {
    const batch = await unwrap(
      client.POST("/api/agents/{agent_id}/scheduled_batches", { params: { path: { agent_id: "a" } }, body: { calls: [] } }),
    );
    expectTypeOf(batch).toEqualTypeOf<Schema<"ScheduledCallBatch">>();
    expectTypeOf(batch.totalCount).toEqualTypeOf<number>();
  });

  it("gives HTTP errors literal names and statuses", () => {
    expectTypeOf<UltravoxNotFoundError["name"]>().toEqualTypeOf<"UltravoxNotFoundError">();
    expectTypeOf<UltravoxNotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<UltravoxApiError["fieldErrors"]>().toEqualTypeOf<Readonly<Record<string, readonly string[]>> | undefined>();
  });
});
