import { SpecError } from "../spec-error.js";

type Segment = { kind: "name"; name: string } | { kind: "wildcard" } | { kind: "index"; index: number };

/**
 * The JSONPath subset that overlays need: `$`, `.name`, `['name']`, `[0]`, `.*` and `[*]`.
 * Anything else is refused loudly rather than matching nothing silently.
 */
export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith("$")) throw new SpecError(`JSONPath must start with $: ${path}`);
  const segments: Segment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const at = re.lastIndex;
    const m = re.exec(path);
    if (!m) throw new SpecError(`unsupported JSONPath syntax at offset ${at}: ${path}`);
    if (m[1] !== undefined) segments.push({ kind: "name", name: m[1] });
    else if (m[2] !== undefined) segments.push({ kind: "index", index: Number(m[2]) });
    else if (m[3] !== undefined) segments.push({ kind: "name", name: m[3].replace(/\\(.)/g, "$1") });
    else if (m[4] !== undefined) segments.push({ kind: "name", name: m[4].replace(/\\(.)/g, "$1") });
    else segments.push({ kind: "wildcard" });
  }
  return segments;
}

export interface PathMatch {
  readonly parent: Record<string, unknown> | unknown[] | undefined;
  readonly key: string | number | undefined;
  readonly value: unknown;
}

/** Every node the path selects, with its parent so that callers can replace or remove it. */
export function queryJsonPath(root: unknown, path: string): PathMatch[] {
  let matches: PathMatch[] = [{ parent: undefined, key: undefined, value: root }];
  for (const segment of parseJsonPath(path)) {
    const next: PathMatch[] = [];
    for (const { value } of matches) {
      if (typeof value !== "object" || value === null) continue;
      const container = value as Record<string, unknown> | unknown[];
      if (segment.kind === "wildcard") {
        const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
        for (const key of keys) next.push({ parent: container, key, value: (container as Record<string, unknown>)[key] });
      } else {
        const key = segment.kind === "name" ? segment.name : segment.index;
        if (Object.prototype.hasOwnProperty.call(container, key)) {
          next.push({ parent: container, key, value: (container as Record<string, unknown>)[key] });
        }
      }
    }
    matches = next;
  }
  return matches;
}
