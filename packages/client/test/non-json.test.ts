import { describe, expect, it } from "vitest";
import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { AGENT, API_KEY } from "./support/constants.js";
import { useServers } from "./support/servers.js";

const server = useServers();
// A tiny but real WAV header plus four samples.
const WAV = Buffer.concat([Buffer.from("RIFF\x2c\x00\x00\x00WAVEfmt ", "latin1"), Buffer.from([1, 2, 3, 4, 250, 251])]);
const XML = '<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://x"/></Connect></Response>';

async function recordingSetup() {
  const storage = await server((_req, res) => {
    res.writeHead(200, { "content-type": "audio/wav", "content-length": String(WAV.length) });
    res.end(WAV);
  });
  const api = await server((_req, res) => {
    res.writeHead(302, { location: `${storage.url}/recordings/c1.wav?X-Amz-Signature=s1` });
    res.end();
  });
  return { storage, api, client: createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url }) };
}

describe("non-JSON answers", () => {
  const parseAs = [
    { parseAs: "arrayBuffer" as const, read: (data: unknown) => Promise.resolve(Buffer.from(data as ArrayBuffer)) },
    { parseAs: "blob" as const, read: async (data: unknown) => Buffer.from(await (data as Blob).arrayBuffer()) },
    { parseAs: "stream" as const, read: async (data: unknown) => Buffer.from(await new Response(data as ReadableStream).arrayBuffer()) },
  ];
  it.each(parseAs)("follows the recording's 302 and reads audio/wav with parseAs $parseAs", async ({ parseAs, read }) => {
    const { storage, client } = await recordingSetup();
    const { data, response } = await client.GET("/api/calls/{call_id}/recording", {
      params: { path: { call_id: "c1" } },
      parseAs,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect((await read(data)).equals(WAV)).toBe(true);
    expect(storage.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("hands the 302 itself to callers who ask for redirect: 'manual' (to get the signed URL)", async () => {
    const { storage, client } = await recordingSetup();
    const { error, response } = await client.GET("/api/calls/{call_id}/recording", {
      params: { path: { call_id: "c1" } },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${storage.url}/recordings/c1.wav?X-Amz-Signature=s1`);
    expect(error).toBe("");
    expect(storage.requests).toHaveLength(0);
  });

  it("follows the voice preview and SIP log redirects too", async () => {
    const { storage, client } = await recordingSetup();
    const preview = await client.GET("/api/voices/{voice_id}/preview", {
      params: { path: { voice_id: "v1" } },
      parseAs: "arrayBuffer",
    });
    const sipLogs = await client.GET("/api/calls/{call_id}/sip_logs", {
      params: { path: { call_id: "c1" } },
      parseAs: "arrayBuffer",
    });
    for (const { data } of [preview, sipLogs]) expect(Buffer.from(data as ArrayBuffer).equals(WAV)).toBe(true);
    expect(storage.requests).toHaveLength(2);
    expect(storage.requests.every((r) => r.headers["x-api-key"] === undefined)).toBe(true);
  });

  it("reads telephony XML as text", async () => {
    const api = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(XML);
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const { data, response } = await client.POST("/api/agents/{agent_id}/telephony_xml", {
      params: { path: { agent_id: AGENT } },
      parseAs: "text",
    });
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(data).toBe(XML);
    expect(api.requests[0]?.method).toBe("POST");
  });

  it("answers 204 No Content with undefined data, and unwrap resolves", async () => {
    const api = await server((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const client = createUltravoxClient({ apiKey: API_KEY, baseUrl: api.url });
    const result = await client.DELETE("/api/calls/{call_id}", { params: { path: { call_id: "c1" } } });
    expect(result.response.status).toBe(204);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeUndefined();
    await expect(unwrap(client.DELETE("/api/calls/{call_id}", { params: { path: { call_id: "c2" } } }))).resolves.toBeUndefined();
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /api/calls/c1", "DELETE /api/calls/c2"]);
  });
});
