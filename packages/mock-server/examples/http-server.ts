import { createUltravoxClient } from "@ultravox-api/client";
import { startMockServer } from "@ultravox-api/mock-server";

/** A real HTTP server on 127.0.0.1 (any free port), used by the typed client like the real API. */
export async function createAndFetchWebhook(): Promise<string | undefined> {
  const server = await startMockServer({ seed: 1, apiKeys: ["test-key"] });
  try {
    const client = createUltravoxClient({ apiKey: "test-key", baseUrl: server.url });
    const { data: created } = await client.POST("/api/webhooks", {
      body: { url: "https://hooks.example.com/ultravox", events: ["call.ended"] },
    });
    const { data: fetched } = await client.GET("/api/webhooks/{webhook_id}", {
      params: { path: { webhook_id: created?.webhookId ?? "" } },
    });
    return fetched?.url; // "https://hooks.example.com/ultravox"
  } finally {
    await server.close(); // frees the port
  }
}
