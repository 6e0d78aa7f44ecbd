import { createQuerySerializer } from "openapi-fetch";
import { OBJECT_QUERY_STYLES } from "../generated/query-styles.js";

const standard = createQuerySerializer();

/**
 * openapi-fetch's query serializer, except for the object-valued parameters the spec documents another
 * form for (generated from the spec): `"dotted"` sends `{ metadata: { team: "blue" } }` as
 * `metadata.team=blue`, `"form"` as `team=blue`. Other objects keep openapi-fetch's `name[key]=value`.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const flat: Record<string, unknown> = {};
  for (const name in query) {
    const value = query[name];
    const style = OBJECT_QUERY_STYLES[name];
    if (style && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const key in value) flat[(style === "dotted" ? `${name}.` : "") + encodeURIComponent(key)] = (value as Record<string, unknown>)[key];
    } else flat[name] = value;
  }
  return standard(flat);
}
