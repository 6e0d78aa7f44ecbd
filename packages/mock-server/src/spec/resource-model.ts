import { camelCase, isObject, type JsonObject } from "../internal/json.js";
import { objectProperties, resolveRef } from "./json-schema.js";
import { pathParamSchema, resultsItem, successResponse, type OperationKind } from "./operation.js";
import { isParam, parentOf } from "./router.js";

/** How the items of a collection are identified. */
export type IdKind = "integer" | "uuid" | "string";

/**
 * The resources a spec describes, read from its path shapes: which templates are collections
 * (a paginated GET, or a parent of item paths), what kind of id their item paths take and which
 * property holds it, which collections the API fills itself (no POST: seeded with fixtures).
 */
export interface ResourceModel {
  readonly collections: ReadonlySet<string>;
  /** Collection template → the property holding an item's id (undefined: ids are indexes). */
  readonly idFields: ReadonlyMap<string, string | undefined>;
  /** Collection template → the kind of id its item paths take. */
  readonly idKinds: ReadonlyMap<string, IdKind>;
  /** Collections without a create operation: filled with fixtures. */
  readonly readOnlyCollections: readonly string[];
  /** The operation kind of a method on a template. */
  kindOf(method: string, template: string): OperationKind;
  isPaginated(template: string): boolean;
}

export function resourceModel(paths: JsonObject, schemas: JsonObject): ResourceModel {
  const templates = Object.keys(paths);
  const getOf = (template: string): JsonObject | undefined => {
    const item = paths[template];
    return isObject(item) && isObject(item["get"]) ? item["get"] : undefined;
  };
  const successOf = (op: JsonObject | undefined): unknown => (op === undefined ? undefined : successResponse(op).schema);
  const isPaginated = (template: string): boolean => {
    const schema = resolveRef(successOf(getOf(template)), schemas);
    const properties = isObject(schema?.["properties"]) ? schema["properties"] : {};
    return isObject(properties["results"]) && "next" in properties && "previous" in properties;
  };
  const itemTemplates = new Set(templates.filter((t) => /\/\{[^}]+\}$/.test(t) && getOf(t) !== undefined));
  const collections = new Set(templates.filter((t) => isPaginated(t) || [...itemTemplates].some((item) => parentOf(item) === t)));
  // Nested parameter paths like messages/{index}/audio make "messages" a collection too.
  for (const t of templates) {
    const segments = t.split("/");
    segments.forEach((segment, i) => {
      const prefix = segments.slice(0, i).join("/");
      if (isParam(segment) && getOf(prefix) !== undefined && isPaginated(prefix)) collections.add(prefix);
    });
  }
  const idFields = new Map<string, string | undefined>();
  const idKinds = new Map<string, IdKind>();
  for (const collection of collections) {
    // The item path, or a deeper one naming the item (messages/{index}/audio has no messages/{index}).
    const item =
      templates.find((t) => parentOf(t) === collection && isParam(t.split("/").pop() ?? "")) ??
      templates.find((t) => t.startsWith(`${collection}/{`));
    const list = getOf(collection);
    const itemSchema = list === undefined ? undefined : resultsItem(successOf(list), schemas);
    const paramName = (item?.slice(collection.length + 1).split("/")[0] ?? "{}").slice(1, -1);
    const paramSchema = item === undefined ? undefined : pathParamSchema(paths[item], paramName);
    idKinds.set(collection, paramSchema?.["type"] === "integer" ? "integer" : paramSchema?.["format"] === "uuid" ? "uuid" : "string");
    const itemGet = item === undefined || parentOf(item) !== collection ? undefined : getOf(item);
    // A list with no item path (an agent's calls) is keyed by its singular id field when it has one.
    const singular = camelCase(`${(collection.split("/").pop() ?? "").replace(/s$/, "")}_id`);
    idFields.set(
      collection,
      item === undefined
        ? objectProperties(itemSchema, schemas).has(singular)
          ? singular
          : undefined
        : idFieldOf(paramName, itemGet === undefined ? itemSchema : resolveRef(successOf(itemGet), schemas), schemas),
    );
  }
  const readOnlyCollections = [...collections].filter((t) => {
    const item = paths[t];
    return !(isObject(item) && isObject(item["post"]));
  });
  const kindOf = (method: string, template: string): OperationKind => {
    const pathItem = paths[template];
    const lower = method.toLowerCase();
    const isItem = itemTemplates.has(template) && collections.has(parentOf(template));
    if (collections.has(template)) {
      if (lower === "get") return "list";
      if (lower === "post") return "create";
    }
    if (isItem) {
      if (lower === "get") return "retrieve";
      if (lower === "put") return "replace";
      if (lower === "patch") return "update";
      if (lower === "delete") return "destroy";
    }
    const hasGet = isObject(pathItem) && isObject(pathItem["get"]);
    if (lower === "get") return "singleton-get";
    if (lower === "post") return hasGet ? "singleton-create" : "action";
    if (lower === "delete") return "singleton-delete";
    return "singleton-update";
  };
  return { collections, idFields, idKinds, readOnlyCollections, kindOf, isPaginated };
}

/**
 * The item template under a collection and its parameter's name: the item path, or the first
 * deeper path naming an item (messages/{index}/audio). Undefined for a collection without items.
 */
export function itemTemplateOf(templates: Iterable<string>, hasGet: (template: string) => boolean, collection: string): { template: string; param: string } | undefined {
  const all = [...templates];
  for (const template of all) {
    const last = template.slice(template.lastIndexOf("/") + 1);
    if (parentOf(template) === collection && isParam(last) && hasGet(template)) return { template, param: last.slice(1, -1) };
  }
  const nested = all.find((t) => t.startsWith(`${collection}/{`));
  if (nested === undefined) return undefined;
  const segment = nested.slice(collection.length + 1).split("/")[0] ?? "";
  return { template: `${collection}/${segment}`, param: segment.slice(1, -1) };
}

function idFieldOf(paramName: string, itemSchema: unknown, schemas: JsonObject): string | undefined {
  const properties = objectProperties(itemSchema, schemas);
  const wanted = camelCase(paramName);
  if (properties.has(wanted)) return wanted;
  // api_key_prefix names the `prefix` property: the longest property the parameter ends with.
  const suffixes = [...properties.keys()].filter((name) => wanted.toLowerCase().endsWith(name.toLowerCase()));
  return suffixes.sort((a, b) => b.length - a.length)[0];
}
