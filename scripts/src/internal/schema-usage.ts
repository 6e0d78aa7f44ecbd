import type { Direction } from "../spec-diff-types.js";
import { HTTP_METHODS } from "./parse-openapi.js";
import { isObject, resolvePointer, schemaRefName, type Json } from "./resolve-ref.js";

/**
 * For each component schema, the directions it is reached in from the operations: parameters and
 * request bodies are `request`, responses are `response`, transitively through `$ref`s.
 */
export function schemaUsage(doc: Json, origin: string): Map<string, Set<Direction>> {
  const usage = new Map<string, Set<Direction>>();
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    walk(item["parameters"], "request");
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      walk(op["parameters"], "request");
      walk(op["requestBody"], "request");
      walk(op["responses"], "response");
    }
  }
  return usage;

  function walk(node: unknown, dir: Direction): void {
    const seen = new Set<unknown>();
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const current = stack.pop();
      if (typeof current !== "object" || current === null || seen.has(current)) continue;
      seen.add(current);
      if (Array.isArray(current)) {
        stack.push(...(current as unknown[]));
        continue;
      }
      const ref = (current as Json)["$ref"];
      if (typeof ref === "string") {
        const name = schemaRefName(ref);
        if (name !== undefined) {
          const dirs = usage.get(name) ?? new Set<Direction>();
          dirs.add(dir);
          usage.set(name, dirs);
        }
        stack.push(resolvePointer(doc, ref, origin));
      }
      stack.push(...Object.values(current as Json));
    }
  }
}
