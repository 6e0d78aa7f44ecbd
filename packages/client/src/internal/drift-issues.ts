import type { DriftIssue } from "../validate/response-drift.js";
import type { AjvError } from "../validate/generated-route.js";

/**
 * ajv's errors as drift issues: one per place. Where an `anyOf`/`oneOf` failed (nullable fields,
 * enum-or-null), its branches' errors at the same place become one issue whose `expected` lists the
 * alternatives; when a branch failed deeper inside, those deeper issues say more and are kept alone.
 */
export function driftIssues(errors: readonly AjvError[], body: unknown): DriftIssue[] {
  const byPointer = new Map<string, DriftIssue[]>();
  const alternatives = new Set<string>();
  for (const error of errors) {
    const issue = toIssue(error, body);
    if (error.keyword === "anyOf" || error.keyword === "oneOf") alternatives.add(issue.pointer);
    const list = byPointer.get(issue.pointer) ?? [];
    list.push(issue);
    byPointer.set(issue.pointer, list);
  }
  const out: DriftIssue[] = [];
  for (const [pointer, issues] of byPointer) {
    if (!alternatives.has(pointer)) {
      out.push(...dedupe(issues));
      continue;
    }
    const deeper = [...byPointer.keys()].some((other) => other !== pointer && other.startsWith(`${pointer}/`));
    if (deeper) continue;
    const branches = issues.filter((issue) => issue.keyword !== "anyOf" && issue.keyword !== "oneOf");
    const combined = branches.length > 0 ? unique(branches.map((issue) => issue.expected)).join(" or ") : (issues[0]?.expected ?? "");
    out.push({ pointer, keyword: issues.find((issue) => issue.keyword === "anyOf" || issue.keyword === "oneOf")?.keyword ?? "anyOf", expected: combined, actual: describe(valueAt(body, pointer)) });
  }
  return out;
}

function toIssue(error: AjvError, body: unknown): DriftIssue {
  const params = error.params;
  const at = (name: unknown): string => `${error.instancePath}/${String(name).replace(/~/g, "~0").replace(/\//g, "~1")}`;
  switch (error.keyword) {
    case "required":
      return { pointer: at(params["missingProperty"]), keyword: "required", expected: "present (required)", actual: "missing" };
    case "additionalProperties": {
      const pointer = at(params["additionalProperty"]);
      return { pointer, keyword: "additionalProperties", expected: "no such property", actual: describe(valueAt(body, pointer)) };
    }
    default:
      return { pointer: error.instancePath, keyword: error.keyword, expected: expectation(error), actual: describe(valueAt(body, error.instancePath)) };
  }
}

function expectation(error: AjvError): string {
  const params = error.params;
  switch (error.keyword) {
    case "type":
      return `type ${Array.isArray(params["type"]) ? params["type"].join(" or ") : String(params["type"])}`;
    case "enum":
      return `one of ${JSON.stringify(params["allowedValues"])}`;
    case "const":
      return JSON.stringify(params["allowedValue"]);
    case "format":
      return `format ${String(params["format"])}`;
    case "anyOf":
    case "oneOf":
      return `${error.keyword === "oneOf" ? "exactly one" : "at least one"} of the ${error.keyword} schemas`;
    default:
      // minLength, maximum, pattern, …: ajv's own words ("must NOT have fewer than 1 characters").
      return error.message ?? error.keyword;
  }
}

/** The value at a JSON pointer, or undefined when the path does not exist. */
function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === "") return body;
  let value = body;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A short, log-safe picture of a value: strings and numbers as JSON (cut at 80 characters), containers by kind. */
function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return `array (${value.length} items)`;
  if (typeof value === "object" && value !== null) return "object";
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function dedupe(issues: DriftIssue[]): DriftIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.keyword} ${issue.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
