/**
 * Which query parameters of a spec take an object, and how the API reads one, by parameter name.
 *
 * - `style: deepObject` (`name[key]=value`, openapi-fetch's default for objects): left out.
 * - `style: form` with `explode` (OpenAPI's default for query parameters: `key=value`): `"form"`.
 * - No style, and a description documenting `name.key=value` (DRF filters on JSON fields read
 *   dotted names, e.g. the calls list's "Use metadata.key=value"): `"dotted"`.
 *
 * Names must mean the same in every operation, since openapi-fetch's serializer does not see the
 * path; a spec where they differ, or a style the client cannot send, fails the build here.
 */
export type ObjectQueryStyle = "dotted" | "form";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Follows local `$ref`s (`#/components/...`). */
function deref(document: Json, value: unknown): unknown {
  for (let depth = 0; isObject(value) && typeof value["$ref"] === "string" && depth < 32; depth++) {
    const ref: string = value["$ref"];
    value = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  }
  return value;
}

function isObjectSchema(document: Json, schema: unknown): boolean {
  const resolved = deref(document, schema);
  if (!isObject(resolved)) return false;
  const type = resolved["type"];
  return type === "object" || (Array.isArray(type) && type.includes("object")) || (type === undefined && ("properties" in resolved || "additionalProperties" in resolved));
}

function styleOf(parameter: Json, name: string): ObjectQueryStyle | "deepObject" {
  const style = parameter["style"];
  const explode = parameter["explode"];
  if (style === "deepObject") return "deepObject";
  if (style === undefined) {
    const description = typeof parameter["description"] === "string" ? parameter["description"] : "";
    if (new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.\\w+=`).test(description)) return "dotted";
  }
  if ((style === undefined || style === "form") && explode !== false) return "form";
  throw new Error(`query parameter ${name}: style ${String(style)} with explode ${String(explode)} is not supported for objects`);
}

export function objectQueryStyles(document: Json): Record<string, ObjectQueryStyle> {
  const found = new Map<string, { style: ObjectQueryStyle | "deepObject"; where: string }>();
  const paths = isObject(document["paths"]) ? document["paths"] : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(document, rawItem);
    if (!isObject(item)) continue;
    const shared: unknown[] = Array.isArray(item["parameters"]) ? item["parameters"] : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own: unknown[] = Array.isArray(operation["parameters"]) ? operation["parameters"] : [];
      for (const raw of [...shared, ...own]) {
        const parameter = deref(document, raw);
        if (!isObject(parameter) || parameter["in"] !== "query" || typeof parameter["name"] !== "string") continue;
        if (!isObjectSchema(document, parameter["schema"])) continue;
        const name = parameter["name"];
        const style = styleOf(parameter, name);
        const where = `${method.toUpperCase()} ${path}`;
        const seen = found.get(name);
        if (seen && seen.style !== style) {
          throw new Error(`query parameter ${name} is read as ${seen.style} by ${seen.where} but as ${style} by ${where}`);
        }
        found.set(name, { style, where });
      }
    }
  }
  const styles: Record<string, ObjectQueryStyle> = {};
  for (const [name, { style }] of [...found].sort(([a], [b]) => a.localeCompare(b))) if (style !== "deepObject") styles[name] = style;
  return styles;
}
