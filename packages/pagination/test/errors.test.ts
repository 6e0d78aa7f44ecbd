import { UltravoxApiError, UltravoxError, UltravoxNotFoundError, isUltravoxApiError, isUltravoxError } from "@ultravox-api/client";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { PaginationError, collect } from "@ultravox-api/pagination";
import type { paths } from "@ultravox-api/types";
import { startListServer } from "./support/list-server.js";
import type { ListServer, ListServerOptions } from "./support/list-server.js";
import { scheduledCalls } from "./support/scheduled-calls.js";

const SEED_PATH = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
const init = { params: { path: { agent_id: "a", batch_id: "b" } } };

const servers: ListServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function failureOf(options: ListServerOptions): Promise<unknown> {
  const server = await startListServer(options);
  servers.push(server);
  const client = createClient<paths>({ baseUrl: server.url, headers: { Authorization: "Bearer secret-key-123" } });
  return collect(client, SEED_PATH, init, { pageSize: 5 }).catch((e: unknown) => e);
}

describe("PaginationError is part of the client's UltravoxError hierarchy", () => {
  it("is an UltravoxError that isUltravoxError recognises, but not an API error", async () => {
    const error = await failureOf({ rawBody: { items: [] } });
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(UltravoxError);
    expect(error).toBeInstanceOf(Error);
    expect(isUltravoxError(error)).toBe(true);
    expect(isUltravoxApiError(error)).toBe(false);
    expect(error).not.toBeInstanceOf(UltravoxApiError);
  });

  it("has the literal name, the reason and the resume cursor as fields, also in JSON", async () => {
    const error = (await failureOf({ rawBody: { items: [] } })) as PaginationError;
    expect(error.name).toBe("PaginationError");
    expect(Object.keys(error)).not.toContain("name");
    expect(error.reason).toBe("invalid-page");
    expect(error.cursor).toBeNull();
    expect(error.message).toBe(`Pagination: GET ${SEED_PATH} did not answer with a { results, next, previous } page.`);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "PaginationError",
      message: error.message,
      reason: "invalid-page",
      cursor: null,
    });
    expect(String(error)).toBe(`PaginationError: ${error.message}`);
  });

  it("the cursor of a repeated-cursor error is the repeated cursor, where the walk can resume", async () => {
    const error = (await failureOf({ items: scheduledCalls(30), loopAtPage: 2 })) as PaginationError;
    expect(error.reason).toBe("cursor-loop");
    expect(error.cursor).not.toBeNull();
    expect(error.message).toBe(
      `Pagination: GET ${SEED_PATH} returned cursor "${String(error.cursor)}" a second time; stopping instead of looping.`,
    );
  });

  it("keeps the URL parser's error as the cause of an invalid link", async () => {
    const error = (await failureOf({ rawBody: { results: [], next: "http://[::1" } })) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe("invalid-link");
    expect(error.message).toBe('Pagination: "next" is not a valid URL.');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as { code?: unknown }).code).toBe("ERR_INVALID_URL");
  });

  const links = [
    { name: "next is not a string", body: { results: [], next: 5 }, reason: "invalid-page", message: 'Pagination: "next" is not a URL string.' },
    { name: "previous is not a string", body: { results: [], next: null, previous: {} }, reason: "invalid-page", message: 'Pagination: "previous" is not a URL string.' },
    { name: "previous is not a URL", body: { results: [], previous: "http://[" }, reason: "invalid-link", message: 'Pagination: "previous" is not a valid URL.' },
    { name: "next has no cursor", body: { results: [], next: "/api/x?page=2" }, reason: "invalid-link", message: 'Pagination: the "next" link has no cursor parameter.' },
    { name: "next has an empty cursor", body: { results: [], next: "/api/x?cursor=" }, reason: "invalid-link", message: 'Pagination: the "next" link has no cursor parameter.' },
    { name: "previous has no cursor", body: { results: [], previous: "/api/x" }, reason: "invalid-link", message: 'Pagination: the "previous" link has no cursor parameter.' },
  ];
  it.each(links)("$name → $reason with a message naming the link", async ({ body, reason, message }) => {
    const error = (await failureOf({ rawBody: body })) as PaginationError;
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
    expect(error.cursor).toBeNull();
  });

  const noLink = [
    { name: "null", next: null },
    { name: "absent", next: undefined },
    { name: "empty string", next: "" },
  ];
  it.each(noLink)("a $name next ends the walk", async ({ next }) => {
    const items = scheduledCalls(2);
    const server = await startListServer({ rawBody: { results: items, next, previous: null } });
    servers.push(server);
    const got = await collect(createClient<paths>({ baseUrl: server.url }), SEED_PATH, init);
    expect(got).toEqual(items);
    expect(server.requests).toHaveLength(1);
  });
});

describe("API errors come from the client's createApiError, with the request's method and URL", () => {
  it("a 404 page is UltravoxNotFoundError naming GET and the page's URL, without the key", async () => {
    const error = (await failureOf({ failWith: 404 })) as UltravoxNotFoundError;
    expect(error).toBeInstanceOf(UltravoxNotFoundError);
    expect(isUltravoxApiError(error)).toBe(true);
    expect(error.method).toBe("GET");
    expect(error.status).toBe(404);
    expect(error.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/agents\/a\/scheduled_batches\/b\/scheduled_calls\?pageSize=5$/);
    expect(error.message).toBe(`GET ${error.url} failed with HTTP 404: Not found.`);
    expect(error.detail).toBe("Not found.");
    expect(error.body).toEqual({ detail: "Not found." });
    expect(JSON.stringify(error)).not.toContain("secret-key-123");
  });
});
