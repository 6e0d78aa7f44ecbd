import { createApiError, createUltravoxClient } from "@ultravox-api/client";

const client = createUltravoxClient();

/** The `{ data, error }` style, turning a failure into the same typed error `unwrap` throws. */
export async function agentName(agentId: string): Promise<string | undefined> {
  const { data, error, response } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: agentId } } });
  // Method and URL come from the request the client sent: "GET https://… failed with HTTP 404: Not found."
  if (error !== undefined) throw createApiError({ response, body: error });
  return data.name;
}
