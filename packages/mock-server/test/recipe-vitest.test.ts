/**
 * The README's test-runner recipe, as written there: one mock per worker (vitest runs each file in
 * its own worker), started in beforeAll, closed in afterAll, reset before each test.
 */
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer(); // port 0: a free port for this worker
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset(); // every tenant back to its seeded state; clock, faults and journal keep theirs
});

it("creates an agent", async () => {
  const created = await fetch(`${mock.url}/api/agents`, {
    method: "POST",
    headers: { "X-API-Key": mock.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Ada" }),
  });
  expect(created.status).toBe(201);
});

it("starts the next test from the seeded state (the agent above is gone)", async () => {
  const listed = await fetch(`${mock.url}/api/agents`, { headers: { "X-API-Key": mock.apiKey } });
  const page = (await listed.json()) as { results: { name: string }[] };
  expect(page.results.map((agent) => agent.name)).not.toContain("Ada");
});
