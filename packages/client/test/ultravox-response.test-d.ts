import type { ApiErrorBody, ResponseTypes, Schema, paths } from "@ultravox-api/types";
import createClient, { wrapAsPathBasedClient, type Client, type FetchResponse, type ParseAsResponse } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { ApiErrorBody as ClientApiErrorBody, UltravoxClient } from "@ultravox-api/client";

type Method = "get" | "put" | "post" | "delete" | "patch";
type PathWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** openapi-fetch's own answer for an operation, as `Client<paths, "application/json">` computes it. */
type Computed<P extends keyof paths, M extends Method, Init> = paths[P][M] extends infer Op extends Record<string | number, unknown>
  ? FetchResponse<Op, Init, "application/json">
  : never;
// FetchResponse is `{ data; error?: never } | { data?: never; error }`: its members, apart.
type SuccessOf<R> = R extends { error?: never } ? R : never;
type FailureOf<R> = R extends { error?: never } ? never : R;
/** `path method part` of every operation whose `data` (after `parseAs`) or `error` differs from what openapi-fetch computes. */
type Differing<M extends Method, Init> = {
  [P in PathWith<M>]: P extends keyof ResponseTypes[M]
    ?
        | (Mutual<ParseAsResponse<ResponseTypes[M][P] extends { data: infer D } ? D : never, Init>, SuccessOf<Computed<P, M, Init>>["data"]> extends true
            ? never
            : `${P} ${M} data`)
        | (Mutual<ResponseTypes[M][P] extends { error: infer E } ? E : never, FailureOf<Computed<P, M, Init>>["error"]> extends true ? never : `${P} ${M} error`)
    : `${P} ${M} missing`;
}[PathWith<M>];

declare const client: UltravoxClient;
/** openapi-react-query's `createClient<Paths extends {}, Media extends MediaType>(client: Client<Paths, Media>)`, typed to show what it infers. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- openapi-react-query's own constraint
declare function createQueryClient<Paths extends {}, Media extends `${string}/${string}`>(fetchClient: Client<Paths, Media>): { paths: Paths; media: Media };
const list = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const path = { agent_id: "a", batch_id: "b" };

describe("ResponseTypes", () => {
  it("holds, for every operation, the data and error openapi-fetch computes", () => {
    expectTypeOf<Differing<"get", object>>().toBeNever();
    expectTypeOf<Differing<"post", object>>().toBeNever();
    expectTypeOf<Differing<"put", object>>().toBeNever();
    expectTypeOf<Differing<"patch", object>>().toBeNever();
    expectTypeOf<Differing<"delete", object>>().toBeNever();
  });

  it("and the same after parseAs", () => {
    expectTypeOf<Differing<"get", { parseAs: "text" }>>().toBeNever();
    expectTypeOf<Differing<"get", { parseAs: "blob" }>>().toBeNever();
    expectTypeOf<Differing<"post", { parseAs: "stream" }>>().toBeNever();
  });

  it("has an entry for exactly the operations openapi-fetch's client offers", () => {
    expectTypeOf<keyof ResponseTypes["get"]>().toEqualTypeOf<PathWith<"get">>();
    expectTypeOf<keyof ResponseTypes["post"]>().toEqualTypeOf<PathWith<"post">>();
    expectTypeOf<keyof ResponseTypes["delete"]>().toEqualTypeOf<PathWith<"delete">>();
    expectTypeOf<keyof ResponseTypes["patch"]>().toEqualTypeOf<PathWith<"patch">>();
    expectTypeOf<keyof ResponseTypes["put"]>().toEqualTypeOf<PathWith<"put">>();
  });
});

describe("UltravoxClient answers", () => {
  it("names errors with the same ApiErrorBody the client exports", () => {
    expectTypeOf<ClientApiErrorBody>().toEqualTypeOf<ApiErrorBody>();
  });

  it("types data and error by name: a list, a retrieve, a create, a 204 delete", async () => {
    const listed = await client.GET(list, { params: { path, query: { status: "FUTURE" } } });
    expectTypeOf(listed.data).toEqualTypeOf<Schema<"PaginatedScheduledCallList"> | undefined>();
    expectTypeOf(listed.error).toEqualTypeOf<ApiErrorBody | undefined>();
    const agent = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    expectTypeOf(agent.data).toEqualTypeOf<Schema<"Agent"> | undefined>();
    const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", { params: { path: { agent_id: "a" } }, body: { calls: [] } });
    expectTypeOf(batch.data).toEqualTypeOf<Schema<"ScheduledCallBatch"> | undefined>();
    const deleted = await client.DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
    expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
    expectTypeOf(deleted.error).toEqualTypeOf<ApiErrorBody | undefined>();
    expectTypeOf(deleted.response).toEqualTypeOf<Response>();
  });

  it("narrows on error as openapi-fetch does", async () => {
    const result = await client.GET(list, { params: { path } });
    if (result.error) {
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
      expectTypeOf(result.error).toEqualTypeOf<ApiErrorBody>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<Schema<"PaginatedScheduledCallList">>();
    }
  });

  it("follows parseAs as openapi-fetch does", async () => {
    const init = { params: { path: { agent_id: "a" } } } as const;
    expectTypeOf((await client.GET("/api/agents/{agent_id}", { ...init, parseAs: "text" })).data).toEqualTypeOf<string | undefined>();
    expectTypeOf((await client.GET("/api/agents/{agent_id}", { ...init, parseAs: "blob" })).data).toEqualTypeOf<Blob | undefined>();
    expectTypeOf((await client.GET("/api/agents/{agent_id}", { ...init, parseAs: "arrayBuffer" })).data).toEqualTypeOf<ArrayBuffer | undefined>();
    expectTypeOf((await client.GET("/api/agents/{agent_id}", { ...init, parseAs: "stream" })).data).toEqualTypeOf<Response["body"] | undefined>();
    expectTypeOf((await client.GET("/api/agents/{agent_id}", { ...init, parseAs: "json" })).data).toEqualTypeOf<Schema<"Agent"> | undefined>();
  });

  it("still requires init where the operation has required parameters", () => {
    // @ts-expect-error agent_id is required, so init is too
    void client.GET("/api/agents/{agent_id}");
    void client.GET("/api/agents");
  });
});

describe("UltravoxClient as an openapi-fetch Client", () => {
  it("is assignable to Client<paths, \"application/json\"> and back", () => {
    expectTypeOf<UltravoxClient>().toExtend<Client<paths, "application/json">>();
    expectTypeOf(createClient<paths, "application/json">()).toExtend<UltravoxClient>();
  });

  it("works with wrapAsPathBasedClient", async () => {
    const byPath = wrapAsPathBasedClient(client);
    const { data } = await byPath["/api/agents/{agent_id}"].GET({ params: { path: { agent_id: "a" } } });
    expectTypeOf(data?.agentId).toEqualTypeOf<string | undefined>();
  });

  it("is inferred as Client<paths, \"application/json\"> by a generic consumer (openapi-react-query's createClient signature)", () => {
    const queryClient = createQueryClient(client);
    expectTypeOf(queryClient.paths).toEqualTypeOf<paths>();
    expectTypeOf(queryClient.media).toEqualTypeOf<"application/json">();
  });
});
