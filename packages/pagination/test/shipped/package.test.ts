// Tests of the SHIPPED package: `@ultravox-api/pagination` resolves to the built dist/ here (no src alias in
// this vitest project), so they catch what a build or the package.json exports could break.
import { isUltravoxError } from "@ultravox-api/client";
import * as shipped from "@ultravox-api/pagination";
import type { paths } from "@ultravox-api/types";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import * as source from "../../src/index.js";
import { startListServer } from "../support/list-server.js";
import type { ListServer } from "../support/list-server.js";
import { scheduledCalls } from "../support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const init = { params: { path: { agent_id: "a", batch_id: "b" } } };

let server: ListServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("@ultravox-api/pagination as built (dist/)", () => {
  it("is the build, not the source, and exports the same names as src/index.ts", () => {
    expect(shipped.paginate).not.toBe(source.paginate);
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(source).sort());
    expect(Object.keys(shipped).sort()).toEqual(["PaginationError", "collect", "pages", "paginate"]);
  });

  it("walks every page of a list through an openapi-fetch client", async () => {
    const all = scheduledCalls(12);
    server = await startListServer({ items: all });
    const client = createClient<paths>({ baseUrl: server.url });
    const got = await shipped.collect(client, SEED_PATH, init, { pageSize: 5, prefetch: true });
    expect(got).toEqual(all);
    expect(server.requests).toHaveLength(3);
  });

  it("throws its PaginationError as an UltravoxError of the installed client", async () => {
    server = await startListServer({ rawBody: { items: [] } });
    const error: unknown = await shipped.collect(createClient<paths>({ baseUrl: server.url }), SEED_PATH, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(shipped.PaginationError);
    expect(isUltravoxError(error)).toBe(true);
    expect(error).toMatchObject({ name: "PaginationError", reason: "invalid-page", cursor: null });
  });
});
