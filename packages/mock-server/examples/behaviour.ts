import { createMockHandler, fail, type MockBehaviour } from "@ultravox-api/mock-server";

// A rule the spec cannot say: agent names are unique per account. Registered for the operationId
// of POST /api/agents; every other operation keeps its behaviour.
const uniqueAgentNames: MockBehaviour = {
  operations: {
    agents_create: {
      check(call) {
        const taken = call.store.items("/api/agents").some((agent) => agent.value["name"] === call.body["name"]);
        if (taken) throw fail(400, { name: ["An agent with this name already exists."] });
        return undefined;
      },
    },
  },
};

export async function createTwice(): Promise<number[]> {
  const mock = createMockHandler({ behaviours: [uniqueAgentNames] });
  const create = () =>
    mock.fetch("https://api.ultravox.ai/api/agents", {
      method: "POST",
      headers: { "x-api-key": mock.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ name: "Support" }),
    });
  return [(await create()).status, (await create()).status]; // [201, 400]
}
