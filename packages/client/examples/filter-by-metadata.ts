import { createUltravoxClient, unwrap } from "@ultravox-api/client";

const client = createUltravoxClient();

/** Calls tagged with metadata `{ team: "blue" }`: sent as `?metadata.team=blue`, the form the API reads. */
export async function blueTeamCalls(): Promise<string[]> {
  const page = await unwrap(client.GET("/api/calls", { params: { query: { metadata: { team: "blue" }, pageSize: 50 } } }));
  return page.results.map((call) => call.callId);
}
