import { parse } from "yaml";
import { SpecError } from "../spec-error.js";

export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };

/** Parses YAML or JSON (JSON is YAML) and checks that the result is an OpenAPI 3.x document. */
export function parseOpenApi(text: string, origin: string): OpenApiDocument {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 1000, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
    throw new SpecError(`${origin} is not valid YAML or JSON: ${reason}`, { cause: error });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SpecError(`${origin} is not an OpenAPI document (top level is not an object)`);
  }
  const record = doc as Record<string, unknown>;
  const version = record["openapi"];
  if (typeof version !== "string" || !/^3\.\d+\.\d+/.test(version)) {
    const swagger = record["swagger"];
    const seen = typeof swagger === "string" ? `swagger ${swagger}` : `openapi: ${JSON.stringify(version ?? null)}`;
    throw new SpecError(`${origin} is not an OpenAPI 3.x document (${seen})`);
  }
  const paths = record["paths"];
  if (typeof paths !== "object" || paths === null || Array.isArray(paths)) {
    throw new SpecError(`${origin} is not an OpenAPI 3.x document (no paths object)`);
  }
  return record as OpenApiDocument;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface SpecCounts {
  readonly paths: number;
  readonly operations: number;
  readonly schemas: number;
}

export function countSpec(doc: OpenApiDocument): SpecCounts {
  let operations = 0;
  for (const item of Object.values(doc.paths)) {
    if (typeof item !== "object" || item === null) continue;
    for (const method of HTTP_METHODS) if (method in item) operations++;
  }
  const components = doc["components"] as { schemas?: Record<string, unknown> } | undefined;
  return {
    paths: Object.keys(doc.paths).length,
    operations,
    schemas: Object.keys(components?.schemas ?? {}).length,
  };
}
