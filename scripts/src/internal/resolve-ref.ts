import { SpecError } from "../spec-error.js";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/...`) in `doc`; other refs and dangling ones are a one-line SpecError. */
export function resolvePointer(doc: unknown, ref: string, origin: string): unknown {
  if (!ref.startsWith("#/")) throw new SpecError(`${origin}: only local $refs are supported, found ${JSON.stringify(ref)}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
    if (node === undefined) throw new SpecError(`${origin}: unresolved $ref ${JSON.stringify(ref)}`);
  }
  return node;
}

/** Follows `$ref` chains until a non-ref node (parameters, bodies and responses may be refs to refs). */
export function deref(doc: unknown, node: unknown, origin: string): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops++) {
    if (hops > 32) throw new SpecError(`${origin}: $ref chain too long at ${JSON.stringify(current["$ref"])}`);
    current = resolvePointer(doc, current["$ref"], origin);
  }
  return current;
}

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

/** The component name a `$ref` points at, when it points at `#/components/schemas/<name>`. */
export function schemaRefName(ref: string): string | undefined {
  const m = SCHEMA_REF.exec(ref);
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~");
}
