/*
 * The files the mock serves itself in place of Ultravox's storage: call recordings (WAV) and SIP
 * logs, behind unguessable tokens, like signed storage URLs — no API key needed, nothing to guess.
 * Paths: `/__mock/files/<token>.wav` and `/__mock/files/<token>.log`.
 */

export type MockFileKind = "recording" | "sip-log";

const EXTENSIONS: Record<MockFileKind, string> = { recording: "wav", "sip-log": "log" };

/** The path prefix under which the files are served. */
export const FILES_PREFIX = "/__mock/files/";

interface Issued {
  readonly key: string;
  readonly kind: MockFileKind;
}

/** Tokens for the files of calls; `key` is whatever identifies a call in the store (e.g. tenant + callId). */
export class MockFiles {
  readonly #byToken = new Map<string, Issued>();
  readonly #byCall = new Map<string, string>();
  readonly #random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

  /** `random` fills bytes (default `crypto.getRandomValues`); inject it only for deterministic tests. */
  constructor(random?: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>) {
    this.#random = random ?? ((bytes) => crypto.getRandomValues(bytes));
  }

  /** The token of a call's file (one per call and kind: asking again gives the same). 43 base64url characters (256 bits). */
  token(key: string, kind: MockFileKind): string {
    const id = `${kind}\u0000${key}`;
    const existing = this.#byCall.get(id);
    if (existing !== undefined) return existing;
    const token = toBase64Url(this.#random(new Uint8Array(32)));
    this.#byToken.set(token, { key, kind });
    this.#byCall.set(id, token);
    return token;
  }

  /** The absolute URL of a call's file on `origin` (e.g. `http://127.0.0.1:4011`). */
  url(origin: string, key: string, kind: MockFileKind): string {
    return new URL(`${FILES_PREFIX}${this.token(key, kind)}.${EXTENSIONS[kind]}`, origin).href;
  }

  /** What a files path names, or undefined when it names nothing issued. */
  resolve(pathname: string): Issued | undefined {
    if (!pathname.startsWith(FILES_PREFIX)) return undefined;
    const name = pathname.slice(FILES_PREFIX.length);
    const dot = name.lastIndexOf(".");
    if (dot < 0) return undefined;
    const issued = this.#byToken.get(name.slice(0, dot));
    return issued !== undefined && EXTENSIONS[issued.kind] === name.slice(dot + 1) ? issued : undefined;
  }

  /** Forgets a call's tokens (deleted call): its URLs answer 404 from then on. */
  revoke(key: string): void {
    for (const kind of Object.keys(EXTENSIONS) as MockFileKind[]) {
      const id = `${kind}\u0000${key}`;
      const token = this.#byCall.get(id);
      if (token !== undefined) this.#byToken.delete(token);
      this.#byCall.delete(id);
    }
  }

  /** Forgets every token (the mock was reset). */
  clear(): void {
    this.#byToken.clear();
    this.#byCall.clear();
  }
}

const SAMPLE_RATE = 8000;
/** Recordings are capped so a long call does not make a big file. */
export const MAX_RECORDING_SECONDS = 10;

/**
 * A silent mono 16-bit PCM WAV of `seconds` (0 to MAX_RECORDING_SECONDS, 8 kHz): a real,
 * playable file of the call's length, small enough for tests.
 */
export function silentWav(seconds: number): Uint8Array<ArrayBuffer> {
  const samples = Math.round(Math.min(Math.max(seconds, 0), MAX_RECORDING_SECONDS) * SAMPLE_RATE);
  const dataBytes = samples * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
