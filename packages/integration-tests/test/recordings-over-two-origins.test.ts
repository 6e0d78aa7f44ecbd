import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let mock: MockServer;
// Every request the client sent: its URL and whether it carried the API key.
const sent: { url: string; key: boolean }[] = [];
let client: ReturnType<typeof createUltravoxClient>;

beforeAll(async () => {
  mock = await startMockServer({ clock: { mode: "virtual", start: "2025-06-02T08:00:00Z" } });
  client = createUltravoxClient({
    apiKey: mock.apiKey,
    baseUrl: mock.url,
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, key: request.headers.has("x-api-key") });
      return globalThis.fetch(request, init?.redirect === undefined ? {} : { redirect: init.redirect });
    },
  });
});
afterAll(async () => {
  await mock.close();
});

describe("recordings, SIP logs and data messages follow the call's state", () => {
  it("a recording: 425 before the end, then the README's two calls work as written (302 to a second origin, no key sent there)", async () => {
    expect(new URL(mock.filesUrl).origin).not.toBe(new URL(mock.url).origin);
    const call = await unwrap(client.POST("/api/calls", { body: { systemPrompt: "You are a friendly receptionist.", recordingEnabled: true } }));
    const path = { call_id: call.callId };
    const early = await client.GET("/api/calls/{call_id}/recording", { params: { path }, parseAs: "arrayBuffer" });
    expect(early.response.status).toBe(425);
    await mock.calls.join(call.callId);
    await mock.clock.advance(2_000);
    await mock.calls.end(call.callId);

    // The client README's example ("A recording is a 302 to storage: followed by default…").
    sent.length = 0;
    const { data: wav } = await client.GET("/api/calls/{call_id}/recording", { params: { path }, parseAs: "arrayBuffer" });
    expect(wav?.byteLength).toBe(44 + 2 * 8000 * 2);
    expect(new TextDecoder().decode(new Uint8Array(wav ?? new ArrayBuffer(0), 0, 4))).toBe("RIFF");
    expect(sent.map((s) => [new URL(s.url).origin, s.key])).toEqual([
      [new URL(mock.url).origin, true],
      [new URL(mock.filesUrl).origin, false],
    ]);
    const { response } = await client.GET("/api/calls/{call_id}/recording", { params: { path }, redirect: "manual" });
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith(`${mock.filesUrl}/__mock/files/`)).toBe(true);
    // Like a signed URL: no key needed.
    const direct = await fetch(location);
    expect([direct.status, direct.headers.get("content-type")]).toEqual([200, "audio/wav"]);
    const head = await fetch(location, { method: "HEAD" });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(44 + 2 * 8000 * 2)]);
  });

  it("a call made without recordingEnabled has no recording (404)", async () => {
    const call = await unwrap(client.POST("/api/calls", { body: {} }));
    await mock.calls.end(call.callId);
    const { response } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: call.callId } }, parseAs: "arrayBuffer" });
    expect(response.status).toBe(404);
  });

  it("SIP logs: 404 for a call that is not SIP; 425 before the end, then 302 to the log", async () => {
    const plain = await unwrap(client.POST("/api/calls", { body: {} }));
    const notSip = await client.GET("/api/calls/{call_id}/sip_logs", { params: { path: { call_id: plain.callId } }, parseAs: "text" });
    expect(notSip.response.status).toBe(404);
    const sip = await unwrap(client.POST("/api/calls", { body: { medium: { sip: { outgoing: { to: "sip:desk@example.com", from: "sip:agent@example.com" } } } } }));
    const path = { call_id: sip.callId };
    expect((await client.GET("/api/calls/{call_id}/sip_logs", { params: { path }, parseAs: "text" })).response.status).toBe(425);
    await mock.calls.end(sip.callId);
    const log = await client.GET("/api/calls/{call_id}/sip_logs", { params: { path }, parseAs: "text" });
    expect(log.response.status).toBe(200);
    expect(log.data).toContain(`# SIP log of call ${sip.callId}`);
  });

  it("send_data_message: 422 before joining, 204 while joined, 422 once ended", async () => {
    const call = await unwrap(client.POST("/api/calls", { body: {} }));
    const send = () =>
      client.POST("/api/calls/{call_id}/send_data_message", { params: { path: { call_id: call.callId } }, body: { type: "user_text_message" } });
    expect((await send()).response.status).toBe(422);
    await mock.calls.join(call.callId);
    expect((await send()).response.status).toBe(204);
    await mock.calls.end(call.callId);
    const ended = await send();
    expect(ended.response.status).toBe(422);
    expect(ended.error).toEqual({ detail: "The call has ended." });
  });
});
