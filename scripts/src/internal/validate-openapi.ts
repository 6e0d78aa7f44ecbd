import { BaseResolver, createConfig, lintDocument, Source } from "@redocly/openapi-core";
import { parse } from "yaml";
import { SpecError } from "../spec-error.js";

let configPromise: ReturnType<typeof createConfig> | undefined;

/**
 * Structural validation with Redocly's OpenAPI validator (3.0, 3.1 and 3.2): the document's shape
 * and every `$ref`. Style rules are off on purpose: we validate upstream's document, not its taste.
 */
export async function validateOpenApi(text: string, origin: string, parsed?: unknown): Promise<void> {
  configPromise ??= createConfig({ extends: [], rules: { struct: "error", "no-unresolved-refs": "error" } });
  const config = await configPromise;
  // `parsed` (the text already parsed by the caller) spares Redocly a second YAML parse of it.
  const source = new Source("openapi.yaml", text);
  const document = { source, parsed: parsed ?? (parse(text, { maxAliasCount: 1000, uniqueKeys: false }) as unknown) };
  const problems = await lintDocument({ document, config, externalRefResolver: new BaseResolver(config.resolve) });
  const errors = problems.filter((p) => p.severity === "error");
  const first = errors[0];
  if (first) {
    const where = first.location[0]?.pointer ?? "";
    const ref = first.message.includes("$ref") ? refAt(text, where) : undefined;
    const detail = ref === undefined ? first.message : `${first.message} ${JSON.stringify(ref)}`;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    throw new SpecError(`${origin} fails OpenAPI validation: ${detail} at ${where}${more}`);
  }
}

// Only on the error path: find the `$ref` string the validator could not resolve, for the message.
function refAt(text: string, pointer: string): string | undefined {
  let node: unknown = parse(text);
  for (const raw of pointer.replace(/^#\/?/, "").split("/")) {
    if (raw === "") continue;
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  const ref = typeof node === "object" && node !== null ? (node as Record<string, unknown>)["$ref"] : undefined;
  return typeof ref === "string" ? ref : undefined;
}
