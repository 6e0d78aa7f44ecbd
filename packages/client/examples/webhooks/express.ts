import express from "express";
import { UltravoxWebhookVerificationError, verifyWebhook } from "@ultravox-api/client/webhooks";

const secret = process.env["ULTRAVOX_WEBHOOK_SECRET"] ?? "";
const app = express();

// express.raw, not express.json: verifyWebhook needs the body's bytes (req.body is then a Buffer).
app.post("/webhooks/ultravox", express.raw({ type: "application/json" }), async (req, res) => {
  try {
    const event = await verifyWebhook({ body: req.body as Buffer, headers: req.headers, secret });
    if (event.event === "unknown") console.log(`not handled yet: ${event.name}`);
    else console.log(`${event.event}: call ${event.call.callId}`);
    res.sendStatus(204);
  } catch (error) {
    if (!(error instanceof UltravoxWebhookVerificationError)) throw error;
    res.status(400).type("text/plain").send(error.reason);
  }
});

export const server = app.listen(Number(process.env["PORT"] ?? 3000));
