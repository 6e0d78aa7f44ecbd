import type { CompiledOperation } from "./operation.js";

/** One path template of the spec and its operations by method. */
export interface Route {
  /** The spec's path template, e.g. `/api/agents/{agent_id}`. */
  readonly template: string;
  /** The template split on `/` (the first is the empty segment before the leading slash). */
  readonly segments: readonly string[];
  /** Segment positions holding a parameter. */
  readonly params: readonly number[];
  /** Parameter positions whose prefix is a collection: the items that must exist. */
  readonly parents: readonly number[];
  /** Its operations by upper-case method. */
  readonly operations: ReadonlyMap<string, CompiledOperation>;
  /**
   * The `Allow` header's value as DRF writes it: the view's methods in Django's
   * `http_method_names` order (GET, POST, PUT, PATCH, DELETE), then HEAD (when GET is there) and OPTIONS.
   */
  readonly allow: string;
  /** Per position in `params`: what a segment must look like to match, as Django's path converters decide. */
  readonly converters: readonly RegExp[];
  /** Whether the view authenticates: any of its operations asks for a key (DRF authenticates per view, before the method). */
  readonly auth: boolean;
}

/** Django's `uuid` path converter: lower-case hex only, so an upper-case UUID is a routing miss. */
export const UUID_CONVERTER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Django's `int` path converter. */
const INT_CONVERTER = /^[0-9]+$/;
/** Django's `str` path converter: any non-empty segment. */
const STR_CONVERTER = /^[^/]+$/;

/** The converter a path parameter's schema implies (format uuid → uuid, integer → int, else str). */
export function converterFor(schema: unknown): RegExp {
  if (typeof schema !== "object" || schema === null) return STR_CONVERTER;
  const { type, format } = schema as Record<string, unknown>;
  if (format === "uuid") return UUID_CONVERTER;
  if (type === "integer") return INT_CONVERTER;
  return STR_CONVERTER;
}

const METHOD_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** DRF's Allow value for a view with these methods (see Route.allow). */
export function allowHeader(methods: Iterable<string>): string {
  const present = new Set(methods);
  const allowed = METHOD_ORDER.filter((method) => present.has(method));
  if (present.has("GET")) allowed.push("HEAD");
  allowed.push("OPTIONS");
  return allowed.join(", ");
}

/** Routes grouped by segment count, most specific first within a group. */
export type RouteTable = ReadonlyMap<number, readonly Route[]>;

export function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/** The template or path one level up: `/api/agents/{agent_id}` → `/api/agents`. */
export function parentOf(template: string): string {
  return template.slice(0, template.lastIndexOf("/"));
}

/** Groups routes by length; literal segments win over parameters (/api/agents/usage before /api/agents/{agent_id}). */
export function routeTable(routes: readonly Route[]): RouteTable {
  const grouped = new Map<number, Route[]>();
  for (const route of routes) {
    const list = grouped.get(route.segments.length) ?? [];
    list.push(route);
    grouped.set(route.segments.length, list);
  }
  for (const list of grouped.values()) list.sort((a, b) => compareSpecificity(a.segments, b.segments));
  return grouped;
}

/** The route a request path takes, with its raw (still encoded) segments; undefined: no route (404). */
export function matchRoute(table: RouteTable, pathname: string): { route: Route; raw: string[] } | undefined {
  const raw = pathname.split("/");
  for (const route of table.get(raw.length) ?? []) {
    let ok = true;
    for (let i = 0; i < raw.length && ok; i++) {
      const segment = route.segments[i] ?? "";
      ok = isParam(segment) ? (raw[i] ?? "") !== "" : segment === raw[i];
    }
    if (ok) return { route, raw };
  }
  return undefined;
}

/**
 * The decoded path parameters of a matched path, and the path with them re-encoded (the store's
 * key). Undefined when a segment is not valid percent-encoding or its converter refuses it: for
 * Django both are a routing miss (404 before authentication and the method check).
 */
export function decodePathParams(route: Route, raw: readonly string[]): { params: Record<string, string>; concrete: string[] } | undefined {
  const params: Record<string, string> = {};
  const concrete = [...route.segments];
  for (const i of route.params) {
    let value: string;
    try {
      value = decodeURIComponent(raw[i] ?? "");
    } catch {
      return undefined;
    }
    const converter = route.converters[route.params.indexOf(i)];
    if (converter !== undefined && !converter.test(value)) return undefined;
    params[(route.segments[i] ?? "").slice(1, -1)] = value;
    concrete[i] = encodeURIComponent(value);
  }
  return { params, concrete };
}

function compareSpecificity(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const pa = isParam(a[i] ?? "");
    const pb = isParam(b[i] ?? "");
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}
