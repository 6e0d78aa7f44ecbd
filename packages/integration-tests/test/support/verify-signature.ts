import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "@ultravox-api/client/webhooks";

export const SIGNATURE_HEADER = WEBHOOK_SIGNATURE_HEADER;
export const TIMESTAMP_HEADER = WEBHOOK_TIMESTAMP_HEADER;

/** True when the client's verifyWebhook accepts the delivery (the mock signs with the client's signWebhook). */
export async function verifyWebhookSignature(options: {
  readonly body: string | Uint8Array;
  readonly timestamp: string | null | undefined;
  readonly signature: string | null | undefined;
  readonly secret: string | readonly string[];
  readonly now?: number;
}): Promise<boolean> {
  const headers: Record<string, string> = {};
  if (options.timestamp) headers[TIMESTAMP_HEADER] = options.timestamp;
  if (options.signature) headers[SIGNATURE_HEADER] = options.signature;
  try {
    const { secret } = options;
    const keys = typeof secret === "string" ? { secret } : { secrets: secret };
    await verifyWebhook({ body: options.body, headers, ...keys, ...(options.now === undefined ? {} : { now: options.now }) });
    return true;
  } catch {
    return false;
  }
}
