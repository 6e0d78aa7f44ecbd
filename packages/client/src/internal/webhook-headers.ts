/** Headers as a Fetch `Headers` object or a plain record such as Node's `IncomingHttpHeaders`. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Every value of header `name`, looked up case-insensitively (`Headers` joins repeats with ", ";
 * Node gives arrays for some). Empty values are dropped.
 */
export function headerValues(headers: WebhookHeaders, name: string): string[] {
  const lower = name.toLowerCase();
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const value = (headers as Headers).get(lower);
    return value === null || value.trim() === "" ? [] : [value];
  }
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== lower) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === "string" && item.trim() !== "") values.push(item);
    }
  }
  return values;
}
