import type { Direction, SpecChange } from "../spec-diff-types.js";
import { canonicalJson } from "./canonical-json.js";
import { change, compareSchemas, type CompareContext } from "./compare-schemas.js";
import { HTTP_METHODS } from "./parse-openapi.js";
import { deref, isObject, type Json } from "./resolve-ref.js";
import type { ShapeCache } from "./schema-shape.js";

export interface OperationRef {
  readonly key: string;
  readonly op: Json;
  /** Path-level parameters merged with the operation's (the operation's win), keyed `in name`. */
  readonly params: Map<string, Json>;
  /** The security requirements in force: the operation's, else the document's (undefined: none). */
  readonly security: unknown;
}

export function listOperations(doc: Json, origin: string): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>();
  const paths = isObject(doc["paths"]) ? doc["paths"] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const params = new Map<string, Json>();
      for (const list of [item["parameters"], op["parameters"]]) {
        if (!Array.isArray(list)) continue;
        for (const p of list as unknown[]) {
          const param = deref(doc, p, origin);
          if (isObject(param) && typeof param["name"] === "string" && typeof param["in"] === "string") {
            params.set(`${param["in"]} ${param["name"]}`, param);
          }
        }
      }
      const key = `${method.toUpperCase()} ${path}`;
      out.set(key, { key, op, params, security: op["security"] ?? doc["security"] });
    }
  }
  return out;
}

interface Sides {
  readonly old: ShapeCache;
  readonly new: ShapeCache;
}

/** Every change to one operation present in both documents. */
export function compareOperation(a: OperationRef, b: OperationRef, sides: Sides): SpecChange[] {
  const changes: SpecChange[] = [];
  const emit = (c: SpecChange): void => {
    changes.push(c);
  };
  const ctx = (dir: Direction): CompareContext => ({ old: sides.old, new: sides.new, dir, emit, seen: new Set() });
  const { key } = a;

  if (a.op["operationId"] !== b.op["operationId"]) {
    // `operations["<id>"]` and `OperationId` in the types package are keyed by it.
    emit(change("breaking", "operation-id-changed", key, `operationId ${String(a.op["operationId"])} → ${String(b.op["operationId"])}`));
  }
  for (const field of ["summary", "description", "tags", "deprecated", "externalDocs"] as const) {
    if (canonicalJson(a.op[field]) !== canonicalJson(b.op[field])) emit(change("docs", `operation-${field}-changed`, key, `${field} changed`));
  }

  compareSecurity(a, b, emit);

  for (const name of [...new Set([...a.params.keys(), ...b.params.keys()])].sort()) {
    const pa = a.params.get(name);
    const pb = b.params.get(name);
    const where = paramWhere(key, pa ?? pb);
    if (pb === undefined) {
      emit(change("breaking", "parameter-removed", where, "parameter removed"));
      continue;
    }
    const rb = pb["required"] === true || pb["in"] === "path";
    if (pa === undefined) {
      if (rb) emit(change("breaking", "parameter-added", where, "new required parameter"));
      else emit(change("additive", "parameter-added", where, "new optional parameter"));
      continue;
    }
    const ra = pa["required"] === true || pa["in"] === "path";
    if (!ra && rb) emit(change("breaking", "parameter-required-changed", where, "now required"));
    if (ra && !rb) emit(change("additive", "parameter-required-changed", where, "now optional"));
    if (canonicalJson([pa["description"], pa["example"], pa["examples"], pa["deprecated"]]) !==
        canonicalJson([pb["description"], pb["example"], pb["examples"], pb["deprecated"]])) {
      emit(change("docs", "parameter-docs-changed", where, "documentation changed"));
    }
    compareSchemas(pa["schema"], pb["schema"], where, ctx("request"));
  }

  compareBody(a, b, sides, emit, ctx("request"));
  compareResponses(a, b, sides, emit, ctx("response"));
  return changes;
}

/**
 * Security requirements: alternatives, each a set of schemes to satisfy together; none (or an empty
 * alternative `{}`) lets anonymous calls through. Calls made without credentials, or with an
 * alternative that is gone, now get 401: breaking.
 */
function compareSecurity(a: OperationRef, b: OperationRef, emit: (c: SpecChange) => void): void {
  const was = alternatives(a.security);
  const now = alternatives(b.security);
  const open = (alts: Set<string>): boolean => alts.size === 0 || alts.has("");
  if (open(was) && !open(now)) {
    emit(change("breaking", "security-added", a.key, `now requires authentication (${[...now].sort().join(" or ")})`));
  } else if (!open(was) && open(now)) {
    emit(change("additive", "security-removed", a.key, "no longer requires authentication"));
  } else if (!open(was)) {
    for (const alt of [...was].filter((x) => !now.has(x)).sort()) emit(change("breaking", "security-changed", a.key, `no longer accepts ${alt}`));
    for (const alt of [...now].filter((x) => !was.has(x)).sort()) emit(change("additive", "security-changed", a.key, `now also accepts ${alt}`));
  }
}

/** Each alternative as its scheme names (and scopes) joined with ` + `; `""` for the anonymous `{}`. */
function alternatives(security: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(security)) return out;
  for (const requirement of security as unknown[]) {
    if (!isObject(requirement)) continue;
    const parts = Object.entries(requirement)
      .map(([scheme, scopes]) => (Array.isArray(scopes) && scopes.length > 0 ? `${scheme} [${(scopes as unknown[]).map(String).sort().join(", ")}]` : scheme))
      .sort();
    out.add(parts.join(" + "));
  }
  return out;
}

