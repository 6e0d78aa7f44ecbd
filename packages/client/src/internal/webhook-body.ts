/** The raw body a webhook carries: text, or bytes in any of the platform's byte containers. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

const encoder = new TextEncoder();

/** The body's bytes, or undefined when `body` is not raw (an object a JSON middleware already parsed). */
export function bodyBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

/** What a wrong body was, for the error message (never the value itself). */
export function describeBody(body: unknown): string {
  if (body === null) return "null";
  if (typeof body !== "object") return typeof body;
  const name = (body as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" && name !== "Object" ? `an object (${name})` : "an object";
}
