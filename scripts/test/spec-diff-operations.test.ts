import { describe, expect, it } from "vitest";
import { diffLines, worst } from "./helpers/diff-table.js";

type Doc = Record<string, unknown>;

/** The object at `keys` below `d` (rows edit nested OpenAPI objects in place). */
function at(d: Doc, ...keys: string[]): Doc {
  let node: unknown = d;
  for (const key of keys) node = (node as Doc)[key];
  return node as Doc;
}

const str = { type: "string" };

/** One path (with a path-level parameter) with a GET (a query, a header and a path parameter; a 200 and a 404) and a POST (a body). */
function base(): Doc {
  return {
    openapi: "3.0.3",
    info: { title: "Operations", version: "1" },
    paths: {
      "/api/x/{x_id}": {
        parameters: [{ in: "path", name: "x_id", required: true, schema: str }],
        get: {
          operationId: "x_retrieve",
          summary: "Get x",
          parameters: [
            { in: "query", name: "q", schema: str },
            { in: "header", name: "X-Trace", schema: str },
          ],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object", properties: { a: str } } } } },
            "404": { $ref: "#/components/responses/NotFound" },
          },
        },
        post: {
          operationId: "x_update",
          requestBody: { $ref: "#/components/requestBodies/XBody" },
          responses: { "204": { description: "" } },
        },
      },
    },
    components: {
      schemas: {},
      responses: { NotFound: { description: "Not found", headers: { "X-Why": { $ref: "#/components/headers/Why" } } } },
      requestBodies: { XBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { a: str } } } } } },
      headers: { Why: { schema: str } },
      parameters: { Page: { in: "query", name: "page", schema: { type: "integer" } } },
    },
  };
}

const GET = "GET /api/x/{x_id}";
const POST = "POST /api/x/{x_id}";
const get = (d: Doc): Doc => at(d, "paths", "/api/x/{x_id}", "get");
const post = (d: Doc): Doc => at(d, "paths", "/api/x/{x_id}", "post");
const ok = (d: Doc): Doc => at(get(d), "responses", "200");

interface Row {
  readonly name: string;
  readonly old?: (d: Doc) => void;
  readonly given: (d: Doc) => void;
  readonly lines: string[];
}

