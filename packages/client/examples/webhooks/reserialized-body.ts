import { signWebhook, UltravoxWebhookVerificationError, verifyWebhook } from "@ultravox-api/client/webhooks";

const secret = "whsec-example";
// A body as a Python server may write it: spaces after separators, non-ASCII as \u escapes.
const raw = '{"event": "call.ended", "call": {"callId": "0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b", "shortSummary": "Caf\\u00e9 booking"}}';
const headers = await signWebhook({ body: raw, secret });

// What `express.json()` then `JSON.stringify(req.body)` hands on: the same data, other bytes.
const reserialized = JSON.stringify(JSON.parse(raw));
console.log(reserialized); // {"event":"call.ended","call":{"callId":"0f4c…","shortSummary":"Café booking"}}

console.log((await verifyWebhook({ body: raw, headers, secret })).event); // call.ended
try {
  await verifyWebhook({ body: reserialized, headers, secret });
} catch (error) {
  if (error instanceof UltravoxWebhookVerificationError) console.log(error.reason); // no-matching-signature
}
