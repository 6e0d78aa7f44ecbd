import { connect } from "node:net";
import { createMockHandler, startMockServer } from "@ultravox-api/mock-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { field, send } from "./helpers/api.js";
import { specOperations } from "./helpers/spec-validator.js";

/**
 * A DRF error body: {"detail": "..."} or field names mapping to messages (nested for nested
 * fields; a list of nested serializers as a list of objects) — or Django's HTML page of a routing miss.
 */
function isDrfBody(text: string): boolean {
  if (text.includes("<h1>Not Found</h1>")) return true;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const entries = Object.entries(data);
  if (entries.length === 0) return false;
  if (typeof (data as { detail?: unknown }).detail === "string") return true;
  return entries.every(([, value]) => isFieldErrors(value));
}

/** DRF's field errors: a non-empty list of messages or of item errors, or an object of them (nested fields). */
function isFieldErrors(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => (typeof item === "string" ? item !== "" : isItemErrors(item)));
  if (typeof value !== "object" || value === null) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every(isFieldErrors);
}

/** One item of a nested list's errors (`many=True`): `{}` for a valid item, else its field errors. */
function isItemErrors(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every(isFieldErrors);
}

const templates = [...new Set([...specOperations.values()].map((entry) => entry.path))];
const nasty = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "%", "%E0%A4%A", "..", "a/b", "x".repeat(3000), "🙂", ""];

const segment = fc.oneof(fc.constantFrom(...nasty), fc.uuid(), fc.string({ maxLength: 40 }));
const path = fc.tuple(fc.constantFrom(...templates), fc.array(segment, { minLength: 6, maxLength: 6 })).map(([template, values]) => {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? ""));
});
const queryKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "pageSize", "cursor", "status", "search", "agentId"), fc.string({ maxLength: 10 }));
const query = fc.array(fc.tuple(queryKey, fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 20 }))), { maxLength: 4 });
const pollutingObject = fc
  .dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "name", "calls", "url", "events"), fc.jsonValue(), { maxKeys: 4 })
  .map((object) => JSON.stringify(object));
const body = fc.oneof(
  fc.constant(undefined),
  fc.json(),
  fc.string({ maxLength: 60 }),
  pollutingObject,
  fc.constant('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "name": "p"}'),
  fc.constant("{"),
  fc.constant("x".repeat(2_000_000)),
);
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "multipart/form-data; boundary=xyz",
  "application/x-www-form-urlencoded",
  "application/xml",
  ";;;",
);
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

describe("isDrfBody, the check the corpus below relies on", () => {
  it.each([
    { given: '{"detail": "Not found."}', want: true },
    { given: '{"name": ["This field is required."]}', want: true },
    { given: '{"callTemplate": {"voice": ["Not a valid string."]}}', want: true },
    { given: '{"x": null}', want: false },
    { given: '{"x": []}', want: false },
    { given: '{"x": [1]}', want: false },
    { given: '{"x": {}}', want: false },
    { given: '{"x": "text"}', want: false },
    { given: "{}", want: false },
    { given: "[]", want: false },
    { given: "not json", want: false },
  ])("$given → $want", ({ given, want }) => {
    expect(isDrfBody(given)).toBe(want);
  });
});

describe("a generated corpus of bad requests", () => {
  it("never gets a 5xx, always gets a DRF body on 4xx, and corrupts no state", async () => {
    const mock = createMockHandler({ seed: 99 });
    const key = mock.apiKey;
    const agent = await send(mock.fetch, "POST", "/api/agents", { key, body: { name: "keeper" } });
    const agentId = field(agent.json, "agentId");
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(method, path, query, body, contentType, fc.boolean(), async (verb, target, pairs, payload, type, withKey) => {
        const search = new URLSearchParams(pairs).toString();
        const url = `https://api.ultravox.ai${target}${search === "" ? "" : `?${search}`}`;
        const hasBody = payload !== undefined && verb !== "GET";
        const headers: Record<string, string> = {};
        if (withKey) headers["x-api-key"] = key;
        if (type !== undefined) headers["content-type"] = type;
        const response = await mock.handler(new Request(url, { method: verb, headers, ...(hasBody ? { body: payload } : {}) }));
        const text = await response.text();
        if (response.status >= 500) failures.push(`${verb} ${url.slice(0, 200)} → ${response.status} ${text.slice(0, 200)}`);
        if (response.status >= 400 && !isDrfBody(text)) failures.push(`${verb} ${url.slice(0, 200)} → ${response.status} non-DRF ${text.slice(0, 100)}`);
        return failures.length === 0;
      }),
      { numRuns: 400, seed: 20260101 },
    );
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    const after = await send(mock.fetch, "GET", `/api/agents/${agentId}`, { key });
    expect(after.status).toBe(200);
    expect(field(after.json, "name")).toBe("keeper");
  });

  it("over HTTP: malformed request lines and oversized headers get a 4xx with a DRF body, and the server keeps serving", async () => {
    const server = await startMockServer();
    try {
      const url = new URL(server.url);
      const raw = async (bytes: string): Promise<string> =>
        new Promise((resolve) => {
          const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
          let out = "";
          socket.on("data", (chunk: Buffer) => (out += chunk.toString()));
          socket.on("close", () => {
            resolve(out);
          });
          socket.on("error", () => {
            resolve(out);
          });
        });
      const table = [
        { given: "NOT HTTP AT ALL\r\n\r\n", want: /^HTTP\/1\.1 400/ },
        { given: `GET /api/agents HTTP/1.1\r\nHost: x\r\nX-Big: ${"y".repeat(70_000)}\r\n\r\n`, want: /^HTTP\/1\.1 431/ },
        { given: "GET /api/%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", want: /^HTTP\/1\.1 404/ },
        { given: "GET //evil.example.com/api/agents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", want: /^HTTP\/1\.1 404/ },
      ];
      for (const { given, want } of table) {
        const answer = await raw(given);
        expect(answer).toMatch(want);
        expect(isDrfBody(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toBe(true);
      }
      expect((await send(fetch, "GET", "/api/agents", { key: server.apiKey, base: server.url })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
