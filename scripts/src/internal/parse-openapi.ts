import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";
import { parse } from "yaml";
import { SpecError } from "../spec-error.js";

export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };

// YAML 1.2's core schema exactly as the `yaml` package resolves plain scalars: js-yaml's own "core"
// schema also takes YAML 1.1's `1_000`, `0b101` and `+0x1F` as numbers, and misses `-.5` and `-0`.
const scalar = (tag: string, test: RegExp, construct: (text: string) => unknown): Type =>
  new Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (text: string | null) => test.test(text ?? ""), construct: (text: string | null) => construct(text ?? "") });
const YAML_12_CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar("bool", /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text.toLowerCase() === "true"),
    scalar("int", /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (text) => (text.startsWith("0o") ? Number.parseInt(text.slice(2), 8) : Number(text))),
    scalar("float", /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/, (text) =>
      /nan$/i.test(text) ? Number.NaN : /inf$/i.test(text) ? (text.startsWith("-") ? -Infinity : Infinity) : Number.parseFloat(text),
    ),
  ],
});

/** Something that may be a YAML alias (`*name` after a space, `[`, `{`, `,` or `-`): then `yaml`, which bounds aliases, parses. */
const MAY_ALIAS = /(?:^|[\s[{,-])\*[^\s*,\]}]/;

/**
 * Parses YAML or JSON (JSON is YAML) and checks that the result is an OpenAPI 3.x document.
 * YAML 1.2's core schema, duplicate keys allowed (the last wins), as the `yaml` package reads it with
 * `uniqueKeys: false`. js-yaml reads a document with no aliases (8–20× faster on this API's spec:
 * the history replays parse 114 of them); a document with an alias (`yaml` bounds their expansion
 * at 1000) or one js-yaml refuses goes to `yaml`, which also words the error.
 */
export function parseOpenApi(text: string, origin: string): OpenApiDocument {
  let doc: unknown;
  try {
    doc = MAY_ALIAS.test(text) ? parseWithYaml(text) : load(text, { schema: YAML_12_CORE, json: true });
  } catch {
    try {
      doc = parseWithYaml(text);
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
      throw new SpecError(`${origin} is not valid YAML or JSON: ${reason}`, { cause: error });
    }
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

function parseWithYaml(text: string): unknown {
  return parse(text, { maxAliasCount: 1000, prettyErrors: false, uniqueKeys: false });
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
