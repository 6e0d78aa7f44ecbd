import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { verifyWebhook, type WebhookEvent } from "@ultravox-api/client/webhooks";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";

// The mock's signed deliveries (scheduled batches' call.started, on a real clock) verified by the
// client's verifyWebhook in a real receiver, as a production receiver would: same scheme, one check.
const SECRET = "whsec-from-mock";
let mock: MockServer;
let receiver: Server;
let receiverUrl: string;
const verified: WebhookEvent[] = [];
const refused: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      verifyWebhook({ body: Buffer.concat(chunks), headers: req.headers, secret: SECRET })
        .then((event) => {
          verified.push(event);
          res.writeHead(204).end();
        })
        .catch((error: unknown) => {
          refused.push(String(error));
          res.writeHead(400).end();
        });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  mock = await startMockServer({ clock: { mode: "real" }, lifecycle: { callIntervalMs: 100 } });
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("the mock's signed webhook deliveries verify with @ultravox-api/client/webhooks", () => {
  it("a scheduled batch's call.started events verify, typed, each call as GET /api/calls/{call_id} returns it", async () => {
    const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url, retry: false });
    const agent = await unwrap(client.POST("/api/agents", { body: { name: "Hooks" } }));
    await unwrap(
      client.POST("/api/agents/{agent_id}/scheduled_batches", {
        params: { path: { agent_id: agent.agentId } },
        body: { calls: [{ metadata: { n: "1" } }, { metadata: { n: "2" } }], webhookUrl: receiverUrl, webhookSecret: SECRET },
      }),
    );
    for (let waited = 0; verified.length + refused.length < 2 && waited < 200; waited++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refused).toEqual([]);
    expect(verified).toHaveLength(2);
    for (const event of verified) {
      expect(event.event).toBe("call.started");
      if (event.event !== "call.started") continue;
      const fetched = await unwrap(client.GET("/api/calls/{call_id}", { params: { path: { call_id: event.call.callId } } }));
      expect(event.call.callId).toBe(fetched.callId);
      expect(event.call.metadata).toEqual(fetched.metadata);
    }
  });
});
