import type { MockHandler } from "@ultravox-api/mock-server";

export const BASE = "https://api.ultravox.ai";

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** One request through an injected fetch; the JSON body parsed when there is one. */
export async function send(
  fetcher: MockHandler["fetch"],
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null; rawBody?: string; headers?: Record<string, string>; base?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null && options.key !== undefined) headers["x-api-key"] = options.key;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetcher(`${options.base ?? BASE}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), headers: response.headers, text, json };
}

export function field(value: unknown, name: string): string {
  if (typeof value !== "object" || value === null) throw new Error(`expected an object with ${name}`);
  const found = (value as Record<string, unknown>)[name];
  if (typeof found !== "string" && typeof found !== "number") throw new Error(`expected ${name} in ${JSON.stringify(value)}`);
  return String(found);
}

export function results(value: unknown): Record<string, unknown>[] {
  if (typeof value !== "object" || value === null || !Array.isArray((value as { results?: unknown }).results)) {
    throw new Error(`expected a page, got ${JSON.stringify(value)}`);
  }
  return (value as { results: Record<string, unknown>[] }).results;
}
