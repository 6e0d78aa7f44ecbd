/**
 * DRF error bodies (`{"detail": "..."}` or `{"field": ["msg"], "nested": {"field": ["msg"]}}`) read into
 * `detail` and `fieldErrors`, plus one bounded line for the error message (bodies can be whole HTML pages):
 * `[detail, fieldErrors, summary]`, the summary empty or `: <line>`.
 */
export function parseErrorBody(body: unknown): [detail: string | undefined, fieldErrors: Record<string, string[]> | undefined, summary: string] {
  const given = (body as { detail?: unknown } | null)?.detail;
  const detail = typeof given === "string" ? given : undefined;
  let fieldErrors: Record<string, string[]> | undefined;
  let text = detail ?? (typeof body === "string" ? body : "");
  if (detail === undefined) {
    const errors: Record<string, string[]> = {};
    if (typeof body === "object" && !Array.isArray(body)) collect(body, "", errors);
    const entries = Object.entries(errors);
    if (entries.length) {
      fieldErrors = errors;
      text = entries.map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ");
    }
  }
  text = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return [detail, fieldErrors, text && `: ${text}`];
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
