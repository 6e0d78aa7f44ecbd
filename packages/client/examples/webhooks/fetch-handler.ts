import { UltravoxWebhookVerificationError, verifyWebhook, type WebhookEvent } from "@ultravox-api/client/webhooks";

// A Fetch-API handler: a Next.js route (app/api/ultravox/route.ts), a Hono route
// (`app.post("/webhooks/ultravox", (c) => POST(c.req.raw))`) or a Worker's `fetch(request)`.
export async function POST(request: Request): Promise<Response> {
  let event: WebhookEvent;
  try {
    event = await verifyWebhook({
      body: await request.text(),
      headers: request.headers,
      secret: process.env["ULTRAVOX_WEBHOOK_SECRET"] ?? "",
    });
  } catch (error) {
    if (!(error instanceof UltravoxWebhookVerificationError)) throw error;
    return new Response(error.reason, { status: 400 });
  }
  if (event.event === "unknown") console.log(`not handled yet: ${event.name}`);
  else console.log(`${event.event}: call ${event.call.callId}`);
  return new Response(null, { status: 204 });
}
