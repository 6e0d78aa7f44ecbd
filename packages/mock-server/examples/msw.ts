import { createUltravoxClient } from "@ultravox-api/client";
import { createMockHandler } from "@ultravox-api/mock-server";
import { http } from "msw";
import { setupServer } from "msw/node";

/** MSW sends every request for the API's real origin to the mock; the client keeps its defaults. */
export async function countAgentsThroughMsw(): Promise<number | undefined> {
  const mock = createMockHandler({ seed: 3 });
  const server = setupServer(http.all("https://api.ultravox.ai/*", ({ request }) => mock.handler(request)));
  server.listen({ onUnhandledRequest: "error" });
  try {
    const client = createUltravoxClient({ apiKey: mock.apiKey }); // default baseUrl, global fetch
    await client.POST("/api/agents", { body: { name: "Support" } });
    await client.POST("/api/agents", { body: { name: "Sales" } });
    const { data } = await client.GET("/api/agents", { params: { query: { search: "sup" } } });
    return data?.total; // 1
  } finally {
    server.close();
  }
}
