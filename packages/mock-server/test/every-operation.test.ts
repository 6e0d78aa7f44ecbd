import { createMockHandler } from "@ultravox-api/mock-server";
import { beforeAll, describe, expect, it } from "vitest";
import { field, results, send } from "./helpers/api.js";
import { checkResponse, specOperations } from "./helpers/spec-validator.js";

/** Minimal valid bodies for operations with required fields; every other body is `{}`. */
const BODIES: Record<string, unknown> = {
  agents_scheduled_batches_create: { calls: [{}, {}], webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" },
  api_keys_create: { name: "ci key" },
  call_throttles_create: { name: "t", rules: [{ maxCalls: 5, windowSeconds: 60 }] },
  call_throttles_update: { name: "t2", rules: [{ maxCalls: 1, windowSeconds: 1 }] },
  send_data_message_to_call: { type: "user_text_message" },
  corpora_uploads_create: { mimeType: "text/plain" },
  // A body is required there (requestBody.required): an empty POST is DRF's "No data provided".
  corpora_create: { name: "kb" },
  corpora_sources_create: { name: "docs", crawl: { startUrls: ["https://example.com/"] } },
  sip_registrations_create: { username: "u", password: "p", proxy: "sip.example.com" },
  telephony_configs_plivo_create: { authId: "a", authToken: "t" },
  telephony_configs_telnyx_create: { accountSid: "a", apiKey: "k", applicationSid: "s", publicKey: "p" },
  telephony_configs_twilio_create: { accountSid: "a", authToken: "t" },
  tools_create: { name: "lookup", definition: { description: "Looks things up" } },
  tools_update: { name: "lookup2", definition: { description: "Looks more up" } },
  preview_voice: { name: "v", definition: {} },
  voices_create: { name: "v", definition: {} },
  voices_update: { name: "v2", definition: {} },
  webhooks_create: { url: "https://hooks.example.com/a", events: ["call.started"] },
  webhooks_update: { url: "https://hooks.example.com/b", events: ["call.ended"] },
};

const mock = createMockHandler({ seed: 7 });
const key = mock.apiKey;
const ids: Record<string, string> = { call_stage_message_index: "0" };
const callFor: Record<string, string> = {};

async function create(path: string, body: unknown, idField: string): Promise<string> {
  const answer = await send(mock.fetch, "POST", path, { key, body });
  expect(answer.status, `${path}: ${answer.text}`).toBe(201);
  return field(answer.json, idField);
}

async function firstOf(path: string, idField: string): Promise<string> {
  const answer = await send(mock.fetch, "GET", path, { key });
  const first = results(answer.json)[0];
  return field(first, idField);
}

function order(method: string, operationId: string): number {
  if (method === "DELETE") return 3;
  if (operationId.endsWith("_create") && method === "POST") return 0;
  return 1;
}

beforeAll(async () => {
  ids["agent_id"] = await create("/api/agents", { name: "every-op" }, "agentId");
  ids["batch_id"] = await create(`/api/agents/${ids["agent_id"]}/scheduled_batches`, { calls: [{}], webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" }, "batchId");
  ids["call_id"] = await create("/api/calls", {}, "callId");
  ids["call_stage_id"] = await firstOf(`/api/calls/${ids["call_id"]}/stages`, "callStageId");
  ids["tool_id"] = await create("/api/tools", BODIES["tools_create"], "toolId");
  ids["corpus_id"] = await create("/api/corpora", {}, "corpusId");
  ids["source_id"] = await create(`/api/corpora/${ids["corpus_id"]}/sources`, {}, "sourceId");
  ids["document_id"] = await firstOf(`/api/corpora/${ids["corpus_id"]}/sources/${ids["source_id"]}/documents`, "documentId");
  ids["voice_id"] = await create("/api/voices", BODIES["voices_create"], "voiceId");
  ids["webhook_id"] = await create("/api/webhooks", BODIES["webhooks_create"], "webhookId");
  ids["throttle_id"] = await create("/api/call_throttles", BODIES["call_throttles_create"], "throttleId");
  ids["registration_id"] = await create("/api/sip/registrations", BODIES["sip_registrations_create"], "registrationId");
  ids["api_key_prefix"] = await create("/api/api_keys", BODIES["api_keys_create"], "prefix");
  // Answers that follow the call's state get a call in the state that succeeds.
  const joined = await create("/api/calls", {}, "callId");
  await mock.calls.join(joined);
  const recorded = await create("/api/calls", { recordingEnabled: true }, "callId");
  await mock.calls.end(recorded);
  const sip = await create("/api/calls", { medium: { sip: { outgoing: { to: "sip:a@example.com", from: "sip:b@example.com" } } } }, "callId");
  await mock.calls.end(sip);
  callFor["send_data_message_to_call"] = joined;
  callFor["calls_recording_retrieve"] = recorded;
  callFor["calls_sip_logs_retrieve"] = sip;
});

describe("every operation of the spec", () => {
  it("routes all 114 operations: a request to each gets a status its operation declares, with a valid body", async () => {
    expect(specOperations.size).toBe(114);
    expect(mock.operationCount).toBe(114);
    // A mock of its own (these requests delete things): ids that name nothing, bodies that may be empty.
    const fresh = createMockHandler({ seed: "routes" });
    const problems: string[] = [];
    for (const [operationId, { method, path }] of specOperations) {
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === "call_stage_message_index" ? "0" : "00000000-0000-4000-8000-000000000000"));
      const body = operationId in BODIES ? BODIES[operationId] : ["PUT", "PATCH", "POST"].includes(method) ? {} : undefined;
      const answer = await send(fresh.fetch, method, url, { key: fresh.apiKey, ...(body === undefined ? {} : { body }) });
      if (answer.status === 405 || answer.status >= 500) problems.push(`${operationId} ${method} ${url}: ${answer.status}`);
      problems.push(...checkResponse(operationId, answer.status, answer.contentType, answer.text));
    }
    expect(problems).toEqual([]);
    // Each request reached the API (not an admin route or a fault) and was answered once.
    expect(fresh.journal.list().map((entry) => `${entry.method} ${entry.status === 405 ? "405" : "routed"}`)).toEqual(
      [...specOperations.values()].map(({ method }) => `${method} routed`),
    );
  });

  it("answers each one with a success the spec declares, and a body matching its schema", async () => {
    const problems: string[] = [];
    // Creates first, deletes last and children before parents (deleting a parent removes them).
    const entries = [...specOperations.entries()].sort(
      ([a, x], [b, y]) => order(x.method, a) - order(y.method, b) || (x.method === "DELETE" ? y.path.length - x.path.length : 0),
    );
    let checked = 0;
    for (const [operationId, { method, path }] of entries) {
      const deleted = path.startsWith("/api/deleted_calls/") ? await firstOf("/api/deleted_calls", "callId") : undefined;
      const value = (name: string) => (name === "call_id" ? callFor[operationId] : undefined) ?? deleted ?? ids[name] ?? "missing";
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
      const hasBody = ["POST", "PUT", "PATCH"].includes(method) && operationId in BODIES;
      const body = hasBody ? BODIES[operationId] : ["PUT", "PATCH"].includes(method) ? {} : undefined;
      const answer = await send(mock.fetch, method, url, { key, ...(body === undefined ? {} : { body }) });
      if (answer.status >= 400) problems.push(`${operationId} ${method} ${url}: ${answer.status} ${answer.text.slice(0, 200)}`);
      problems.push(...checkResponse(operationId, answer.status, answer.contentType, answer.text));
      if (answer.status === 302 && answer.headers.get("location") === null) problems.push(`${operationId}: 302 without Location`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(114);
  });

  it("answers each one without a key with a 401 the spec declares", async () => {
    const problems: string[] = [];
    for (const [operationId, { method, path, op }] of specOperations) {
      const open = Array.isArray(op["security"]) && (op["security"] as object[]).some((entry) => Object.keys(entry).length === 0);
      if (open) continue;
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => ids[name] ?? "x");
      const answer = await send(mock.fetch, method, url, { key: null });
      if (answer.status !== 401) problems.push(`${operationId}: ${answer.status}`);
      problems.push(...checkResponse(operationId, 401, answer.contentType, answer.text));
    }
    expect(problems).toEqual([]);
  });

  it("answers each one naming a resource that does not exist with a 404 the spec declares", async () => {
    const problems: string[] = [];
    const absent = "00000000-0000-4000-8000-000000000000";
    for (const [operationId, { method, path }] of specOperations) {
      if (!path.includes("{") || path.includes("{api_key_prefix}") || path.includes("{registration_id}")) continue;
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === "call_stage_message_index" ? "0" : absent));
      const body = operationId in BODIES ? BODIES[operationId] : ["PUT", "PATCH", "POST"].includes(method) ? {} : undefined;
      const answer = await send(mock.fetch, method, url, { key, ...(body === undefined ? {} : { body }) });
      if (answer.status !== 404) problems.push(`${operationId}: ${answer.status} ${answer.text.slice(0, 120)}`);
      problems.push(...checkResponse(operationId, 404, answer.contentType, answer.text));
    }
    expect(problems).toEqual([]);
  });
});