function paramWhere(key: string, param: Json | undefined): string {
  const name = String(param?.["name"]);
  const at = String(param?.["in"]);
  if (at === "query") return `${key}?${name}`;
  if (at === "path") return `${key} {${name}}`;
  return `${key} ${at} ${name}`;
}

function compareBody(a: OperationRef, b: OperationRef, sides: Sides, emit: (c: SpecChange) => void, ctx: CompareContext): void {
  const ba = deref(sides.old.doc, a.op["requestBody"], sides.old.origin);
  const bb = deref(sides.new.doc, b.op["requestBody"], sides.new.origin);
  const where = `${a.key} body`;
  if (!isObject(ba) && !isObject(bb)) return;
  if (!isObject(bb)) {
    emit(change("breaking", "request-body-removed", where, "request body removed"));
    return;
  }
  if (!isObject(ba)) {
    const required = bb["required"] === true;
    emit(change(required ? "breaking" : "additive", "request-body-added", where, required ? "new required request body" : "new optional request body"));
    return;
  }
  if (ba["required"] !== true && bb["required"] === true) emit(change("breaking", "request-body-required-changed", where, "now required"));
  if (ba["required"] === true && bb["required"] !== true) emit(change("additive", "request-body-required-changed", where, "now optional"));
  if (canonicalJson(ba["description"]) !== canonicalJson(bb["description"])) emit(change("docs", "request-body-docs-changed", where, "documentation changed"));
  compareContent(ba["content"], bb["content"], where, emit, ctx);
}

function compareResponses(a: OperationRef, b: OperationRef, sides: Sides, emit: (c: SpecChange) => void, ctx: CompareContext): void {
  const ra = isObject(a.op["responses"]) ? a.op["responses"] : {};
  const rb = isObject(b.op["responses"]) ? b.op["responses"] : {};
  for (const status of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const where = `${a.key} ${status}`;
    const xa = deref(sides.old.doc, ra[status], sides.old.origin);
    const xb = deref(sides.new.doc, rb[status], sides.new.origin);
    if (!isObject(xb)) {
      emit(change("breaking", "response-removed", where, "response removed"));
      continue;
    }
    if (!isObject(xa)) {
      emit(change("additive", "response-added", where, "new response"));
      continue;
    }
    if (canonicalJson(xa["description"]) !== canonicalJson(xb["description"])) emit(change("docs", "response-docs-changed", where, "documentation changed"));
    compareHeaders(xa["headers"], xb["headers"], where, sides, emit, ctx);
    compareContent(xa["content"], xb["content"], where, emit, ctx);
  }
}

/** Response headers are typed too (`headers: { "Retry-After"?: … }`); names compare case-insensitively. */
function compareHeaders(ha: unknown, hb: unknown, where: string, sides: Sides, emit: (c: SpecChange) => void, ctx: CompareContext): void {
  const byName = (h: unknown, doc: unknown, origin: string) =>
    new Map(Object.entries(isObject(h) ? h : {}).map(([name, value]) => [name.toLowerCase(), { name, value: deref(doc, value, origin) }]));
  const a = byName(ha, sides.old.doc, sides.old.origin);
  const b = byName(hb, sides.new.doc, sides.new.origin);
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const xa = a.get(key);
    const xb = b.get(key);
    const at = `${where} header ${(xb ?? xa)?.name ?? key}`;
    if (xb === undefined) emit(change("breaking", "response-header-removed", at, "header removed"));
    else if (xa === undefined) emit(change("additive", "response-header-added", at, "new header"));
    else {
      const va = isObject(xa.value) ? xa.value : {};
      const vb = isObject(xb.value) ? xb.value : {};
      if (va["required"] === true && vb["required"] !== true) emit(change("breaking", "response-header-required-changed", at, "now optional"));
      if (va["required"] !== true && vb["required"] === true) emit(change("additive", "response-header-required-changed", at, "now always sent"));
      if (canonicalJson(va["description"]) !== canonicalJson(vb["description"])) emit(change("docs", "response-header-docs-changed", at, "documentation changed"));
      compareSchemas(va["schema"], vb["schema"], at, ctx);
    }
  }
}

function compareContent(ca: unknown, cb: unknown, where: string, emit: (c: SpecChange) => void, ctx: CompareContext): void {
  const ma = isObject(ca) ? ca : {};
  const mb = isObject(cb) ? cb : {};
  const types = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort();
  for (const type of types) {
    // Name the media type only when there is a choice of them.
    const at = types.length > 1 ? `${where} ${type}` : where;
    const xa = ma[type];
    const xb = mb[type];
    if (!isObject(xb)) emit(change("breaking", "media-type-removed", where, `media type ${type} removed`));
    else if (!isObject(xa)) emit(change("additive", "media-type-added", where, `new media type ${type}`));
    else {
      if (canonicalJson([xa["example"], xa["examples"]]) !== canonicalJson([xb["example"], xb["examples"]])) {
        emit(change("docs", "examples-changed", at, "examples changed"));
      }
      compareSchemas(xa["schema"], xb["schema"], at, ctx);
    }
  }
}
