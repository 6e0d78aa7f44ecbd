/**
 * What the DRF differential cannot cover: Ultravox's own resources and rules, with the mock's
 * defaults. Server-assigned fields of the protobuf-derived corpora and sources, no invented values
 * on create, multipart uploads, a required body, the batch checks on by default, CORS off.
 */
import { createMockHandler } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { field, send } from "./helpers/api.js";

const SENT_ID = "11111111-1111-4111-8111-111111111111";
const BASE = "https://api.ultravox.ai";

describe("server-assigned fields and no invented values (corpora, sources)", () => {
  it("a corpusId in the body is ignored: a second create makes a second corpus", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const first = await send(mock.fetch, "POST", "/api/corpora", { key, body: { name: "a", corpusId: SENT_ID } });
    const second = await send(mock.fetch, "POST", "/api/corpora", { key, body: { name: "b", corpusId: SENT_ID } });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(field(first.json, "corpusId")).not.toBe(SENT_ID);
    expect(field(second.json, "corpusId")).not.toBe(field(first.json, "corpusId"));
    const listed = await send(mock.fetch, "GET", "/api/corpora", { key });
    expect((listed.json as { results: { name: string }[] }).results.map((corpus) => corpus.name).sort()).toEqual(["a", "b"]);
  });

  it("a PATCH of corpusId, created or stats is ignored: the corpus stays where it is", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const created = await send(mock.fetch, "POST", "/api/corpora", { key, body: { name: "a" } });
    const id = field(created.json, "corpusId");
    const patched = await send(mock.fetch, "PATCH", `/api/corpora/${id}`, {
      key,
      body: { name: "renamed", corpusId: SENT_ID, created: "2001-01-01T00:00:00Z", stats: { numDocs: 9 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ corpusId: id, name: "renamed", created: field(created.json, "created") });
    expect((await send(mock.fetch, "GET", `/api/corpora/${id}`, { key })).status).toBe(200);
  });

  const creations = [
    {
      given: { path: "/api/corpora", body: { name: "kb" } },
      want: { absent: ["description"], stats: { status: "CORPUS_STATUS_EMPTY", numChunks: 0, numDocs: 0, numVectors: 0 } },
    },
    {
      given: { path: "/api/corpora/{corpus}/sources", body: { name: "site", crawl: { startUrls: ["https://example.com/"], maxDocuments: 5 } } },
      want: { absent: ["description", "upload", "loadSpec", "advanced"], stats: { status: "SOURCE_STATUS_INITIALIZING", numDocs: 0 } },
    },
  ];
  for (const { given, want } of creations) {
    it(`POST ${given.path}: omitted optional fields absent, stats empty`, async () => {
      const mock = createMockHandler();
      const key = mock.apiKey;
      const corpus = field((await send(mock.fetch, "POST", "/api/corpora", { key, body: { name: "parent" } })).json, "corpusId");
      const answer = await send(mock.fetch, "POST", given.path.replace("{corpus}", corpus), { key, body: given.body });
      expect(answer.status).toBe(201);
      const value = answer.json as Record<string, unknown>;
      for (const name of want.absent) expect({ name, present: name in value }).toEqual({ name, present: false });
      expect(value["stats"]).toEqual(want.stats);
      expect(value).toMatchObject(given.body);
    });
  }

  it("a batch's paused defaults to false", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const agent = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
    const batch = await send(mock.fetch, "POST", `/api/agents/${agent}/scheduled_batches`, {
      key,
      body: { calls: [{ medium: { twilio: { outgoing: { to: "+15550000001", from: "+15550000000" } } } }] },
    });
    expect(batch.status).toBe(201);
    expect((batch.json as Record<string, unknown>)["paused"]).toBe(false);
  });
});

