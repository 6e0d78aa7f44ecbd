import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createUltravoxClient, unwrap } from "@ultravox-api/client";
import { verifyWebhook } from "@ultravox-api/client/webhooks";
import { startMockServer } from "@ultravox-api/mock-server";

/** Your receiver, verifying as in production, driven end to end by the mock. */
export async function receiveAWholeCall(): Promise<{ events: string[]; recording: number | undefined }> {
  const mock = await startMockServer({ clock: { mode: "virtual", start: "2025-06-02T08:00:00Z" } });
  const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  const events: string[] = [];
  let secret = "";
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      // On a virtual clock, check freshness against the mock's time.
      verifyWebhook({ body: Buffer.concat(chunks), headers: req.headers, secret, now: mock.clock.now() }).then(
        (event) => {
          events.push(event.event === "call.ended" ? `${event.event} (${event.call.endReason ?? ""})` : event.event);
          res.writeHead(204).end();
        },
        () => res.writeHead(401).end(),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/ultravox`;

  // No secrets given: the mock generates one, as the API does.
  const webhook = await unwrap(client.POST("/api/webhooks", { body: { url, events: ["call.started", "call.joined", "call.ended", "call.billed"] } }));
  secret = webhook.secrets?.[0] ?? "";
  const call = await unwrap(client.POST("/api/calls", { body: { systemPrompt: "Hi", recordingEnabled: true } }));
  await mock.calls.join(call.callId); // or POST /__mock/calls/{call_id}/join
  await mock.clock.advance(90_000);
  await mock.calls.end(call.callId, { endReason: "hangup" }); // then billed (billAfterMs, default 0)
  // The recording: 425 until the call ends, now a 302 to the mock's second origin (the key stays here).
  const { data } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: call.callId } }, parseAs: "arrayBuffer" });
  receiver.close();
  await mock.close();
  return { events, recording: data?.byteLength }; // events: call.started, call.joined, call.ended (hangup), call.billed
}
