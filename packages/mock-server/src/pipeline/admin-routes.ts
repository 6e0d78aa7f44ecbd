import type { FaultRule } from "../fault-rule.js";
import { apiKeyOf } from "./api-key.js";
import type { Answer, CoreRequest, CoreResponse } from "./core-exchange.js";
import { parseFaultRules, type FaultInjector } from "./fault-injector.js";
import { empty, json } from "./respond.js";
import { journalFilterFromQuery, type RequestJournal } from "./request-journal.js";
import type { VirtualClock } from "./virtual-clock.js";

/**
 * The mock's own controls live under a prefix no Ultravox path uses (they all start with /api/),
 * so the API surface stays exactly the spec's:
 *
 *   GET    /__mock/clock                    → {"mode", "now"}
 *   POST   /__mock/clock/advance {"ms": n}  → {"mode", "now"}   (after time-driven work is done)
 *   POST   /__mock/clock/set {"now": iso}   → {"mode", "now"}
 *   GET    /__mock/faults                   → [rule…] with ids and remaining counts
 *   PUT    /__mock/faults [rule…]           → replaces every rule
 *   POST   /__mock/faults rule | [rule…]    → adds rules (201)
 *   DELETE /__mock/faults[/{id}]            → removes all rules, or one (204)
 *   GET    /__mock/journal?method=&path=&pathPrefix=&status=&tenant=
 *                                           → {"entries", "size", "dropped"}
 *   DELETE /__mock/journal                  → empties it (204)
 *
 * Behaviours add their own (see MockBehaviour.adminRoute/publicRoute): the Ultravox ones the calls'
 * controls (`/__mock/calls/…`) and the files served without a key (`/__mock/files/…`).
 *
 * Every admin request needs an accepted API key, like the API's own routes. Admin requests are not
 * journaled, rate limited or subject to faults.
 */
export const ADMIN_PREFIX = "/__mock";
const ADMIN_DIR = `${ADMIN_PREFIX}/`;

export interface AdminContext {
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  isAcceptedKey(key: string): boolean;
  /** The behaviours' own routes, asked before the built-in ones. */
  readonly routes?: {
    publicRoute(request: CoreRequest): Answer | undefined;
    adminRoute(request: CoreRequest, path: string, apiKey: string): Answer | undefined;
  };
}

/** True for paths the admin routes own. */
export function isAdminPath(pathname: string): boolean {
  return pathname.startsWith(ADMIN_PREFIX) && (pathname.length === ADMIN_PREFIX.length || pathname.startsWith(ADMIN_DIR));
}

export async function handleAdmin(request: CoreRequest, context: AdminContext): Promise<CoreResponse> {
  const open = context.routes?.publicRoute(request);
  if (open !== undefined) return open;
  const key = apiKeyOf(request);
  if (key === null || key === "") return json(401, { detail: "Authentication credentials were not provided." });
  if (!context.isAcceptedKey(key)) return json(401, { detail: "Invalid API key." });
  const path = request.url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, "");
  const own = context.routes?.adminRoute(request, path, key);
  if (own !== undefined) return own;
  const { method } = request;
  const routes: Record<string, Record<string, () => Promise<CoreResponse> | CoreResponse>> = {
    "/clock": { GET: () => json(200, context.clock.toJSON()) },
    "/clock/advance": {
      POST: async () => {
        const body = await readJson(request);
        if ("errors" in body) return json(400, body.errors);
        const ms = body.value["ms"] ?? request.url.searchParams.get("ms");
        const value = typeof ms === "string" && ms.trim() !== "" ? Number(ms) : ms;
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
          return json(400, { ms: ["A number of milliseconds >= 0 is required."] });
        }
        await context.clock.advance(value);
        return json(200, context.clock.toJSON());
      },
    },
    "/clock/set": {
      POST: async () => {
        const body = await readJson(request);
        if ("errors" in body) return json(400, body.errors);
        const now = body.value["now"] ?? request.url.searchParams.get("now");
        const ms = typeof now === "string" ? Date.parse(now) : typeof now === "number" ? now : Number.NaN;
        if (!Number.isFinite(ms)) return json(400, { now: ["An ISO 8601 date-time (or epoch milliseconds) is required."] });
        await context.clock.set(ms);
        return json(200, context.clock.toJSON());
      },
    },
    "/faults": {
      GET: () => json(200, context.faults.list()),
      PUT: async () => {
        const parsed = await readRules(request);
        if ("errors" in parsed) return json(400, parsed.errors);
        return json(200, context.faults.set(parsed.rules));
      },
      POST: async () => {
        const parsed = await readRules(request);
        if ("errors" in parsed) return json(400, parsed.errors);
        return json(201, parsed.rules.map((rule) => context.faults.add(rule)));
      },
      DELETE: () => {
        context.faults.clear();
        return empty(204);
      },
    },
    "/journal": {
      GET: () => {
        const parsed = journalFilterFromQuery(request.url.searchParams);
        if ("errors" in parsed) return json(400, parsed.errors);
        const { journal } = context;
        return json(200, { entries: journal.list(parsed.filter), size: journal.size, dropped: journal.dropped });
      },
      DELETE: () => {
        context.journal.clear();
        return empty(204);
      },
    },
  };
  const oneFault = /^\/faults\/(\d+)$/.exec(path);
  if (oneFault !== null) {
    if (method !== "DELETE") return json(405, { detail: `Method "${method}" not allowed.` }, { allow: "DELETE" });
    const id = Number(oneFault[1]);
    if (!context.faults.list().some((rule) => rule.id === id)) return json(404, { detail: "Not found." });
    context.faults.clear(id);
    return empty(204);
  }
  const route = Object.prototype.hasOwnProperty.call(routes, path) ? routes[path] : undefined;
  if (route === undefined) return json(404, { detail: "Not found." });
  const handler = Object.prototype.hasOwnProperty.call(route, method) ? route[method] : undefined;
  if (handler === undefined) return json(405, { detail: `Method "${method}" not allowed.` }, { allow: Object.keys(route).join(", ") });
  return handler();
}

async function readJson(request: CoreRequest): Promise<{ value: Record<string, unknown> } | { errors: Record<string, unknown> }> {
  const bytes = await request.readBody(64 * 1024);
  if (bytes === "too-large") return { errors: { detail: "Request body too large." } };
  if (bytes.length === 0) return { value: {} };
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return { value: parsed as Record<string, unknown> };
    return { errors: { detail: "A JSON object is required." } };
  } catch (error) {
    return { errors: { detail: `JSON parse error - ${error instanceof Error ? error.message : "invalid JSON"}` } };
  }
}

async function readRules(request: CoreRequest): Promise<{ rules: FaultRule[] } | { errors: Record<string, unknown> }> {
  const bytes = await request.readBody(64 * 1024);
  if (bytes === "too-large") return { errors: { detail: "Request body too large." } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return { errors: { detail: `JSON parse error - ${error instanceof Error ? error.message : "invalid JSON"}` } };
  }
  return parseFaultRules(parsed);
}
