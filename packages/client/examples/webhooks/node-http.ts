import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { UltravoxWebhookVerificationError, verifyWebhook, type WebhookEvent } from "@ultravox-api/client/webhooks";

const secret = process.env["ULTRAVOX_WEBHOOK_SECRET"] ?? "";

async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The raw bytes, exactly as sent: the signature covers them.
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let event: WebhookEvent;
  try {
    event = await verifyWebhook({ body: Buffer.concat(chunks), headers: req.headers, secret });
  } catch (error) {
    if (!(error instanceof UltravoxWebhookVerificationError)) throw error;
    res.writeHead(400, { "Content-Type": "text/plain" }).end(error.reason);
    return;
  }
  if (event.event === "call.ended") console.log(`call ${event.call.callId} ended: ${event.call.endReason ?? "-"}`);
  else if (event.event === "unknown") console.log(`not handled yet: ${event.name}`);
  else console.log(`${event.event}: call ${event.call.callId}`);
  res.writeHead(204).end();
}

export const server = createServer((req, res) => {
  receive(req, res).catch(() => res.writeHead(500).end());
});
server.listen(Number(process.env["PORT"] ?? 3000));
