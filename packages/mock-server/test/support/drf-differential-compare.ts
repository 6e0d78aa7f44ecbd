/**
 * Normalising and comparing two HTTP answers for the DRF differential test: status, media type,
 * `Allow`, `WWW-Authenticate`, `Retry-After`, `Access-Control-*` and the body's shape.
 */

export interface Observed {
  readonly status: number;
  /** Media type without parameters (`application/json`), or null. */
  readonly contentType: string | null;
  readonly allow: string | null;
  readonly wwwAuthenticate: string | null;
  readonly retryAfter: string | null;
  /** Every `Access-Control-*` header, by lower-case name. */
  readonly cors: Readonly<Record<string, string>>;
  /** See {@link bodyShape}. */
  readonly body: unknown;
  /** The parsed JSON body (undefined when there is none). */
  readonly json: unknown;
}

export type Field = "status" | "contentType" | "allow" | "wwwAuthenticate" | "retryAfter" | "cors" | "body" | "probe";

export const NON_JSON = "<non-JSON body>";

/**
 * A body reduced to what both servers must agree on: keys (sorted) and value types; arrays keep
 * their length; a page's `total` keeps its number; in error bodies (status ≥ 400) strings keep
 * their text, since DRF's messages are part of the contract. Empty text is `""`, other non-JSON
 * text {@link NON_JSON}.
 */
export function bodyShape(status: number, text: string): unknown {
  if (text === "") return "";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return NON_JSON;
  }
  return shapeOf(json, status >= 400);
}

function shapeOf(value: unknown, keepText: boolean): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => shapeOf(item, keepText));
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => {
          const item = record[key];
          return [key, key === "total" && typeof item === "number" ? item : shapeOf(item, keepText)];
        }),
    );
  }
  if (typeof value === "string") return keepText ? value : "string";
  return typeof value;
}

/** Reads one answer into an {@link Observed}. */
export async function observe(response: Response): Promise<Observed> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? null,
    allow: response.headers.get("allow"),
    wwwAuthenticate: response.headers.get("www-authenticate"),
    retryAfter: response.headers.get("retry-after"),
    cors: Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-")).sort()),
    body: bodyShape(response.status, text),
    json,
  };
}

export interface Difference {
  readonly field: Field;
  readonly drf: unknown;
  readonly mock: unknown;
}

/** Fields where the two answers differ (`probe`: a row's derived value of each JSON body). */
export function differences(drf: Observed, mock: Observed, probe?: (json: unknown) => unknown): Difference[] {
  const found: Difference[] = [];
  const fields = ["status", "contentType", "allow", "wwwAuthenticate", "retryAfter", "cors", "body"] as const;
  for (const field of fields) {
    if (JSON.stringify(drf[field]) !== JSON.stringify(mock[field])) found.push({ field, drf: drf[field], mock: mock[field] });
  }
  if (probe !== undefined) {
    const left = probe(drf.json);
    const right = probe(mock.json);
    if (JSON.stringify(left) !== JSON.stringify(right)) found.push({ field: "probe", drf: left, mock: right });
  }
  return found;
}
