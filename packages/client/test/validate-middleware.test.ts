import { afterEach, describe, expect, it } from "vitest";
import { createUltravoxClient } from "@ultravox-api/client";
import { createResponseValidator, UltravoxResponseValidationError, type ResponseDrift } from "@ultravox-api/client/validate";
import { json, startTestServer, type TestServer } from "./support/test-server.js";

const twilio = { accountSid: "AC123", authTokenPrefix: { prefix: "ab12" } };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createResponseValidator as openapi-fetch middleware (real HTTP server)", () => {
  it("hands on an equal response: data, status, headers and url as without it", async () => {
    server = await startTestServer((_req, res) => {
      json(res, 200, twilio, { "x-request-id": "r1" });
    });
    const drifts: ResponseDrift[] = [];
    const client = createUltravoxClient({ apiKey: "k", baseUrl: server.url, retry: false });
    client.use(createResponseValidator({ onDrift: (drift) => drifts.push(drift) }));
    const { data, response } = await client.GET("/api/telephony_configs/twilio");
    expect(data).toEqual(twilio);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(response.url).toBe(`${server.url}/api/telephony_configs/twilio`);
    expect(drifts).toEqual([]);
  });

  it("reports a body labelled JSON that is not JSON, when the spec declares JSON there", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>");
    });
    const drifts: ResponseDrift[] = [];
    const client = createUltravoxClient({ apiKey: "k", baseUrl: server.url, retry: false });
    client.use(createResponseValidator({ onDrift: (drift) => drifts.push(drift) }));
    await client.GET("/api/telephony_configs/twilio").catch(() => undefined);
    expect(drifts.map((drift) => drift.issues)).toEqual([[{ pointer: "", keyword: "json", expected: "a JSON body", actual: "unparseable text (17 characters)" }]]);
  });

  it("leaves non-JSON, empty and undeclared answers alone", async () => {
    server = await startTestServer((req, res) => {
      if (req.url.startsWith("/api/telephony_configs/twilio")) res.writeHead(200, { "content-type": "text/plain" }).end("not json");
      else if (req.url.startsWith("/api/agents/")) res.writeHead(204).end();
      else json(res, 200, { anything: true });
    });
    const drifts: ResponseDrift[] = [];
    const client = createUltravoxClient({ apiKey: "k", baseUrl: server.url, retry: false });
    client.use(createResponseValidator({ mode: "throw", onDrift: (drift) => drifts.push(drift) }));
    await client.GET("/api/telephony_configs/twilio", { parseAs: "text" });
    await client.DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: "0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b" } } });
    const other = await client.GET("/not/in/the/spec" as "/api/accounts/me");
    expect(other.data).toEqual({ anything: true });
    expect(drifts).toEqual([]);
  });

  it("throw mode: the call rejects with the typed error, method and URL in the message, the key nowhere", async () => {
    server = await startTestServer((_req, res) => {
      json(res, 200, { accountSid: 7, authTokenPrefix: { prefix: "x" } });
    });
    const client = createUltravoxClient({ apiKey: "secret-key-123", baseUrl: server.url, retry: false });
    client.use(createResponseValidator({ mode: "throw" }));
    const error = await client.GET("/api/telephony_configs/twilio").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UltravoxResponseValidationError);
    expect((error as Error).message).toBe(
      `GET ${server.url}/api/telephony_configs/twilio answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): /accountSid: expected type string, got 7`,
    );
    expect(JSON.stringify(error)).not.toContain("secret-key-123");
  });
});
