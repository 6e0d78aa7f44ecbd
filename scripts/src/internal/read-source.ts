import { readFile } from "node:fs/promises";
import { SpecError } from "../spec-error.js";

export interface SourceText {
  readonly text: string;
  /** The bytes as received: the lock's sha256 is taken over these. */
  readonly bytes: Uint8Array;
}

export interface ReadSourceOptions {
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Reads a spec from a local path or an http(s) URL; every failure is a one-line SpecError. */
export async function readSource(source: string, options: ReadSourceOptions = {}): Promise<SourceText> {
  if (!isUrl(source)) {
    try {
      const bytes = await readFile(source);
      return { bytes, text: bytes.toString("utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "read error";
      throw new SpecError(`cannot read spec file ${source} (${code})`, { cause: error });
    }
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await doFetch(source, {
      signal,
      headers: { accept: "application/vnd.oai.openapi, application/yaml;q=0.9, application/json;q=0.8, */*;q=0.1" },
    });
  } catch (error) {
    if (signal.aborted) throw new SpecError(`timed out after ${timeoutMs} ms fetching ${source}`, { cause: error });
    throw new SpecError(`cannot reach ${source} (${describeNetworkError(error)})`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecError(`${source} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, text: new TextDecoder().decode(bytes) };
  } catch (error) {
    if (signal.aborted) throw new SpecError(`timed out after ${timeoutMs} ms reading ${source}`, { cause: error });
    throw new SpecError(`connection to ${source} failed while reading the body (${describeNetworkError(error)})`, {
      cause: error,
    });
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
