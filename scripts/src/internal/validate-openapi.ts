import { createConfig, lintFromString } from "@redocly/openapi-core";
import { SpecError } from "../spec-error.js";

let configPromise: ReturnType<typeof createConfig> | undefined;

/**
 * Structural validation with Redocly's OpenAPI validator (3.0, 3.1 and 3.2): the document's shape
 * and every `$ref`. Style rules are off on purpose: we validate upstream's document, not its taste.
 */
export async function validateOpenApi(text: string, origin: string): Promise<void> {
  configPromise ??= createConfig({ extends: [], rules: { struct: "error", "no-unresolved-refs": "error" } });
  const config = await configPromise;
  const problems = await lintFromString({ source: text, absoluteRef: "openapi.yaml", config });
  const errors = problems.filter((p) => p.severity === "error");
  const first = errors[0];
  if (first) {
    const where = first.location[0]?.pointer ?? "";
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    throw new SpecError(`${origin} fails OpenAPI validation: ${first.message} at ${where}${more}`);
  }
}
