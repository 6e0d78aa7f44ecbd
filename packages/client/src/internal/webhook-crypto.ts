/** HMAC-SHA256 with Web Crypto only (`globalThis.crypto.subtle`): Node 20+, browsers, workers, edge runtimes. */
const encoder = new TextEncoder();

/** The signed bytes: the raw body followed directly by the timestamp header's bytes. */
export function signedBytes(body: Uint8Array, timestamp: string): Uint8Array<ArrayBuffer> {
  const tail = encoder.encode(timestamp);
  const out = new Uint8Array(body.length + tail.length);
  out.set(body, 0);
  out.set(tail, body.length);
  return out;
}

/** The 32-byte HMAC-SHA256 of `data` keyed by the UTF-8 bytes of `secret`. */
export async function hmacSha256(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle === undefined) throw new TypeError("Web Crypto (globalThis.crypto.subtle) is required to sign or verify webhooks.");
  const key = await subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", key, data));
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** 32 bytes from 64 hex digits (either case), else undefined. */
export function fromHex(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Equal-length byte comparison whose time does not depend on where the bytes differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
