import type { CompiledOperation } from "./operation.js";

/** One path template of the spec and its operations by method. */
export interface Route {
  readonly template: string;
  readonly segments: readonly string[];
  /** Segment positions holding a parameter. */
  readonly params: readonly number[];
  /** Parameter positions whose prefix is a collection: the items that must exist. */
  readonly parents: readonly number[];
  readonly operations: ReadonlyMap<string, CompiledOperation>;
  /** The `Allow` header's value: the route's methods. */
  readonly allow: string;
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
 * key). Undefined when a segment is not valid percent-encoding.
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
