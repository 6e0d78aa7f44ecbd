import { createUltravoxClient, unwrap } from "@ultravox-api/client";

/**
 * In a page: only for local demos with a throwaway key, since anyone who opens the page can read it.
 * Without `dangerouslyAllowBrowser` the client refuses to start here; with it, the key is sent as
 * `X-Unsafe-API-Key`, the one key header the API allows in a browser's CORS preflight.
 */
export async function demoAgents(throwawayKey: string): Promise<string[]> {
  const client = createUltravoxClient({ apiKey: throwawayKey, dangerouslyAllowBrowser: true });
  const page = await unwrap(client.GET("/api/agents"));
  return page.results.map((agent) => agent.name ?? agent.agentId);
}
