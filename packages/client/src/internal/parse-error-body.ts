/** DRF error bodies: `{"detail": "..."}` or `{"field": ["msg"], "nested": {"field": ["msg"]}}`. */
export function parseErrorBody(body: unknown): {
  detail: string | undefined;
  fieldErrors: Record<string, string[]> | undefined;
} {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === "string") return { detail, fieldErrors: undefined };
  const fieldErrors: Record<string, string[]> = {};
  if (typeof body === "object" && !Array.isArray(body)) collect(body, "", fieldErrors);
  return { detail: undefined, fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined };
}

function collect(value: unknown, path: string, out: Record<string, string[]>): void {
  if (typeof value === "string") (out[path] ??= []).push(value);
  // DRF lists messages per field, or one object per item of a list field; strings stay on the field itself.
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      collect(item, Array.isArray(value) && typeof item === "string" ? path : path ? `${path}.${key}` : key, out);
    }
  }
}