const rows: Row[] = [
  // operation metadata
  ...(["description", "tags", "deprecated", "externalDocs"] as const).map((field): Row => ({
    name: `operation ${field} changed`,
    given: (d) => {
      get(d)[field] = field === "tags" ? ["x"] : field === "deprecated" ? true : field === "externalDocs" ? { url: "https://x" } : "More.";
    },
    lines: [`docs \`${GET}\`: ${field} changed`],
  })),
  {
    name: "operationId removed",
    given: (d) => {
      delete get(d)["operationId"];
    },
    lines: [`breaking \`${GET}\`: operationId x_retrieve → undefined`],
  },
  // parameters
  {
    name: "path-level parameter overridden by the operation's",
    given: (d) => {
      (get(d)["parameters"] as Doc[]).push({ in: "path", name: "x_id", required: true, schema: { type: "string", format: "uuid" } });
    },
    lines: [`runtime-breaking \`${GET} {x_id}\`: the server now refuses more values (format "uuid")`],
  },
  {
    name: "header parameter made required",
    given: (d) => {
      (get(d)["parameters"] as Doc[])[1] = { in: "header", name: "X-Trace", required: true, schema: str };
    },
    lines: [`breaking \`${GET} header X-Trace\`: now required`],
  },
  {
    name: "header parameter made optional",
    old: (d) => {
      (get(d)["parameters"] as Doc[])[1] = { in: "header", name: "X-Trace", required: true, schema: str };
    },
    given: () => undefined,
    lines: [`additive \`${GET} header X-Trace\`: now optional`],
  },
  {
    name: "cookie parameter added, optional",
    given: (d) => {
      (get(d)["parameters"] as Doc[]).push({ in: "cookie", name: "session", schema: str });
    },
    lines: [`additive \`${GET} cookie session\`: new optional parameter`],
  },
  {
    name: "a path parameter is always required (even without `required`)",
    given: (d) => {
      at(d, "paths", "/api/x/{x_id}")["parameters"] = [{ in: "path", name: "x_id", schema: str }];
    },
    lines: [],
  },
  {
    name: "a $ref'd parameter added",
    given: (d) => {
      (get(d)["parameters"] as Doc[]).push({ $ref: "#/components/parameters/Page" });
    },
    lines: [`additive \`${GET}?page\`: new optional parameter`],
  },
  {
    name: "a $ref'd parameter changed where it is defined",
    old: (d) => {
      (get(d)["parameters"] as Doc[]).push({ $ref: "#/components/parameters/Page" });
    },
    given: (d) => {
      (get(d)["parameters"] as Doc[]).push({ $ref: "#/components/parameters/Page" });
      at(d, "components", "parameters", "Page")["schema"] = str;
    },
    lines: [`breaking \`${GET}?page\`: type \`number\` → \`string\``, `docs \`${GET}?page\`: constraints changed (integer)`, "none `components.parameters`: changed (compared where operations use them)"],
  },
  ...(["example", "examples", "deprecated"] as const).map((field): Row => ({
    name: `parameter ${field} changed`,
    given: (d) => {
      (get(d)["parameters"] as Doc[])[0] = { in: "query", name: "q", schema: str, [field]: field === "deprecated" ? true : field === "examples" ? { a: { value: "x" } } : "x" };
    },
    lines: [`docs \`${GET}?q\`: documentation changed`],
  })),
  {
    name: "entries without a name or place are no parameters",
    given: (d) => {
      (get(d)["parameters"] as unknown[]).push({ in: "query" }, { name: "n" }, "junk");
    },
    lines: [`none \`${GET}\`: same types, different encoding`],
  },
  // request bodies
  {
    name: "a $ref'd request body made optional and documented",
    given: (d) => {
      post(d)["requestBody"] = { description: "X.", content: { "application/json": { schema: { type: "object", properties: { a: str } } } } };
    },
    lines: [`additive \`${POST} body\`: now optional`, `docs \`${POST} body\`: documentation changed`],
  },
  {
    name: "new optional request body (required: false)",
    given: (d) => {
      get(d)["requestBody"] = { required: false, content: {} };
    },
    lines: [`additive \`${GET} body\`: new optional request body`],
  },
  {
    name: "request body property change through its $ref",
    given: (d) => {
      at(d, "components", "requestBodies", "XBody", "content", "application/json", "schema")["required"] = ["a"];
    },
    lines: [`breaking \`${POST} body.a\`: now required`, "none `components.requestBodies`: changed (compared where operations use them)"],
  },
  // responses, headers, media types
  {
    name: "response headers through $refs: made required, documented",
    given: (d) => {
      at(d, "components", "headers")["Why"] = { required: true, description: "Why.", schema: str };
    },
    lines: [`additive \`${GET} 404 header X-Why\`: now always sent`, `docs \`${GET} 404 header X-Why\`: documentation changed`, "none `components.headers`: changed (compared where operations use them)"],
  },
  {
    name: "response header retyped",
    given: (d) => {
      at(d, "components", "headers")["Why"] = { schema: { type: "integer" } };
    },
    lines: [`breaking \`${GET} 404 header X-Why\`: type \`string\` → \`number\``, `docs \`${GET} 404 header X-Why\`: constraints changed (integer)`, "none `components.headers`: changed (compared where operations use them)"],
  },
  {
    name: "a second media type: each is named",
    given: (d) => {
      at(ok(d), "content")["text/csv"] = { schema: str };
      at(ok(d), "content", "application/json", "schema", "properties")["b"] = str;
    },
    lines: [`additive \`${GET} 200\`: new media type text/csv`, `additive \`${GET} 200 application/json.b\`: new property`],
  },
  {
    name: "a media type's examples changed",
    given: (d) => {
      at(ok(d), "content", "application/json")["examples"] = { one: { value: { a: "x" } } };
    },
    lines: [`docs \`${GET} 200\`: examples changed`],
  },
  {
    name: "response documentation changed",
    given: (d) => {
      ok(d)["description"] = "Fine.";
    },
    lines: [`docs \`${GET} 200\`: documentation changed`],
  },
  {
    name: "content no longer an object",
    given: (d) => {
      ok(d)["content"] = null;
    },
    lines: [`breaking \`${GET} 200\`: media type application/json removed`],
  },
  // security
  {
    name: "scopes are listed sorted; a scope added is another alternative",
    old: (d) => {
      get(d)["security"] = [{ oauth: ["write"] }];
    },
    given: (d) => {
      get(d)["security"] = [{ oauth: ["write", "admin"] }, "junk"];
    },
    lines: [`additive \`${GET}\`: now also accepts oauth [admin, write]`, `breaking \`${GET}\`: no longer accepts oauth [write]`],
  },
  {
    name: "security that is no list is none",
    old: (d) => {
      get(d)["security"] = { apiKey: [] };
    },
    given: (d) => {
      get(d)["security"] = [{ apiKey: [], other: [] }];
    },
    lines: [`breaking \`${GET}\`: now requires authentication (apiKey + other)`],
  },
  {
    name: "the same alternatives in another order",
    old: (d) => {
      get(d)["security"] = [{ a: [] }, { b: ["y", "x"] }];
    },
    given: (d) => {
      get(d)["security"] = [{ b: ["x", "y"] }, { a: [] }];
    },
    lines: [`none \`${GET}\`: same types, different encoding`],
  },
  // what is no operation
  {
    name: "path items and methods that are no objects are skipped",
    given: (d) => {
      at(d, "paths")["/api/null"] = null;
      at(d, "paths")["/api/y"] = { get: "junk", parameters: "junk" };
    },
    lines: [],
  },
];

describe("spec:diff operation comparison", () => {
  // Plain titles (not it.each's quoted, truncated ones): Stryker selects the tests covering a mutant by title.
  for (const { name, old, given, lines } of rows) it(name, () => {
    const before = base();
    old?.(before);
    const after = base();
    given(after);
    const { diff, lines: got } = diffLines(before, after);
    expect(got, got.join("\n")).toEqual([...lines].sort());
    expect(diff.class).toBe(worst(lines));
  });
});
