/**
 * DRF's order of checks with rate limits on, through the whole mock: routing (a miss is never
 * counted), authentication (a refused key is never counted), throttling (a 405 is counted), then
 * the view. Call creation has its own bucket; refused requests are journaled with their scope.
 */
import { createMockHandler } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { field, send } from "./helpers/api.js";

describe("rate limits in DRF's order of checks", () => {
  it("counts what passes authentication (405s too), never routing misses or refused keys; call creation apart", async () => {
    const mock = createMockHandler({ apiKeys: ["k1", "k2"], rateLimits: { perKey: 3, perAccount: null, callsPerSecond: 1, callsPerMinute: null } });
    const statuses: number[] = [];
    const at = async (method: string, path: string, key: string | null = "k1"): Promise<void> => {
      statuses.push((await send(mock.fetch, method, path, { key })).status);
    };
    await at("GET", "/api/no_such_things");
    await at("GET", "/api/agents/not-a-uuid");
    await at("GET", "/api/agents", "wrong");
    await at("GET", "/api/agents", null);
    await at("GET", "/api/agents");
    await at("PUT", "/api/agents");
    await at("GET", "/api/agents");
    await at("GET", "/api/agents");
    // Routing misses and refused keys pass untouched; the 405 took a token; the fourth counted request is throttled.
    expect(statuses).toEqual([404, 404, 401, 401, 200, 405, 200, 429]);
    const refused = await send(mock.fetch, "GET", "/api/agents", { key: "k1" });
    expect({ status: refused.status, retryAfter: refused.headers.get("retry-after"), allow: refused.headers.get("allow"), json: refused.json }).toEqual({
      status: 429,
      retryAfter: "1",
      allow: "GET, POST, HEAD, OPTIONS",
      json: { detail: "Request was throttled. Expected available in 1 second." },
    });
    expect(mock.journal.list({ status: 429 }).map((entry) => entry.fault)).toEqual(["rate-limit:key", "rate-limit:key"]);

    // Another key has its own bucket; call creation has its own, smaller one; the clock refills.
    await mock.clock.advance(1000);
    const agent = field((await send(mock.fetch, "POST", "/api/agents", { key: "k2", body: { name: "a" } })).json, "agentId");
    const creations: number[] = [];
    for (let i = 0; i < 2; i++) creations.push((await send(mock.fetch, "POST", `/api/agents/${agent}/calls`, { key: "k2", body: {} })).status);
    expect(creations).toEqual([201, 429]);
    expect(mock.journal.list({ status: 429, tenant: "tenant-2" }).map((entry) => entry.fault)).toEqual(["rate-limit:call-creation"]);
  });

  it("authenticates before the method check and routes before authenticating", async () => {
    const mock = createMockHandler();
    const table = [
      { given: { method: "PUT", path: "/api/agents", key: null }, want: { status: 401, allow: "GET, POST, HEAD, OPTIONS", challenge: "X-API-Key" } },
      { given: { method: "PUT", path: "/api/agents", key: mock.apiKey }, want: { status: 405, allow: "GET, POST, HEAD, OPTIONS", challenge: null } },
      { given: { method: "POST", path: "/api/agents/not-a-uuid", key: null }, want: { status: 404, allow: null, challenge: null } },
      { given: { method: "OPTIONS", path: "/api/agents", key: null }, want: { status: 401, allow: "GET, POST, HEAD, OPTIONS", challenge: "X-API-Key" } },
      { given: { method: "OPTIONS", path: "/api/agents", key: mock.apiKey }, want: { status: 200, allow: "GET, POST, HEAD, OPTIONS", challenge: null } },
    ];
    for (const { given, want } of table) {
      const answer = await send(mock.fetch, given.method, given.path, { key: given.key });
      expect({ given, status: answer.status, allow: answer.headers.get("allow"), challenge: answer.headers.get("www-authenticate") }).toEqual({ given, ...want });
    }
  });
});
