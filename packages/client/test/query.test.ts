// Object-valued query parameters go out the way the spec documents them; which ones and how is
// generated from the locked spec (tools/object-query-styles.ts → src/generated/query-styles.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { objectQueryStyles } from "../tools/object-query-styles.js";
import { OBJECT_QUERY_STYLES } from "../src/generated/query-styles.js";
import { createUltravoxClient } from "../src/index.js";
import { serializeQuery } from "../src/internal/serialize-query.js";

function recorder() {
  const urls: string[] = [];
  const fetch = (input: Request): Promise<Response> => {
    urls.push(input.url);
    return Promise.resolve(new Response('{"results":[],"next":null,"previous":null}', { headers: { "content-type": "application/json" } }));
  };
  return { fetch, urls };
}

describe("object query parameters through the client", () => {
  it("sends the calls list's metadata filter as metadata.key=value", async () => {
    const { fetch, urls } = recorder();
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch });
    await client.GET("/api/calls", { params: { query: { pageSize: 5, metadata: { team: "blue", "a b&c": "x=y" }, search: "hi" } } });
    expect(new URL(urls[0] ?? "").search).toBe("?pageSize=5&metadata.team=blue&metadata.a%20b%26c=x%3Dy&search=hi");
    const parsed = new URL(urls[0] ?? "").searchParams;
    expect(parsed.get("metadata.team")).toBe("blue");
    expect(parsed.get("metadata.a b&c")).toBe("x=y");
  });

  it("leaves other parameters to openapi-fetch (arrays exploded, null and undefined dropped)", async () => {
    const { fetch, urls } = recorder();
    const client = createUltravoxClient({ apiKey: "k", baseUrl: "https://api.test", fetch });
    await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
      params: { path: { agent_id: "a", batch_id: "b" }, query: { status: "FUTURE", pageSize: 10 } },
    });
    expect(new URL(urls[0] ?? "").search).toBe("?status=FUTURE&pageSize=10");
  });
});

describe("serializeQuery", () => {
  const cases: { given: Record<string, unknown>; want: string }[] = [
    { given: {}, want: "" },
    { given: { metadata: { team: "blue" } }, want: "metadata.team=blue" },
    { given: { metadata: { team: "blue", region: "eu" }, pageSize: 2 }, want: "metadata.team=blue&metadata.region=eu&pageSize=2" },
    { given: { metadata: {} }, want: "" },
    { given: { metadata: undefined, cursor: "c" }, want: "cursor=c" },
    { given: { metadata: null }, want: "" },
    // Only an object value is spread into dotted keys.
    { given: { metadata: "team" }, want: "metadata=team" },
    // Not an object parameter of the spec: openapi-fetch's own form.
    { given: { other: { k: "v" } }, want: "other[k]=v" },
    { given: { ids: ["a", "b"] }, want: "ids=a&ids=b" },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => {
    expect(serializeQuery(given)).toBe(want);
  });
});

describe("objectQueryStyles (the generator's reading of a spec)", () => {
  const spec = (parameters: object[], more: object = {}) => ({ openapi: "3.0.3", paths: { "/api/things": { get: { parameters } } }, ...more });
  const objectSchema = { type: "object", additionalProperties: { type: "string" } };
  const cases: { name: string; given: object; want: Record<string, string> }[] = [
    {
      name: "undeclared style, dotted names documented",
      given: spec([{ in: "query", name: "metadata", schema: objectSchema, description: "Use metadata.key=value to filter." }]),
      want: { metadata: "dotted" },
    },
    { name: "undeclared style, nothing documented: OpenAPI's form/explode", given: spec([{ in: "query", name: "filter", schema: objectSchema }]), want: { filter: "form" } },
    { name: "declared deepObject: openapi-fetch's default, left out", given: spec([{ in: "query", name: "filter", style: "deepObject", schema: objectSchema }]), want: {} },
    { name: "not an object", given: spec([{ in: "query", name: "metadata", schema: { type: "string" }, description: "metadata.key=value" }]), want: {} },
    { name: "a path parameter", given: spec([{ in: "path", name: "metadata", schema: objectSchema, description: "metadata.key=value" }]), want: {} },
    {
      name: "$ref parameter and $ref schema",
      given: spec([{ $ref: "#/components/parameters/Meta" }], {
        components: {
          parameters: { Meta: { in: "query", name: "meta", schema: { $ref: "#/components/schemas/Map" }, description: "Use meta.key=value" } },
          schemas: { Map: objectSchema },
        },
      }),
      want: { meta: "dotted" },
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(objectQueryStyles(given as Record<string, unknown>)).toEqual(want);
  });

  it("fails the build when one name is read two ways", () => {
    const given = {
      paths: {
        "/a": { get: { parameters: [{ in: "query", name: "m", schema: objectSchema, description: "m.key=value" }] } },
        "/b": { get: { parameters: [{ in: "query", name: "m", schema: objectSchema, style: "deepObject" }] } },
      },
    };
    expect(() => objectQueryStyles(given)).toThrow("query parameter m is read as dotted by GET /a but as deepObject by GET /b");
  });

  it("fails the build on a style the client cannot send", () => {
    expect(() => objectQueryStyles(spec([{ in: "query", name: "m", schema: objectSchema, style: "form", explode: false }]))).toThrow(/style form with explode false is not supported/);
  });

  it("found the calls lists' metadata in the locked spec", () => {
    expect(OBJECT_QUERY_STYLES).toEqual({ metadata: "dotted" });
  });
});

describe("serializeQuery with a form-style parameter", () => {
  afterEach(() => {
    vi.doUnmock("../src/generated/query-styles.js");
    vi.resetModules();
  });

  it("spreads its keys without the parameter's name, beside a dotted one", async () => {
    vi.resetModules();
    vi.doMock("../src/generated/query-styles.js", () => ({ OBJECT_QUERY_STYLES: { metadata: "dotted", filter: "form" } }));
    const { serializeQuery: withForm } = await import("../src/internal/serialize-query.js");
    expect(withForm({ filter: { team: "blue" }, metadata: { a: "b" } })).toBe("team=blue&metadata.a=b");
  });
});