describe("media types and required bodies", () => {
  async function upload(path: string, parts: Record<string, string | Blob>): Promise<{ status: number; json: unknown }> {
    const mock = createMockHandler();
    const form = new FormData();
    for (const [name, value] of Object.entries(parts)) form.append(name, value);
    const response = await mock.fetch(`${BASE}${path}`, { method: "POST", headers: { "X-API-Key": mock.apiKey }, body: form });
    return { status: response.status, json: await response.json() };
  }
  const wav = new Blob([new Uint8Array([82, 73, 70, 70])], { type: "audio/wav" });
  const table = [
    { name: "a voice clone: file and name", path: "/api/voices", parts: { file: wav, name: "My voice", language: "en-GB" }, want: { status: 201, has: { name: "My voice" } } },
    { name: "a voice clone without its file", path: "/api/voices", parts: { name: "My voice" }, want: { status: 400, body: { file: ["This field is required."] } } },
    { name: "a voice clone without a name", path: "/api/voices", parts: { file: wav }, want: { status: 400, body: { name: ["This field is required."] } } },
    { name: "a tool from an OpenAPI file", path: "/api/tools", parts: { file: new Blob(["openapi: 3.0.0"], { type: "application/yaml" }) }, want: { status: 201, has: {} } },
    { name: "a tool upload without its file", path: "/api/tools", parts: { other: "x" }, want: { status: 400, body: { file: ["This field is required."] } } },
  ];
  for (const { name, path, parts, want } of table) {
    it(`multipart/form-data: ${name}`, async () => {
      const answer = await upload(path, parts);
      expect(answer.status).toBe(want.status);
      if ("body" in want) expect(answer.json).toEqual(want.body);
      if ("has" in want) expect(answer.json).toMatchObject(want.has);
    });
  }

  it("a POST without a body where the spec requires one: DRF's No data provided (corpora), field errors where fields are required", async () => {
    const mock = createMockHandler();
    const corpora = await send(mock.fetch, "POST", "/api/corpora", { key: mock.apiKey });
    expect({ status: corpora.status, json: corpora.json }).toEqual({ status: 400, json: { non_field_errors: ["No data provided"] } });
    const webhooks = await send(mock.fetch, "POST", "/api/webhooks", { key: mock.apiKey });
    expect(webhooks.status).toBe(400);
    expect(Object.keys(webhooks.json as object).sort()).toEqual(["events", "url"]);
  });
});

describe("defaults that match production", () => {
  const shortWindow = { windowStart: "2025-01-02T00:00:00Z", windowEnd: "2025-01-02T00:00:01Z", calls: [{ medium: { twilio: { outgoing: { to: "+15550000001", from: "+15550000000" } } } }] };

  it("the API's batch checks are on by default: a window too short is a 400; lifecycle: false accepts it", async () => {
    for (const [options, want] of [
      [{}, 400],
      [{ lifecycle: false }, 201],
    ] as const) {
      const mock = createMockHandler(options);
      const key = mock.apiKey;
      const agent = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
      const answer = await send(mock.fetch, "POST", `/api/agents/${agent}/scheduled_batches`, { key, body: shortWindow });
      expect({ options, status: answer.status }).toEqual({ options, status: want });
      if (want === 400) expect(Object.keys(answer.json as object)).toEqual(["windowEnd"]);
    }
  });

  it("batches progress by default once the test moves the clock (and not before)", async () => {
    const mock = createMockHandler();
    const key = mock.apiKey;
    const agent = field((await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "a" } })).json, "agentId");
    const body = { windowStart: "2025-01-01T01:00:00Z", calls: shortWindow.calls };
    const batch = field((await send(mock.fetch, "POST", `/api/agents/${agent}/scheduled_batches`, { key, body })).json, "batchId");
    const statuses = async (): Promise<string[]> =>
      ((await send(mock.fetch, "GET", `/api/agents/${agent}/scheduled_batches/${batch}/scheduled_calls`, { key })).json as { results: { status: string }[] }).results.map((call) => call.status);
    expect(await statuses()).toEqual(["FUTURE"]);
    await mock.clock.advance(2 * 3600_000);
    expect(await statuses()).toEqual(["SUCCESS"]);
  });

  it("CORS is on by default and off with cors: false", async () => {
    const preflight = { Origin: "https://demo.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-unsafe-api-key" };
    const on = await createMockHandler().fetch(`${BASE}/api/agents`, { method: "OPTIONS", headers: preflight });
    expect({ status: on.status, headers: on.headers.get("access-control-allow-headers") }).toEqual({ status: 200, headers: expect.stringContaining("x-unsafe-api-key") as unknown });
    const off = await createMockHandler({ cors: false }).fetch(`${BASE}/api/agents`, { method: "OPTIONS", headers: preflight });
    // Without CORS handling the preflight reaches the API: DRF authenticates OPTIONS, so 401.
    expect({ status: off.status, cors: off.headers.get("access-control-allow-origin") }).toEqual({ status: 401, cors: null });
  });

  it("HEAD in-process: GET's status and headers without a body", async () => {
    const mock = createMockHandler();
    const head = await mock.fetch(`${BASE}/api/agents`, { method: "HEAD", headers: { "X-API-Key": mock.apiKey } });
    const get = await mock.fetch(`${BASE}/api/agents`, { headers: { "X-API-Key": mock.apiKey } });
    const text = await get.text();
    expect({ status: head.status, body: await head.text(), length: head.headers.get("content-length"), allow: head.headers.get("allow") }).toEqual({
      status: 200,
      body: "",
      length: String(new TextEncoder().encode(text).byteLength),
      allow: get.headers.get("allow"),
    });
  });
});
