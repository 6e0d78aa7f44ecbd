import { describe, expectTypeOf, it } from "vitest";
import type {
  OperationId,
  PaginatedItem,
  PaginatedOperationId,
  PaginatedPath,
  RequestBodyOf,
  ResponseOf,
  ResponseOfStatus,
  Schema,
  SchemaInput,
  operations,
} from "../src/index.js";

type SeedOp = operations["agents_scheduled_batches_scheduled_calls_list"];
type Status = "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR";
type SeedPath = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";

describe("the seed endpoint", () => {
  it("requires both path params", () => {
    expectTypeOf<SeedOp["parameters"]["path"]>().toEqualTypeOf<{ agent_id: string; batch_id: string }>();
  });

  it("filters by the five-value status enum, optional, with cursor and pageSize", () => {
    type Query = NonNullable<SeedOp["parameters"]["query"]>;
    expectTypeOf<Query["status"]>().toEqualTypeOf<Status | undefined>();
    expectTypeOf<Query["cursor"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Query["pageSize"]>().toEqualTypeOf<number | undefined>();
  });

  it("answers a page of ScheduledCall with nullable callId and error", () => {
    type Page = ResponseOf<"agents_scheduled_batches_scheduled_calls_list">;
    expectTypeOf<Page["results"][number]>().toEqualTypeOf<Schema<"ScheduledCall">>();
    expectTypeOf<Schema<"ScheduledCall">["status"]>().toEqualTypeOf<Status>();
    expectTypeOf<Schema<"ScheduledCall">["callId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Schema<"ScheduledCall">["error"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Page["next"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Page["total"]>().toEqualTypeOf<number | undefined>();
  });

  it("is a paginated path whose items are ScheduledCall", () => {
    expectTypeOf<SeedPath>().toExtend<PaginatedPath>();
    expectTypeOf<PaginatedItem<SeedPath>>().toEqualTypeOf<Schema<"ScheduledCall">>();
    expectTypeOf<"agents_scheduled_batches_scheduled_calls_list">().toExtend<PaginatedOperationId>();
  });

  it("excludes lists that are not cursor-paginated", () => {
    expectTypeOf<"/api/accounts">().not.toExtend<PaginatedPath>(); // a plain array
    expectTypeOf<"/api/agents/{agent_id}">().not.toExtend<PaginatedPath>();
    expectTypeOf<"accounts_list">().not.toExtend<PaginatedOperationId>();
  });
});

describe("read/write markers", () => {
  it("a batch body with only `calls` type-checks; readOnly fields are rejected", () => {
    type Body = RequestBodyOf<"agents_scheduled_batches_create">;
    expectTypeOf<{ calls: [{ medium: { twilio: { outgoing: { to: "+15550100"; from: "+15550101" } } } }] }>().toExtend<Body>();
    expectTypeOf<{ calls: []; windowStart: string; windowEnd: string }>().toExtend<Body>();
    expectTypeOf<{ calls: []; batchId: string }>().not.toExtend<Body>();
    expectTypeOf<{ windowStart: string }>().not.toExtend<Body>();
    expectTypeOf<SchemaInput<"ScheduledCallBatch">>().toEqualTypeOf<Body>();
  });

  it("responses carry readOnly fields as plain required fields and omit writeOnly ones", () => {
    type Batch = Schema<"ScheduledCallBatch">;
    expectTypeOf<Batch["batchId"]>().toEqualTypeOf<string>();
    expectTypeOf<Batch["totalCount"]>().toEqualTypeOf<number>();
    expectTypeOf<Batch["endedAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Batch>().not.toHaveProperty("calls");
    expectTypeOf<ResponseOf<"agents_scheduled_batches_create">>().toEqualTypeOf<Batch>();
  });
});

describe("aliases", () => {
  it("OperationId lists operationIds", () => {
    expectTypeOf<"agents_scheduled_batches_create">().toExtend<OperationId>();
    expectTypeOf<"not_an_operation">().not.toExtend<OperationId>();
  });

  it("error bodies from our overlay are typed", () => {
    expectTypeOf<ResponseOfStatus<"agents_retrieve", 404>>().toEqualTypeOf<Schema<"ErrorDetail">>();
    expectTypeOf<Schema<"ErrorDetail">>().toEqualTypeOf<{ detail: string }>();
  });
});
