// A registry symbol survives bundling twice and crossing realms, where instanceof does not.
export const BRAND = Symbol.for("@ultravox-api/client.error");

/** "error" for every Ultravox error, "api" for HTTP errors. */
export type BrandKind = "error" | "api";

export function brandOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as Record<symbol, unknown>)[BRAND] : undefined;
}
