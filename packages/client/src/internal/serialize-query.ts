import { createQuerySerializer } from "openapi-fetch";
import { OBJECT_QUERY_STYLES } from "../generated/query-styles.js";

const standard = createQuerySerializer();

function styleOf(name: string, value: unknown): "dotted" | "form" | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? OBJECT_QUERY_STYLES[name] : undefined;
}

/**
 * openapi-fetch's query serializer, except for the object-valued parameters the spec documents another
 * form for (generated from the spec): `"dotted"` sends `{ metadata: { team: "blue" } }` as
 * `metadata.team=blue`, `"form"` as `team=blue`. Other objects keep openapi-fetch's `name[key]=value`.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  for (const name in query) {
    if (styleOf(name, query[name])) return standard(flatten(query));
  }
  return standard(query);
}

function flatten(query: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const name in query) {
    const value = query[name] as Record<string, unknown>;
    const style = styleOf(name, value);
    if (!style) flat[name] = value;
    else for (const key in value) flat[(style === "dotted" ? `${name}.` : "") + encodeURIComponent(key)] = value[key];
  }
  return flat;
}
