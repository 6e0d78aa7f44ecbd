import { describe, expect, it } from "vitest";
import { toMockHandler } from "../src/adapters/web-request.js";
import { spec as bundledSpec } from "../src/generated/spec.js";
import { createMockInstance, type MockInstance } from "../src/instance/mock-instance.js";
import { field, send } from "./helpers/api.js";

/**
 * "Compiled once at start": every validator a request can need exists before the first request,
 * so answering never runs ajv's compiler. The bundled spec's validators come compiled from the
 * build (none at start either); another spec's are all compiled when the mock is built.
 */

const START = "2025-01-01T00:00:00Z";

/** Requests reaching every validator kind: parameters, queries, bodies, and each write the core checks. */
async function exercise(core: MockInstance): Promise<number[]> {
  const mock = toMockHandler(core);
  const key = mock.apiKey;
  const statuses: number[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await send(mock.fetch, method, path, { key, ...(body === undefined ? {} : { body }) });
    statuses.push(answer.status);
    return answer.json;
  };
  const agentId = field(await call("POST", "/api/agents", { name: "compile-once" }), "agentId");
  await call("PATCH", `/api/agents/${agentId}`, { name: "renamed" });
  const toolId = field(await call("POST", "/api/tools", { name: "lookup", definition: { description: "Looks up" } }), "toolId");
  await call("PUT", `/api/tools/${toolId}`, { name: "lookup2", definition: { description: "More" } });
  await call("POST", "/api/telephony_configs/twilio", { accountSid: "a", authToken: "t" });
  await call("PATCH", "/api/telephony_configs/twilio", { accountSid: "b" });
  // A batch whose window is open: its scheduled calls (written with values) become real calls.
  const outgoing = { twilio: { outgoing: { to: "+15550000001", from: "+15559990000" } } };
  const batch = await call("POST", `/api/agents/${agentId}/scheduled_batches`, {
    calls: [{ medium: outgoing, metadata: { row: "1" } }, { medium: outgoing }],
    windowStart: START,
    windowEnd: "2025-01-01T01:00:00Z",
  });
  await mock.clock.advance(10_000);
  const scheduled = await call("GET", `/api/agents/${agentId}/scheduled_batches/${field(batch, "batchId")}/created_calls`);
  const callId = field((scheduled as { results: unknown[] }).results[0], "callId");
  await call("DELETE", `/api/calls/${callId}`);
  await call("GET", "/api/deleted_calls");
  // Bad input: a query, a body and a path parameter that fail validation.
  await call("GET", "/api/voices?billingStyle=FREE");
  await call("POST", "/api/agents", { name: true });
  await call("GET", "/api/agents/not-a-uuid");
  // Then every operation once, with whatever ids and an empty body.
  for (const op of core.engine.spec.operations) {
    const path = op.template.replace(/\{[^}]+\}/g, agentId);
    await call(op.method, path, ["POST", "PUT", "PATCH"].includes(op.method) ? {} : undefined);
  }
  return statuses;
}

describe("validators are compiled once, at start", () => {
  it("the bundled spec: none compiled at start (built ahead) and none while answering", async () => {
    const core = createMockInstance({ seed: 3, clock: { mode: "virtual", start: START }, lifecycle: { callIntervalMs: 0 } });
    expect(core.engine.spec.compilations).toBe(0);
    const statuses = await exercise(core);
    // The scenario really ran: creations, the made call's deletion, and the 400s.
    expect(statuses.slice(0, 7)).toEqual([201, 200, 201, 200, 201, 200, 201]);
    // The malformed id is a routing miss (404, as Django's converters), checked before any validator.
    expect(statuses.slice(8, 13)).toEqual([204, 200, 400, 400, 404]);
    expect(core.engine.spec.compilations).toBe(0);
  });

  it("another spec: every validator compiled when the mock is built, none while answering", async () => {
    const spec = structuredClone(bundledSpec) as Record<string, unknown>;
    const core = createMockInstance({ spec, seed: 3, clock: { mode: "virtual", start: START }, lifecycle: { callIntervalMs: 0 } });
    const atStart = core.engine.spec.compilations;
    // Parameter sets, request bodies and the response schemas the core checks its writes with.
    expect(atStart).toBeGreaterThan(90);
    const statuses = await exercise(core);
    expect(statuses.slice(0, 7)).toEqual([201, 200, 201, 200, 201, 200, 201]);
    expect(core.engine.spec.compilations).toBe(atStart);
  });
});
