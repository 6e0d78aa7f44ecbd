/** DRF error bodies: `{"detail": "..."}` or `{"field": ["msg"], "nested": {"field": ["msg"]}}`. */
export function parseErrorBody(body: unknown): {
  detail: string | undefined;
  fieldErrors: Record<string, string[]> | undefined;
} {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { detail: undefined, fieldErrors: undefined };
  }
  const record = body as Record<string, unknown>;
  if (typeof record["detail"] === "string") return { detail: record["detail"], fieldErrors: undefined };
  const fieldErrors: Record<string, string[]> = {};
  collect(record, "", fieldErrors);
  return { detail: undefined, fieldErrors: Object.keys(fieldErrors).length > 0 ? fieldErrors : undefined };
}

function collect(value: unknown, path: string, out: Record<string, string[]>): void {
  if (typeof value === "string") {
    (out[path] ??= []).push(value);
  } else if (Array.isArray(value)) {
    // DRF lists messages per field, or one object per item of a list field.
    value.forEach((item, index) => {
      collect(item, typeof item === "string" ? path : join(path, String(index)), out);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) collect(item, join(path, key), out);
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
