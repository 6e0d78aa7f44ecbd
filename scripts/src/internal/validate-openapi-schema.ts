import { Validator } from "@seriousme/openapi-schema-validator";
import { SpecError } from "../spec-error.js";
import { isObject } from "./resolve-ref.js";

let validator: Validator | undefined;

/** One problem found by strict validation: where (a JSON pointer) and what. */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

/**
 * Validates a parsed document against the official OpenAPI JSON Schema of its version (2.0, 3.0,
 * 3.1, 3.2: the OpenAPI Initiative's schemas as packaged, with ajv, by
 * `@seriousme/openapi-schema-validator`, which also checks that every `$ref` resolves), plus one
 * rule those schemas leave out: in OpenAPI 3.0 a Reference Object "cannot be extended with
 * additional properties and any properties added SHALL be ignored", so a `$ref` with sibling keys
 * means something other than what it says (the 3.0 schema accepts it). Resolves to the problems
 * found, none when the document is valid.
 */
export async function findSchemaProblems(doc: Record<string, unknown>): Promise<SchemaProblem[]> {
  // One validator per process: it compiles each version's schema once, on first use.
  validator ??= new Validator();
  const result = await validator.validate(doc);
  const problems: SchemaProblem[] = [];
  if (!result.valid) {
    const errors = result.errors;
    if (typeof errors === "string" || errors === undefined) problems.push({ pointer: "", message: errors ?? "invalid" });
    else for (const e of errors) problems.push({ pointer: e.instancePath, message: describe(e) });
  }
  if (typeof doc["openapi"] === "string" && doc["openapi"].startsWith("3.0")) problems.push(...refSiblings(doc, ""));
  return problems;
}

/** {@link findSchemaProblems}, as a one-line SpecError naming the first problem and how many more. */
export async function validateAgainstOpenApiSchema(doc: Record<string, unknown>, origin: string): Promise<void> {
  const problems = await findSchemaProblems(doc);
  const [first] = problems;
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  const version = typeof doc["openapi"] === "string" ? doc["openapi"] : "?";
  throw new SpecError(
    `${origin} fails strict OpenAPI ${version} validation: ${first.message} at ${first.pointer === "" ? "#" : `#${first.pointer}`}${more}`,
  );
}

function describe(error: { keyword: string; message?: string | undefined; params: Record<string, unknown> }): string {
  const extra = error.params["additionalProperty"];
  return typeof extra === "string" ? `${error.message ?? error.keyword} (${JSON.stringify(extra)})` : (error.message ?? error.keyword);
}

/** Keys holding data (examples, defaults, enum values) or extensions: a `$ref` there is not a reference. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);
/** Maps whose keys are names chosen by the API (a property may be called `example`). */
const NAME_MAPS = new Set(["properties", "patternProperties", "schemas", "paths"]);

function refSiblings(node: unknown, pointer: string, names = false): SchemaProblem[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => refSiblings(item, `${pointer}/${i}`));
  if (!isObject(node)) return [];
  if (typeof node["$ref"] === "string") {
    const siblings = Object.keys(node).filter((k) => k !== "$ref");
    return siblings.length === 0
      ? []
      : [{ pointer, message: `$ref ${JSON.stringify(node["$ref"])} has sibling keys ${siblings.map((k) => JSON.stringify(k)).join(", ")}, which OpenAPI 3.0 ignores` }];
  }
  return Object.entries(node).flatMap(([key, value]) =>
    !names && (key.startsWith("x-") || DATA_KEYS.has(key))
      ? []
      : refSiblings(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, !names && NAME_MAPS.has(key)),
  );
}
